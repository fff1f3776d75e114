import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { redactText, redactToken } from '../../core/redact';
import type { Finding } from '../../core/model';

/**
 * Opens the diagnosis panel for a piece of text (a token, an error response, a
 * terminal line). The panel belongs to the editor side; this only calls its
 * command, and says so plainly when that command is missing.
 */
export async function openDiagnosis(text: string): Promise<boolean> {
  try {
    await vscode.commands.executeCommand(CommandId.DiagnoseToken, text);
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(`Token Doctor could not open the diagnosis: ${redactText(message)}`);
    return false;
  }
}

/** What "Copy Redacted Token" puts on the clipboard: never the signature or personal claims. */
export function redactedCopy(finding: Finding, text: string): string {
  if ((finding.kind === 'jwt' || finding.kind === 'jwe') && finding.token) return redactToken(finding.token);
  return redactText(text);
}
