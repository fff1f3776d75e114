/**
 * "Diagnose Token": picks what to diagnose (given text, the selection, the
 * finding under the cursor, the clipboard, else typed input), scans it and
 * shows the panel. Also opens the panel for a finding named by a hover or lens.
 * Where text comes from is injected, so tests drive every path without stubs.
 */
import * as vscode from 'vscode';
import type { AnalysisCache } from '../analysis/cache';
import type { Finding } from '../../core/model';
import { analyze } from '../../core/analysis/analyze';
import { LineIndex } from '../../core/text/lines';
import { FindingIndex } from '../../core/findingIndex';
import { locate, type Located } from '../analysis/locate';
import { buildPanelModel, type PanelInput, type PanelModel } from '../../present/panelModel';
import { parseTarget, resolveTarget, type FindingTarget, type Resolved } from '../analysis/target';
import { tokenTarget, type TokenTarget } from '../keys/commands';

export interface TextSources {
  readClipboard(): Thenable<string>;
  /** Asks the user for text; undefined when they cancel. */
  askInput(): Thenable<string | undefined>;
}

export const vscodeSources: TextSources = {
  readClipboard: () => vscode.env.clipboard.readText(),
  askInput: () =>
    vscode.window.showInputBox({
      title: 'Token Doctor: Diagnose Token',
      prompt: 'Paste a token, an error response or a log line',
      placeHolder: 'eyJhbGciOi…  or  {"error":"invalid_grant", …}',
      ignoreFocusOut: true,
    }),
};

export type DiagnoseSource = 'argument' | 'selection' | 'cursor' | 'clipboard' | 'input' | 'target';

/** What the command did: where the text came from and how many findings it showed (for tests). */
export interface DiagnoseOutcome {
  readonly source: DiagnoseSource | 'none';
  readonly findings: number;
}

/** Clipboard and input texts longer than this are cut (a pasted log is fine, a disk image is not). */
const MAX_PASTE = 2 * 1024 * 1024;

export class Diagnoser {
  /** Shows the last diagnosis again, with fresh results (a check with the user's keys finished). */
  private again: (() => unknown) | undefined;

