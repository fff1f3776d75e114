/**
 * Quick fixes in the editor: the fixes engine's problems as diagnostics
 * (source "Token Doctor", code = cause id), kept up to date as documents
 * open and change, and a code action provider that turns each fix into a
 * WorkspaceEdit. Signed tokens get "Copy corrected claims" instead; every
 * problem also links to the panel's checklist.
 */
import * as vscode from 'vscode';
import { DEFAULT_MAX_ASSERTION_LIFETIME } from '../../core/fixes/index';
import type { Mistake } from '../../core/model';
import { analyze } from '../../core/analysis/analyze';
import { documentLength } from '../analysis/cache';
import { exclusion, readConfig, SECTION } from '../config';
import { IdleScheduler } from '../analysis/scheduler';
import { CommandId } from '../commandIds';

export const DIAGNOSTIC_SOURCE = 'Token Doctor';
const DEBOUNCE_MS = 300;
/** Schemes that are the editor's own views, not documents someone writes. */
const SKIPPED_SCHEMES = new Set(['output', 'debug', 'git', 'vscode-scm', 'comment', 'vscode-terminal', 'walkThroughSnippet']);

interface Analysed {
  readonly version: number;
  readonly entries: ReadonlyArray<{ readonly diagnostic: vscode.Diagnostic; readonly problem: Mistake }>;
}

/** The corrected claims a "Copy corrected claims" action carries; written to the clipboard. */
export async function copyCorrectedClaims(arg: unknown, writeClipboard: (text: string) => Thenable<void> = (t) => vscode.env.clipboard.writeText(t)): Promise<string | undefined> {
  const text = typeof arg === 'string' ? arg : typeof (arg as { text?: unknown })?.text === 'string' ? (arg as { text: string }).text : undefined;
  if (text === undefined || text.length > 1_000_000) return undefined;
  try {
    await writeClipboard(text);
    vscode.window.setStatusBarMessage('Token Doctor: corrected claims copied; sign them again', 4000);
  } catch {
    void vscode.window.showWarningMessage('Token Doctor: could not write to the clipboard.');
  }
  return text;
}

export class QuickFixes implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  readonly collection = vscode.languages.createDiagnosticCollection('token-doctor');
  private readonly analysed = new Map<string, Analysed>();
  private readonly idle = new IdleScheduler((d) => this.analyse(d), DEBOUNCE_MS);

  constructor(private readonly clock: () => number = () => Math.floor(Date.now() / 1000)) {}

  private wanted(document: vscode.TextDocument): boolean {
    if (SKIPPED_SCHEMES.has(document.uri.scheme)) return false;
    const config = readConfig(document.uri);
    if (exclusion(document, config)) return false;
    const limit = config.maxDocumentChars;
    return documentLength(document) <= limit;
  }

  /** Computes the document's problems now (for its current version). */
  analyse(document: vscode.TextDocument): Analysed {
    const key = document.uri.toString();
    const have = this.analysed.get(key);
    if (have && have.version === document.version) return have;
    if (!this.wanted(document)) {
      this.collection.delete(document.uri);
      const empty = { version: document.version, entries: [] };
      this.analysed.set(key, empty);
      return empty;
    }
    const config = readConfig(document.uri);
    const settings = vscode.workspace.getConfiguration(SECTION, document.uri);
    const max = settings.get<number>('assertion.maxLifetimeSeconds');
    const text = document.getText();
    const found = analyze(text, {
      now: this.clock(),
      leeway: config.leeway,
      maxLifetimeSeconds: typeof max === 'number' && Number.isFinite(max) && max > 0 ? max : DEFAULT_MAX_ASSERTION_LIFETIME,
      languageId: document.languageId,
      fileName: document.uri.path,
    }).mistakes;
    const entries = found.map((problem) => {
      const range = new vscode.Range(document.positionAt(problem.start), document.positionAt(problem.end));
      const d = new vscode.Diagnostic(range, problem.message, vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = problem.causeId;
      return { diagnostic: d, problem };
    });
    const result = { version: document.version, entries };
    this.analysed.set(key, result);
    this.collection.set(document.uri, entries.map((e) => e.diagnostic));
    return result;
  }

  /** Analyses after a quiet spell, and only if the document has not changed again meanwhile. */
  schedule(document: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    this.idle.schedule(document, delay);
  }

  forget(document: vscode.TextDocument): void {
    this.idle.cancel(document.uri);
    this.analysed.delete(document.uri.toString());
    this.collection.delete(document.uri);
  }

  refreshAll(): void {
    this.analysed.clear();
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const mine = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!mine.length) return [];
    const { entries } = this.analyse(document);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of mine) {
      const entry = entries.find((e) => e.diagnostic.range.isEqual(diagnostic.range) && e.diagnostic.message === diagnostic.message && e.diagnostic.code === diagnostic.code);
      if (!entry) continue;
      const p = entry.problem;
      for (const fix of p.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
        action.edit = edit;
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred === true;
        actions.push(action);
      }
      if (p.copyText !== undefined) {
        const action = new vscode.CodeAction('Copy corrected claims', vscode.CodeActionKind.QuickFix);
        action.command = { command: CommandId.CopyCorrectedClaims, title: 'Copy corrected claims', arguments: [{ text: p.copyText }] };
        action.diagnostics = [diagnostic];
        action.isPreferred = p.fixes.length === 0;
        actions.push(action);
      }
      const checklist = new vscode.CodeAction(`Show the checklist for ${p.causeId}`, vscode.CodeActionKind.QuickFix);
      checklist.command = { command: CommandId.ShowDiagnosis, title: 'Show checklist', arguments: [{ uri: document.uri.toString(), offset: p.start, nth: 0 }] };
      checklist.diagnostics = [diagnostic];
      actions.push(checklist);
    }
    void range;
    return actions;
  }

  dispose(): void {
    this.idle.dispose();
    this.analysed.clear();
    this.collection.dispose();
  }
}

/** Registers diagnostics and quick fixes; everything is disposed with the extension. */
export function registerQuickFixes(context: vscode.ExtensionContext): QuickFixes {
  const fixes = new QuickFixes();
  context.subscriptions.push(
    fixes,
    vscode.languages.registerCodeActionsProvider([{ scheme: '*' }], fixes, QuickFixes.metadata),
    vscode.workspace.onDidOpenTextDocument((d) => fixes.schedule(d)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) fixes.schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((d) => fixes.forget(d)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) fixes.refreshAll();
    }),
  );
  for (const d of vscode.workspace.textDocuments) fixes.schedule(d);
  return fixes;
}
