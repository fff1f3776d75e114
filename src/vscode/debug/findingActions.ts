import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import { redactText, redactToken } from '../../core/redact';
import type { Finding } from '../../core/model';

/** Opens the panel on a finding as it was found at run time (its own diagnosis, not a fresh one of its text). */
export type ShowFinding = (finding: Finding, raw: string, source: string, all?: readonly Finding[]) => unknown;

/**
 * Opens the diagnosis panel for a piece of text that has no context of its
 * own (a variable's value). The panel belongs to the editor side; this only
 * calls its command, and says so plainly when that command is missing.
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