  constructor(
    private readonly cache: AnalysisCache,
    private readonly show: (model: PanelModel, refresh?: boolean) => void,
    private readonly sources: TextSources = vscodeSources,
    private readonly clock: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** The palette command. `arg` (text, or { text }) skips the search; tests and other extensions pass it. */
  async diagnoseToken(arg?: unknown, sources: TextSources = this.sources): Promise<DiagnoseOutcome> {
    const given = typeof arg === 'string' ? arg : typeof (arg as { text?: unknown })?.text === 'string' ? (arg as { text: string }).text : undefined;
    if (given !== undefined) return this.diagnoseText(given, 'the given text', 'argument');

    const editor = vscode.window.activeTextEditor;
    if (editor && !editor.selection.isEmpty) {
      const text = editor.document.getText(editor.selection);
      const outcome = this.diagnoseText(text, `the selection in ${name(editor.document)}`, 'selection', true);
      if (outcome.findings > 0) return outcome;
    }
    if (editor) {
      const outcome = await this.diagnoseCursor(editor);
      if (outcome) return outcome;
    }
    const clip = await sources.readClipboard();
    if (clip.trim()) {
      const outcome = this.diagnoseText(clip, 'the clipboard', 'clipboard', true);
      if (outcome.findings > 0) return outcome;
    }
    const typed = await sources.askInput();
    if (typed === undefined || typed.trim() === '') return { source: 'none', findings: 0 };
    return this.diagnoseText(typed, 'the text you entered', 'input');
  }

  /** Opens the panel on a finding named by a hover link or lens (a FindingTarget), or on a text ({ text }). */
  async showTarget(arg: unknown, refresh = false): Promise<DiagnoseOutcome> {
    const text = textOf(arg);
    if (text !== undefined) return this.diagnoseText(text, 'the text', 'argument', false, refresh);
    const target = parseTarget(arg);
    const resolved = target && (await resolveTarget(target, this.cache));
    if (!resolved) {
      if (!refresh) void vscode.window.showInformationMessage('Token Doctor: that finding is no longer in the document.');
      return { source: 'none', findings: 0 };
    }
    this.showResolved(resolved, refresh);
    this.again = () => this.showTarget(target, true);
    return { source: 'target', findings: 1 };
  }

  /** Shows the open panel's diagnosis again with the current results, without taking focus. */
  refresh(): void {
    void this.again?.();
  }

  /** The token a key command acts on: a named finding, a text ({ text }), else the one under the cursor. */
  async findToken(arg: unknown): Promise<TokenTarget | undefined> {
    const text = textOf(arg);
    if (text !== undefined) {
      const found = analyze(text.slice(0, MAX_PASTE), { ...this.options(), maxFindings: 1000 }).findings;
      return tokenTarget(found.find((f) => f.kind === 'jwt' || f.kind === 'jwe') ?? found[0], found, arg);
    }
    const target = parseTarget(arg);
    if (target) {
      const r = await resolveTarget(target, this.cache);
      return r ? tokenTarget(r.located.finding, r.located.all, target) : undefined;
    }
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const answer = await this.cache.ensure(editor.document);
    if (answer.kind !== 'analysed') return undefined;
    const offset = editor.document.offsetAt(editor.selection.active);
    const located = locate(answer.doc, offset, true)[0];
    if (!located) return undefined;
    return tokenTarget(located.finding, located.all, targetOf(editor.document, answer.doc, located));
  }

  private options(): { now: number; leeway: number; maxLifetimeSeconds: number; checks?: ReturnType<AnalysisCache['checks']> } {
    const { leeway, maxLifetimeSeconds } = this.cache.config(vscode.window.activeTextEditor?.document);
    return { now: this.clock(), leeway, maxLifetimeSeconds, ...this.cache.checksOption() };
  }

  /** The finding a command should act on: the named target, else the one under the cursor. */
  async findingFor(arg: unknown): Promise<Located | undefined> {
    const target = parseTarget(arg);
    if (target) return (await resolveTarget(target, this.cache))?.located;
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const answer = await this.cache.ensure(editor.document);
    if (answer.kind !== 'analysed') return undefined;
    return locate(answer.doc, editor.document.offsetAt(editor.selection.active), true)[0];
  }

  private async diagnoseCursor(editor: vscode.TextEditor): Promise<DiagnoseOutcome | undefined> {
    const answer = await this.cache.ensure(editor.document);
    if (answer.kind === 'skipped') return this.diagnoseCursorLine(editor);
    if (answer.kind !== 'analysed') return undefined;
    const offset = editor.document.offsetAt(editor.selection.active);
    const located = locate(answer.doc, offset, true)[0];
    if (!located) return undefined;
    this.showResolved({ document: editor.document, doc: answer.doc, located });
    const target = targetOf(editor.document, answer.doc, located);
    this.again = () => this.showTarget(target, true);
    return { source: 'cursor', findings: 1 };
  }

  /** In a document too large to scan, the cursor's line alone is scanned. */
  private diagnoseCursorLine(editor: vscode.TextEditor): DiagnoseOutcome | undefined {
    const cursor = editor.selection.active;
    const line = editor.document.lineAt(cursor.line).text;
    if (line.length > MAX_PASTE) return undefined;
    const options = this.options();
    const { now, leeway } = options;
    const found = analyze(line, { ...options, maxFindings: 1000 }).findings;
    const finding = new FindingIndex(found).at(cursor.character, true)[0];
    if (!finding) return undefined;
    const raw = line.slice(finding.start, finding.end);
    const input: PanelInput = { finding, raw, target: { text: raw } };
    this.again = () => this.diagnoseText(raw, `${name(editor.document)}, line ${cursor.line + 1}`, 'cursor', false, true);
    const source = `Diagnosis of ${name(editor.document)}, line ${cursor.line + 1} (the document is too large to scan whole)`;
    this.show(buildPanelModel([input], { source, now, leeway, all: found }));
    return { source: 'cursor', findings: 1 };
  }

  /**
   * Opens the panel on a finding that was found elsewhere (a debug session's
   * output, a terminal line), as it was diagnosed there: nothing is analysed
   * again out of its context.
   */
  showFinding(finding: Finding, raw: string, source: string, all: readonly Finding[] = [finding]): DiagnoseOutcome {
    const now = this.clock();
    const { leeway } = this.cache.config(undefined);
    this.show(buildPanelModel([{ finding, raw, target: { text: raw } }], { source, now, leeway, all }));
    // Once keys have checked it, the text is diagnosed again on its own, with the results.
    this.again = () => this.diagnoseText(raw, source.replace(/^Diagnosis of /, ''), 'argument', false, true);
    return { source: 'target', findings: 1 };
  }

  private showResolved({ document, doc, located }: Resolved, refresh = false): void {
    const line = document.positionAt(located.start).line + 1;
    const raw = located.via ? (doc.variables?.resolve(located.via) ?? '') : doc.text.slice(located.finding.start, located.finding.end);
    const input: PanelInput = { finding: located.finding, raw, target: targetOf(document, doc, located), ...(located.via ? { via: located.via } : {}) };
    this.show(
      buildPanelModel([input], { source: `Diagnosis of ${name(document)}, line ${line}`, now: doc.now, leeway: doc.leeway, all: located.all }),
      refresh,
    );
  }

  private diagnoseText(text: string, source: string, kind: DiagnoseSource, onlyIfFound = false, refresh = false): DiagnoseOutcome {
    const body = text.length > MAX_PASTE ? text.slice(0, MAX_PASTE) : text;
    const options = this.options();
    const { now, leeway } = options;
    const result = analyze(body, { ...options, maxFindings: 1000 });
    if (onlyIfFound && result.findings.length === 0) return { source: kind, findings: 0 };
    const notes = [...result.notes];
    if (body.length < text.length) notes.push(`Only the first ${MAX_PASTE} characters were scanned.`);
    const lines = new LineIndex(body);
    const inputs = outermostFirst(result.findings).map((finding): PanelInput => ({
      finding,
      raw: body.slice(finding.start, finding.end),
      where: `line ${lines.position(finding.start).line}`,
      target: { text: body.slice(finding.start, finding.end) },
    }));
    this.show(buildPanelModel(inputs, { source: `Diagnosis of ${source}`, now, leeway, all: result.findings, notes }), refresh);
    this.again = () => this.diagnoseText(text, source, kind, false, true);
    return { source: kind, findings: inputs.length };
  }
}

/** The text a { text } argument carries (what the panel names a finding of a pasted text by). */
function textOf(arg: unknown): string | undefined {
  const t = typeof arg === 'object' && arg !== null ? (arg as { text?: unknown }).text : undefined;
  return typeof t === 'string' ? t : undefined;
}

/** How hovers, lenses and the panel name a located finding. */
function targetOf(document: vscode.TextDocument, doc: Parameters<typeof locate>[0], located: Located): FindingTarget {
  const nth = Math.max(
    0,
    locate(doc, located.start, true).findIndex((l) => l.finding === located.finding),
  );
  return { uri: document.uri.toString(), offset: located.start, nth };
}

/** Findings in text order; a token inside an error body comes right after it. */
function outermostFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
}

function name(document: vscode.TextDocument): string {
  if (document.isUntitled) return document.uri.path || 'Untitled';
  const parts = document.uri.path.split('/');
  return parts[parts.length - 1] || document.uri.toString();
}
