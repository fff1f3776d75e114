/**
 * "Token Doctor: Open Sample": the walkthrough's sample (media/walkthrough/sample.http) in a
 * new unsaved `.http` buffer, so the user can hover, diagnose and apply quick fixes without
 * touching the installed extension's files. Read through vscode.workspace.fs, so it works in
 * both extension hosts and from an installed .vsix alike.
 */
import * as vscode from 'vscode';

export const SAMPLE_PATH = 'media/walkthrough/sample.http';
/** The untitled buffer's name: ".http", so .http features (variables, lenses) apply. */
const SAMPLE_NAME = 'token-doctor-sample.http';

export async function openSample(extensionUri: vscode.Uri): Promise<vscode.TextEditor> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, SAMPLE_PATH)));
  const uri = vscode.Uri.from({ scheme: 'untitled', path: SAMPLE_NAME });
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  if (document.getText() !== text) {
    const all = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    await editor.edit((b) => b.replace(all, text));
  }
  // The cursor on the first token: the hover step's "Show the hover" works at once.
  const at = document.getText().indexOf('eyJ');
  if (at >= 0) {
    const position = document.positionAt(at + 8);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}
