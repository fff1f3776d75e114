/**
 * The one reusable diagnosis panel: a webview that shows a PanelModel. Holds
 * the user's ticks on manual checks for as long as VS Code runs; copies on
 * request of the page after validating the request.
 */
import { base64url } from 'jose';
import * as vscode from 'vscode';
import { renderPanel } from '../../present/panelHtml';
import { parseMessage, type KeyAction } from '../../present/panelMessages';
import type { PanelModel } from '../../present/panelModel';

const VIEW_TYPE = 'tokenDoctor.diagnosis';
/** True once a diagnosis was shown in this window. */
export const PANEL_SHOWN_CONTEXT_KEY = 'tokenDoctor.diagnosisShown';

/**
 * A fresh nonce for one render: 128 random bits from Web Crypto's CSPRNG
 * (the same API in Node's extension host and in a browser one).
 */
export function makeNonce(): string {
  return base64url.encode(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

export class DiagnosisPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private model: PanelModel | undefined;
  private readonly ticked = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Runs a key command for an item of the page ("Verify signature…", "Decrypt…", "Manage keys"). */
  onKeys: ((action: KeyAction, target: unknown) => unknown) | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly writeClipboard: (text: string) => Thenable<void> = (t) => vscode.env.clipboard.writeText(t),
  ) {}

  private get mediaUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'media');
  }

  /** Shows the model, reusing the panel when it is open. `refresh`: only when open, without revealing it. */
  show(model: PanelModel, refresh = false): void {
    if (refresh) {
      if (!this.panel) return;
      this.model = model;
      this.render();
      return;
    }
    this.model = model;
    // The walkthrough's "Open the diagnosis" step completes on this context key.
    void vscode.commands.executeCommand('setContext', PANEL_SHOWN_CONTEXT_KEY, true);
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        'Token Doctor',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
        { enableScripts: true, enableCommandUris: false, localResourceRoots: [this.mediaUri] },
      );
      this.panel.iconPath = { light: vscode.Uri.joinPath(this.mediaUri, 'icon-light.svg'), dark: vscode.Uri.joinPath(this.mediaUri, 'icon-dark.svg') };
      this.panel.onDidDispose(
        () => {
          this.panel = undefined;
          this.model = undefined;
        },
        undefined,
        this.disposables,
      );
      this.panel.webview.onDidReceiveMessage((m) => this.receive(m), undefined, this.disposables);
      // A hidden webview loses its page; render again so ticks made since the last render show.
      let wasVisible = true;
      this.panel.onDidChangeViewState(
        (e) => {
          const visible = e.webviewPanel.visible;
          if (visible && !wasVisible) this.render();
          wasVisible = visible;
        },
        undefined,
        this.disposables,
      );
    } else {
      this.panel.reveal(undefined, false);
    }
    this.render();
  }

  private render(): void {
    if (!this.panel || !this.model) return;
    const webview = this.panel.webview;
    webview.html = renderPanel(this.model, {
      nonce: makeNonce(),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri, 'panel.css')).toString(),
      ticked: this.ticked,
    });
  }

  /** Handles one message from the page; returns whether it was accepted (for tests). */
  async receive(raw: unknown): Promise<boolean> {
    const message = parseMessage(raw, this.model);
    if (!message) return false;
    if (message.type === 'tick') {
      if (message.checked) this.ticked.add(message.key);
      else this.ticked.delete(message.key);
      return true;
    }
    if (message.type === 'keys') {
      const target = this.model!.items[message.item]!.input.target;
      void this.onKeys?.(message.action, target);
      return true;
    }
    const text = this.model!.copies.get(message.id)!;
    await this.writeClipboard(text);
    void this.panel?.webview.postMessage({ type: 'copied', id: message.id });
    return true;
  }

  /** The page's current HTML, for tests; undefined when the panel is closed. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  get visible(): boolean {
    return this.panel !== undefined;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
