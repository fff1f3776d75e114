/** A status-bar note while the active document is not scanned (too large, excluded). */
import * as vscode from 'vscode';
import { CommandId } from './commandIds';

export class SkipStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tokenDoctor.skipped', vscode.StatusBarAlignment.Right, 100);
  private shown: string | undefined;

  constructor(private readonly skipReason: (document: vscode.TextDocument) => string | undefined) {
    this.item.name = 'Token Doctor';
    this.item.command = { title: 'Open settings', command: CommandId.OpenSettings };
  }

  /** Shows or hides the note for the given (active) document. */
  update(document: vscode.TextDocument | undefined): void {
    const reason = document && this.skipReason(document);
    if (!reason) {
      this.item.hide();
      this.shown = undefined;
      return;
    }
    this.item.text = '$(circle-slash) Token Doctor';
    this.item.tooltip = `Token Doctor does not scan this document: ${reason}. Click to change the settings.`;
    this.item.show();
    this.shown = reason;
  }

  /** Why the active document is skipped (shown in the note), or undefined when hidden. */
  get reason(): string | undefined {
    return this.shown;
  }

  dispose(): void {
    this.item.dispose();
  }
}
