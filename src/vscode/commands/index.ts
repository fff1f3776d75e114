/** The editor's commands and the handler behind each (ids in ./commandIds). */
import * as vscode from 'vscode';
import type { Diagnoser } from './diagnose';
import { decodedJson } from '../../present/panelModel';
import { redactToken } from '../../core/redact';
import { SECTION } from '../config';
import { copyCorrectedClaims } from '../languageFeatures/quickFixes';
import { CommandId, type EditorCommandId } from '../commandIds';
import { tokenOf } from '../../core/model';

export interface CommandDeps {
  readonly diagnoser: Diagnoser;
  readonly writeClipboard: (text: string) => Thenable<void>;
}

/** Copies a finding's decoded JSON or redacted token; returns what was copied (undefined when nothing). */
function redactedOf(finding: Parameters<typeof tokenOf>[0]): string | undefined {
  const token = tokenOf(finding);
  return token?.header ? redactToken(token) : undefined;
}

async function copy(deps: CommandDeps, arg: unknown, what: 'decoded' | 'redacted'): Promise<string | undefined> {
  const finding = (await deps.diagnoser.findingFor(arg))?.finding;
  const text = !finding ? undefined : what === 'decoded' ? decodedJson(finding) : redactedOf(finding);
  if (text === undefined) {
    void vscode.window.showInformationMessage(`Token Doctor: no ${what === 'decoded' ? 'token or error' : 'token'} under the cursor.`);
    return undefined;
  }
  await deps.writeClipboard(text);
  vscode.window.setStatusBarMessage(what === 'decoded' ? 'Token Doctor: decoded JSON copied' : 'Token Doctor: redacted token copied', 3000);
  return text;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const handlers: Record<EditorCommandId, (...args: unknown[]) => unknown> = {
    [CommandId.DiagnoseToken]: (arg) => deps.diagnoser.diagnoseToken(arg),
    [CommandId.ShowDiagnosis]: (arg) => deps.diagnoser.showTarget(arg),
    [CommandId.CopyDecoded]: (arg) => copy(deps, arg, 'decoded'),
    [CommandId.CopyRedacted]: (arg) => copy(deps, arg, 'redacted'),
    [CommandId.OpenSettings]: () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:token-doctor.token-doctor ${SECTION}`),
    [CommandId.CopyCorrectedClaims]: (arg) => copyCorrectedClaims(arg, deps.writeClipboard),
  };
  return Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler));
}
