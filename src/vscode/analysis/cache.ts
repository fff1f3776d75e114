/**
 * One analysis per document version, shared by every feature: hover,
 * CodeLens, quick-fix diagnostics and code actions, Diagnose Token, the panel
 * and the copy commands. After an edit the previous analysis is brought up to
 * date by reanalysing only the pieces the edit reached; a document with no
 * usable previous analysis is analysed one piece per turn of the event loop,
 * so the extension host never waits for a whole large document.
 */
import * as vscode from 'vscode';
import { analyze, analyzeInSlices, reanalyze, type PiecedAnalysis, type TextEdit } from '../../core/analysis/analyze';
import { applyChanges, composeEdits, eventEdit } from '../../core/analysis/edits';
import type { AnalysisOptions, Finding, TokenChecks } from '../../core/model';
import { FindingIndex } from '../../core/findingIndex';
import { HttpVariables, isHttpDocument } from '../../core/http/variables';
import { exclusion, type Config, type ConfigStore } from '../config';

/** Times ("expired 3 min ago") are computed at analysis time; analyse afresh after this long. */
const MAX_AGE_SECONDS = 300;
/** Findings kept per document: far more than anyone reads, few enough to stay fast. */
const MAX_FINDINGS = 20000;

export interface DocAnalysis {
  readonly uri: string;
  readonly version: number;
  /** The text the offsets refer to (the document at `version`). */
  readonly text: string;
  /** Epoch seconds the analysis used as now. */
  readonly now: number;
  readonly leeway: number;
  readonly analysis: PiecedAnalysis;
  readonly index: FindingIndex;
  /** Variables of an HTTP request file; undefined for other documents. */
  readonly variables?: HttpVariables;
  /** Findings in a variable's resolved value (offsets into that value), analysed on first use. */
  variableFindings(name: string): readonly Finding[];
}

export type CacheAnswer =
  { readonly kind: 'analysed'; readonly doc: DocAnalysis } | { readonly kind: 'skipped'; readonly reason: string } | { readonly kind: 'cancelled' };

