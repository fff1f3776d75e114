import * as vscode from 'vscode';
import { analyze } from '../../core/analysis/analyze';
import { DEFAULT_LEEWAY_SECONDS, type FindingKind } from '../../core/model';
import { openDiagnosis } from './findingActions';
import type { DebugWatcher } from './watcher';

/** What VS Code passes to a `debug/variables/context` command (DAP Variable and its container). */
export interface VariableMenuContext {
  readonly sessionId?: string;
  readonly container?: unknown;
  readonly variable?: {
    readonly name?: string;
    readonly value?: string;
    readonly evaluateName?: string;
    readonly variablesReference?: number;
  };
}

/** What a diagnose command did (returned to callers such as tests; holds no token text). */
export interface DiagnoseOutcome {
  /** The kinds found in the text that was diagnosed; empty when nothing was found. */
  readonly kinds: FindingKind[];
  /** Whether the diagnosis panel was asked to open. */
  readonly opened: boolean;
  /** Where the text came from: "variable", "full value" (re-read from the debugger), "clipboard". */
  readonly from: string;
}

/** Largest value diagnosed; a token is far smaller. */
const MAX_VALUE_CHARS = 256 * 1024;

/** A value as a debugger shows it ('…', "…", `…`) without the quotes, escapes undone where safe. */
export function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2) {
    const q = v[0];
    if ((q === '"' || q === "'" || q === '`') && v[v.length - 1] === q) {
      const inner = v.slice(1, -1);
      if (q === '"') {
        try {
          return JSON.parse(v) as string;
        } catch {
          return inner;
        }
      }
      return inner.replace(/\\(['`\\])/g, '$1');
    }
  }
  return v;
}

/** Debuggers cut long strings in the Variables view; these endings mark a cut. */
function looksCut(value: string): boolean {
  return /(…|\.\.\.)['"`]?$/.test(value.trim());
}

function kindsIn(text: string): FindingKind[] {
  const now = Math.floor(Date.now() / 1000);
  return analyze(text.slice(0, MAX_VALUE_CHARS), { now, leeway: DEFAULT_LEEWAY_SECONDS }).findings.map((f) => f.kind);
}

/**
 * "Diagnose Token" in the Variables view: diagnoses the variable's value. When
 * the shown value looks cut, asks the debugger for the whole value (an
 * `evaluate` of the variable's evaluateName in the `clipboard` context, as
 * "Copy Value" does).
 */
export async function diagnoseVariable(watcher: DebugWatcher, ctx: VariableMenuContext | undefined): Promise<DiagnoseOutcome> {
  const variable = ctx?.variable;
  if (typeof variable?.value !== 'string') {
    void vscode.window.showInformationMessage('Token Doctor: run "Diagnose Token" from a variable in the Variables view.');
    return { kinds: [], opened: false, from: 'variable' };
  }
  let text = unquote(variable.value);
  let from = 'variable';
  let kinds = kindsIn(text);
  const damaged = kinds.length === 0 || looksCut(variable.value);
  if (damaged && variable.evaluateName) {
    const full = await fullValue(watcher, ctx?.sessionId, variable.evaluateName);
    if (full !== undefined) {
      const fullKinds = kindsIn(full);
      if (fullKinds.length > 0) {
        text = full;
        kinds = fullKinds;
        from = 'full value';
      }
    }
  }
  if (kinds.length === 0) {
    void vscode.window.showInformationMessage(`Token Doctor: no token or auth error in ${variable.name ? `"${variable.name}"` : 'this value'}.`);
    return { kinds, opened: false, from };
  }
  return { kinds, opened: await openDiagnosis(text), from };
}

async function fullValue(watcher: DebugWatcher, sessionId: string | undefined, expression: string): Promise<string | undefined> {
  const session = (sessionId && watcher.session(sessionId)) || vscode.debug.activeDebugSession;
  if (!session) return undefined;
  const item = vscode.debug.activeStackItem;
  const frameId = item instanceof vscode.DebugStackFrame && item.session.id === session.id ? item.frameId : undefined;
  try {
    const r: unknown = await session.customRequest('evaluate', { expression, context: 'clipboard', frameId });
    const result = (r as { result?: unknown } | null)?.result;
    return typeof result === 'string' ? unquote(result) : undefined;
  } catch {
    return undefined;
  }
}
