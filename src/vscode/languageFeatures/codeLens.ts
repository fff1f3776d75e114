/**
 * CodeLens above each finding: its one-line summary and a "Diagnose" action.
 * Lenses are provided from positions only and resolved (summary computed)
 * when VS Code shows them, so a document with thousands of tokens stays cheap.
 */
import * as vscode from 'vscode';
import type { AnalysisCache, DocAnalysis } from '../analysis/cache';
import { CommandId } from '../commandIds';
import { tokenOf, type Finding } from '../../core/model';
import { keyLensTitle } from '../../present/keyText';
import { everyLocated, locate } from '../analysis/locate';
import type { FindingTarget } from '../analysis/target';

class FindingLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly role: 'summary' | 'diagnose' | 'keys',
    readonly document: vscode.TextDocument,
    readonly finding: Finding,
    readonly start: number,
    readonly via: string | undefined,
  ) {
    super(range);
  }
}

/** Findings on one line beyond this share one "+N more" lens (minified JSON, long log lines). */
const MAX_PER_LINE = 3;

export class TokenCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly cache: AnalysisCache) {}

  /** Asks VS Code to ask again (settings changed). */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const config = this.cache.config(document);
    if (!config.codeLensEnabled || config.codeLensMax === 0) return [];
    const answer = await this.cache.ensure(document);
    if (answer.kind !== 'analysed' || token.isCancellationRequested || answer.doc.version !== document.version) return [];
    return this.lensesFor(document, answer.doc, config.codeLensMax);
  }

  /** The lenses of an analysed document (synchronous: the bench times it alone). */
  lensesFor(document: vscode.TextDocument, doc: DocAnalysis, max: number): vscode.CodeLens[] {
    const lenses: vscode.CodeLens[] = [];
    let line = -1;
    let onLine = 0;
    for (const l of everyLocated(doc, max)) {
      const at = document.positionAt(l.start);
      const range = new vscode.Range(at.line, 0, at.line, 0);
      onLine = at.line === line ? onLine + 1 : 1;
      line = at.line;
      if (onLine <= MAX_PER_LINE) {
        lenses.push(new FindingLens(range, 'summary', document, l.finding, l.start, l.via));
        lenses.push(new FindingLens(range, 'diagnose', document, l.finding, l.start, l.via));
        // Tokens: what the user's keys said, or the action that asks them.
        if (l.finding.kind === 'jwt' || l.finding.kind === 'jwe') lenses.push(new FindingLens(range, 'keys', document, l.finding, l.start, l.via));
      } else if (onLine === MAX_PER_LINE + 1) {
        lenses.push(this.moreLens(document, range));
      }
    }
    return lenses;
  }

  /** One lens for the rest of a crowded line: diagnoses the whole line. */
  private moreLens(document: vscode.TextDocument, range: vscode.Range): vscode.CodeLens {
    return new vscode.CodeLens(range, {
      title: 'More on this line…',
      tooltip: 'Diagnose every token and error on this line',
      command: CommandId.DiagnoseToken,
      arguments: [{ text: document.lineAt(range.start.line).text }],
    });
  }

  resolveCodeLens(lens: vscode.CodeLens): vscode.CodeLens {
    if (!(lens instanceof FindingLens)) return lens;
    if (lens.role === 'summary') {
      const summary = lens.finding.summary;
      // No command id: VS Code shows the title as a plain label.
      lens.command = { title: lens.via ? `{{${lens.via}}}: ${summary}` : summary, command: '' };
    } else if (lens.role === 'keys') {
      const t = tokenOf(lens.finding)!;
      const result = keyLensTitle(t);
      const jwe = lens.finding.kind === 'jwe';
      lens.command = result
        ? { title: result, tooltip: 'Which key, how it was chosen, what was tried', command: CommandId.ShowDiagnosis, arguments: [this.target(lens)] }
        : {
            title: jwe ? 'Decrypt…' : 'Verify signature…',
            tooltip: jwe
              ? 'Decrypt with a stored key, a pasted key or a key file'
              : 'Check the signature with a stored key, a pasted key, a key file or the issuer’s JWKS',
            command: jwe ? CommandId.Decrypt : CommandId.VerifySignature,
            arguments: [this.target(lens)],
          };
    } else {
      lens.command = {
        title: 'Diagnose',
        tooltip: 'Open the cause-and-fix panel for this finding',
        command: CommandId.ShowDiagnosis,
        arguments: [this.target(lens)],
      };
    }
    return lens;
  }

  /** The finding's target, naming it among the findings that share its start. */
  private target(lens: FindingLens): FindingTarget {
    const scan = this.cache.peek(lens.document);
    const nth = scan
      ? Math.max(
          0,
          locate(scan, lens.start, true).findIndex((l) => l.finding === lens.finding),
        )
      : 0;
    return { uri: lens.document.uri.toString(), offset: lens.start, nth };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