/** The document's length in UTF-16 code units, without copying its text. */
export function documentLength(document: vscode.TextDocument): number {
  if (document.lineCount === 0) return 0;
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class AnalysisCache implements vscode.Disposable {
  private readonly entries = new Map<string, DocAnalysis>();
  /** Edits since the cached version, per document: the version they lead to and the edit from the cached text. */
  private readonly edits = new Map<string, { version: number; edit: TextEdit; text: string }>();
  private readonly running = new Map<string, { version: number; done: Promise<CacheAnswer> }>();
  private readonly analysed = new vscode.EventEmitter<{ document: vscode.TextDocument; doc: DocAnalysis }>();
  /** Fires when a document's analysis for a new version is ready (quick-fix diagnostics listen). */
  readonly onDidAnalyse = this.analysed.event;
  /** Results of checks with the user's keys, read by every analysis (see ../keys). */
  checks: () => TokenChecks | undefined = () => undefined;
  /** Counts clear()s: an analysis started before one is not kept (its checks are stale). */
  private generation = 0;

  constructor(
    private readonly configs: ConfigStore,
    private readonly clock: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  config(document: vscode.TextDocument | undefined): Config {
    return this.configs.for(document);
  }

  /** Why the document is not analysed (too large, excluded), or undefined. */
  skipReason(document: vscode.TextDocument): string | undefined {
    const config = this.configs.for(document);
    const excluded = exclusion(document, config);
    if (excluded) return excluded;
    const length = documentLength(document);
    if (length > config.maxDocumentChars) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      return `the document is ${mb(length)}, over the ${mb(config.maxDocumentChars)} limit (tokenDoctor.maxDocumentSizeMB)`;
    }
    return undefined;
  }

  /** Records an edit so the next analysis can reuse what it did not reach. */
  noteChange(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const entry = this.entries.get(key);
    const edit = eventEdit(event.contentChanges);
    if (!entry || !edit) return;
    const pending = this.edits.get(key);
    const version = event.document.version;
    // Versions go up by one per change; a gap means an edit was missed, so nothing can be reused.
    // The new text is the old one with the changes applied (a rope, not a copy of the document).
    if (pending === undefined && entry.version === version - 1) this.edits.set(key, { version, edit, text: applyChanges(entry.text, event.contentChanges) });
    else if (pending !== undefined && pending.version === version - 1)
      this.edits.set(key, { version, edit: composeEdits(pending.edit, edit), text: applyChanges(pending.text, event.contentChanges) });
    else this.edits.delete(key);
  }

  /** The analysis of the document's current version, if it is ready and fresh. */
  peek(document: vscode.TextDocument): DocAnalysis | undefined {
    const e = this.entries.get(document.uri.toString());
    return e && e.version === document.version && this.clock() - e.now < MAX_AGE_SECONDS ? e : undefined;
  }

  /**
   * The analysis of the current version, without holding the event loop: an edit's pieces are
   * reanalysed at once (they are few), a whole analysis runs one piece per
   * turn. Concurrent callers for one version share the work; the work stops
   * when the document changes or closes.
   */
  ensure(document: vscode.TextDocument): Promise<CacheAnswer> {
    const ready = this.peek(document);
    if (ready) return Promise.resolve({ kind: 'analysed', doc: ready });
    const reason = this.skipReason(document);
    if (reason) return Promise.resolve({ kind: 'skipped', reason });
    const key = document.uri.toString();
    const run = this.running.get(key);
    if (run && run.version === document.version) return run.done;
    const previous = this.fromPrevious(document);
    if (previous) return Promise.resolve(this.store(document, previous.text, previous.analysis));
    const text = document.getText();
    const version = document.version;
    const generation = this.generation;
    const isCancelled = () => document.isClosed || document.version !== version || this.generation !== generation;
    const done = analyzeInSlices(text, { ...this.options(document), isCancelled }, pause).then(
      (analysis): CacheAnswer => (analysis.cancelled || isCancelled() ? { kind: 'cancelled' } : this.store(document, text, analysis)),
      (): CacheAnswer => ({ kind: 'cancelled' }),
    );
    const entry = { version, done };
    this.running.set(key, entry);
    void done.finally(() => {
      if (this.running.get(key) === entry) this.running.delete(key);
    });
    return done;
  }

  private options(document: vscode.TextDocument): AnalysisOptions {
    const config = this.configs.for(document);
    return {
      now: this.clock(),
      leeway: config.leeway,
      maxFindings: MAX_FINDINGS,
      languageId: document.languageId,
      fileName: document.uri.path,
      maxLifetimeSeconds: config.maxLifetimeSeconds,
      ...this.checksOption(),
    };
  }

  /** The checks option of an analysis, when there are results. */
  checksOption(): { checks?: TokenChecks } {
    const checks = this.checks();
    return checks ? { checks } : {};
  }

  /** The previous version's analysis brought up to date, when its edits are known and its clock is fresh. */
  private fromPrevious(document: vscode.TextDocument): { text: string; analysis: PiecedAnalysis } | undefined {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    const pending = this.edits.get(key);
    if (!entry || !pending || pending.version !== document.version) return undefined;
    if (this.clock() - entry.now >= MAX_AGE_SECONDS) return undefined;
    // The text rebuilt from the changes must be the document's; its length is a cheap check, else read it whole.
    const text = pending.text.length === documentLength(document) ? pending.text : document.getText();
    return { text, analysis: reanalyze(entry.analysis, text, pending.edit) };
  }

  private store(document: vscode.TextDocument, text: string, analysis: PiecedAnalysis): CacheAnswer {
    if (analysis.cancelled) return { kind: 'cancelled' };
    const { now, leeway } = analysis.options;
    const http = isHttpDocument(document.languageId, document.uri.path);
    const variables = http ? new HttpVariables(text) : undefined;
    const byName = new Map<string, readonly Finding[]>();
    const options = { ...analysis.options, maxFindings: 20 };
    const doc: DocAnalysis = {
      uri: document.uri.toString(),
      version: document.version,
      text,
      now,
      leeway,
      analysis,
      index: new FindingIndex(analysis.findings),
      ...(variables ? { variables } : {}),
      variableFindings(name) {
        let found = byName.get(name);
        if (!found) {
          const value = variables?.resolve(name);
          found = value ? analyze(value, options).findings : [];
          byName.set(name, found);
        }
        return found;
      },
    };
    this.entries.set(doc.uri, doc);
    this.edits.delete(doc.uri);
    this.analysed.fire({ document, doc });
    return { kind: 'analysed', doc };
  }

  delete(uri: vscode.Uri): void {
    const key = uri.toString();
    this.entries.delete(key);
    this.edits.delete(key);
    this.running.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.edits.clear();
    this.running.clear();
  }

  dispose(): void {
    this.clear();
    this.analysed.dispose();
  }
}
