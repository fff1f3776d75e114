/**
 * Quick fixes in the editor: the analysis' mistakes as diagnostics (source
 * "Token Doctor", code = cause id), published whenever a document's one
 * analysis is ready, and a code action provider that turns each fix into a
 * WorkspaceEdit. Signed tokens get "Copy corrected claims" instead; every
 * mistake also links to the panel's checklist.
 */
import * as vscode from 'vscode';
import type { Mistake } from '../../core/model';
import type { AnalysisCache, DocAnalysis } from '../analysis/cache';
import { CommandId } from '../commandIds';

export const DIAGNOSTIC_SOURCE = 'Token Doctor';
/** Schemes that are the editor's own views, not documents someone writes. */
const SKIPPED_SCHEMES = new Set(['output', 'debug', 'git', 'vscode-scm', 'comment', 'vscode-terminal', 'walkThroughSnippet']);

interface Published {
  readonly version: number;
  readonly entries: ReadonlyArray<{ readonly diagnostic: vscode.Diagnostic; readonly mistake: Mistake }>;
}

/** The corrected claims a "Copy corrected claims" action carries; written to the clipboard. */
export async function copyCorrectedClaims(
  arg: unknown,
  writeClipboard: (text: string) => Thenable<void> = (t) => vscode.env.clipboard.writeText(t),
): Promise<string | undefined> {
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
  private readonly published = new Map<string, Published>();

  constructor(private readonly cache: AnalysisCache) {}

  /** Publishes a document's mistakes from its analysis (called when an analysis is ready). */
  publish(document: vscode.TextDocument, doc: DocAnalysis): Published {
    // The analysis is of this very version (it is published as it is stored), so document offsets hold.
    if (SKIPPED_SCHEMES.has(document.uri.scheme) || document.version !== doc.version) return { version: doc.version, entries: [] };
    const entries = doc.analysis.mistakes.map((mistake) => {
      const range = new vscode.Range(document.positionAt(mistake.start), document.positionAt(mistake.end));
      const d = new vscode.Diagnostic(range, mistake.message, vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = mistake.causeId;
      return { diagnostic: d, mistake };
    });
    const result = { version: doc.version, entries };
    this.published.set(doc.uri, result);
    this.collection.set(
      document.uri,
      entries.map((e) => e.diagnostic),
    );
    return result;
  }

  /** Removes a document's diagnostics (closed, excluded, too large). */
  forget(uri: vscode.Uri): void {
    this.published.delete(uri.toString());
    this.collection.delete(uri);
  }

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const mine = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!mine.length) return [];
    let published = this.published.get(document.uri.toString());
    if (published?.version !== document.version) {
      const answer = await this.cache.ensure(document);
      if (answer.kind !== 'analysed' || answer.doc.version !== document.version) return [];
      published = this.publish(document, answer.doc);
    }
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of mine) {
      const entry = published.entries.find(
        (e) => e.diagnostic.range.isEqual(diagnostic.range) && e.diagnostic.message === diagnostic.message && e.diagnostic.code === diagnostic.code,
      );
      if (entry) actions.push(...this.actionsFor(document, diagnostic, entry.mistake));
    }
    return actions;
  }

  private actionsFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, p: Mistake): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
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
    return actions;
  }

  dispose(): void {
    this.published.clear();
    this.collection.dispose();
  }
}
