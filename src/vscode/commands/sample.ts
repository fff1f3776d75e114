/**
 * "Token Doctor: Open Sample": the walkthrough's sample (media/walkthrough/sample.http), copied
 * into the extension's global storage as `token-doctor-sample.http` and opened there, so the
 * user can hover, diagnose and apply quick fixes without touching the installed extension's
 * files. A file, not an untitled buffer: an untitled buffer's language is guessed from its
 * text (YAML, here), a file's comes from its name. Through vscode.workspace.fs, so it works in
 * both extension hosts (the browser's global storage is a virtual file system) and from a .vsix.
 *
 * The walkthrough's buttons pass a step: the page has the focus when a button is pressed, so
 * editor commands alone (show the hover, quick fix) would find no editor. With a step, the
 * sample is focused, the cursor put where the step needs it, and the step's command run.
 */
import * as vscode from 'vscode';
import { CommandId } from '../commandIds';

export const SAMPLE_PATH = 'media/walkthrough/sample.http';
/** ".http", so .http features (variables, lenses) apply, REST Client installed or not. */
const SAMPLE_NAME = 'token-doctor-sample.http';

export type SampleStep = 'hover' | 'diagnose' | 'fix';
const STEPS: readonly string[] = ['hover', 'diagnose', 'fix'] satisfies SampleStep[];

/** Where each step puts the cursor: into the access token, or into the misspelled grant_type. */
const ANCHORS: Record<SampleStep | 'open', { needle: string; delta: number }> = {
  open: { needle: 'eyJ', delta: 8 },
  hover: { needle: 'eyJ', delta: 8 },
  diagnose: { needle: 'eyJ', delta: 8 },
  fix: { needle: 'grant_type=client_credential&', delta: 'grant_type='.length + 3 },
};

async function sampleEditor(extensionUri: vscode.Uri, storageUri: vscode.Uri): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(storageUri, SAMPLE_NAME);
  const existing = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  // A fresh copy each time, unless it is open (the user may be editing it).
  if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
    await vscode.workspace.fs.createDirectory(storageUri);
    await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, SAMPLE_PATH)));
  }
  const document = await vscode.workspace.openTextDocument(uri);
  // Beside the walkthrough (an editor that is not a text editor), where its steps stay in view;
  // else where the user is.
  const besideSomething = !vscode.window.activeTextEditor && vscode.window.tabGroups.activeTabGroup.activeTab !== undefined;
  const editor = await vscode.window.showTextDocument(document, {
    preview: false,
    viewColumn: existing?.viewColumn ?? (besideSomething ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active),
  });
  return editor;
}

function placeCursor(editor: vscode.TextEditor, anchor: { needle: string; delta: number }): void {
  const at = editor.document.getText().indexOf(anchor.needle);
  if (at < 0) return;
  const position = editor.document.positionAt(at + anchor.delta);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Waits (a few seconds at most) until Token Doctor's diagnostics for the document are there. */
async function diagnosticsOf(uri: vscode.Uri): Promise<void> {
  const ours = () => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'Token Doctor');
  if (ours()) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString()) && ours()) done();
    });
    const timer = setTimeout(done, 5000);
  });
}

export async function openSample(extensionUri: vscode.Uri, storageUri: vscode.Uri, step?: unknown): Promise<vscode.TextEditor> {
  const editor = await sampleEditor(extensionUri, storageUri);
  const which = typeof step === 'string' && STEPS.includes(step) ? (step as SampleStep) : undefined;
  placeCursor(editor, ANCHORS[which ?? 'open']);
  if (which === 'diagnose') await vscode.commands.executeCommand(CommandId.DiagnoseToken);
  if (which === 'hover' || which === 'fix') {
    await diagnosticsOf(editor.document.uri);
    // After the walkthrough page has handled its button (it may take the focus back), so the
    // hover or the quick-fix menu opens on the focused sample and stays open.
    setTimeout(() => {
      void vscode.window
        .showTextDocument(editor.document, { viewColumn: editor.viewColumn, preview: false })
        .then(() => vscode.commands.executeCommand(which === 'hover' ? 'editor.action.showHover' : 'editor.action.quickFix'));
    }, 300);
  }
  return editor;
}
