/**
 * Tokens and auth failures at run time: debug sessions (output, variables,
 * watch, hover) and the integrated terminal. One call from activate().
 */
import * as vscode from 'vscode';
import { CommandId } from '../commandIds';
import type { FindingKind } from '../../core/model';
import { TokenTerminalLinkProvider } from '../languageFeatures/terminalLinks';
import { redactedCopy, type ShowFinding } from './findingActions';
import type { DebugFinding, DebugSource } from './session';
import { diagnoseVariable, type DiagnoseOutcome, type VariableMenuContext } from './variables';
import { DebugFindingsTree, type DebugNode } from './view';
import { DEBUG_VIEW_ID, DebugWatcher } from './watcher';

/** A finding from a debug session as the API reports it: no token text, only a redacted copy. */
export interface DebugFindingInfo {
  readonly id: string;
  /** The top-level debug session the finding belongs to. */
  readonly sessionId: string;
  readonly sessionName: string;
  readonly sessionEnded: boolean;
  readonly source: DebugSource;
  readonly kind: FindingKind;
  readonly error?: string;
  readonly summary: string;
  /** Cause ids, most likely first. */
  readonly causes: string[];
  readonly count: number;
  /** What "Copy Redacted Token" copies. */
  readonly redacted: string;
}

/** The part of the extension's API that reports on debug sessions and terminals. */
export interface RuntimeApi {
  /** Findings of one debug session (its own id or its top-level session's), or of all; after queued output was scanned. */
  debugFindings(sessionId?: string): Promise<DebugFindingInfo[]>;
  /** The failure keys (cause ids, "http.401") a notification was shown for, per session. */
  debugNotifications(sessionId: string): string[];
  /** The terminal link provider registered with VS Code. */
  readonly terminalLinkProvider: TokenTerminalLinkProvider;
}

type FindingArg = DebugNode | { readonly id?: string } | string | undefined;

export function registerRuntimeFeatures(context: vscode.ExtensionContext, showFinding: ShowFinding): RuntimeApi {
  const watcher = new DebugWatcher(showFinding);
  const tree = new DebugFindingsTree(watcher, CommandId.DebugDiagnoseFinding);
  const links = new TokenTerminalLinkProvider(showFinding);

  const resolve = (arg: FindingArg): DebugFinding | undefined => {
    if (typeof arg === 'string') return watcher.find(arg);
    if (arg && 'item' in arg) return arg.item;
    if (arg && 'id' in arg && typeof arg.id === 'string') return watcher.find(arg.id);
    return undefined;
  };

  context.subscriptions.push(
    watcher,
    tree,
    vscode.window.registerTreeDataProvider(DEBUG_VIEW_ID, tree),
    vscode.window.registerTerminalLinkProvider(links),
    vscode.commands.registerCommand(CommandId.DebugDiagnoseFinding, (arg: FindingArg) => {
      const d = resolve(arg);
      if (!d) return false;
      showFinding(d.finding, d.text, `Diagnosis of a finding in debug output (${d.source})`);
      return true;
    }),
    vscode.commands.registerCommand(CommandId.DebugCopyRedactedToken, async (arg: FindingArg) => {
      const d = resolve(arg);
      if (!d) return undefined;
      const redacted = redactedCopy(d.finding, d.text);
      await vscode.env.clipboard.writeText(redacted);
      void vscode.window.setStatusBarMessage('Token Doctor: redacted copy on the clipboard', 3000);
      return redacted;
    }),
    vscode.commands.registerCommand(CommandId.DebugClearFindings, () => watcher.clear()),
    vscode.commands.registerCommand(CommandId.DebugDiagnoseVariable, (ctx: VariableMenuContext): Promise<DiagnoseOutcome> => diagnoseVariable(watcher, ctx)),
  );

  return {
    async debugFindings(sessionId) {
      await watcher.whenIdle();
      const records = sessionId ? [watcher.record(sessionId)].filter((r) => r !== undefined) : watcher.allRecords();
      return records.flatMap((r) =>
        r.findings().map((d): DebugFindingInfo => ({
          id: d.id,
          sessionId: r.id,
          sessionName: r.name,
          sessionEnded: r.ended,
          source: d.source,
          kind: d.finding.kind,
          error: d.finding.error,
          summary: d.finding.summary,
          causes: d.finding.causes.map((c) => c.id),
          count: d.count,
          redacted: redactedCopy(d.finding, d.text),
        })),
      );
    },
    debugNotifications(sessionId) {
      return [...(watcher.record(sessionId)?.notified ?? [])];
    },
    terminalLinkProvider: links,
  };
}
