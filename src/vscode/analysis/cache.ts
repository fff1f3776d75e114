/**
 * Scan results per open document, keyed by URI and version: hovers, lenses
 * and commands on an unchanged document share one scan. Entries are dropped
 * when their document closes or the settings change, and rescanned when the
 * document changes or the clock has moved on enough to make times stale.
 */
import type * as vscode from 'vscode';
import { analyze } from '../../core/analysis/analyze';
import type { Finding, Analysis } from '../../core/model';
import { exclusion, type Config } from '../config';
import { FindingIndex } from '../../core/findingIndex';
import { HttpVariables, isHttpDocument } from '../../core/http/variables';

/** Times ("expired 3 min ago") are computed at scan time; rescan after this long. */
const MAX_AGE_SECONDS = 300;
/** Findings kept per document: far more than anyone reads, few enough to stay fast. */
const MAX_FINDINGS = 20000;

export interface DocScan {
  readonly uri: string;
  readonly version: number;
  /** The text the offsets refer to (the document at `version`). */
  readonly text: string;
  /** Epoch seconds the scan used as now. */
  readonly now: number;
  readonly leeway: number;
  readonly result: Analysis;
  readonly index: FindingIndex;
  /** Variables of an HTTP request file; undefined for other documents. */
  readonly variables?: HttpVariables;
  /** Findings in a variable's resolved value (offsets into that value), scanned on first use. */
  variableFindings(name: string): readonly Finding[];
}

export type CacheAnswer =
  | { readonly kind: 'scanned'; readonly scan: DocScan }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'cancelled' };

/** The document's length in UTF-16 code units, without copying its text. */
export function documentLength(document: vscode.TextDocument): number {
  if (document.lineCount === 0) return 0;
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

export class ScanCache {
  private readonly entries = new Map<string, DocScan>();

  constructor(
    private readonly config: () => Config,
    private readonly clock: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** Why the document is not scanned (too large, excluded), or undefined. */
  skipReason(document: vscode.TextDocument): string | undefined {
    const config = this.config();
    const excluded = exclusion(document, config);
    if (excluded) return excluded;
    const length = documentLength(document);
    if (length > config.maxDocumentChars) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      return `the document is ${mb(length)}, over the ${mb(config.maxDocumentChars)} limit (tokenDoctor.maxDocumentSizeMB)`;
    }
    return undefined;
  }

  /** The scan of the document's current version, if one is cached and fresh. */
  peek(document: vscode.TextDocument): DocScan | undefined {
    const e = this.entries.get(document.uri.toString());
    return e && e.version === document.version && this.clock() - e.now < MAX_AGE_SECONDS ? e : undefined;
  }

  /** The scan of the document's current version, scanning it when needed. */
  get(document: vscode.TextDocument, isCancelled?: () => boolean): CacheAnswer {
    const cached = this.peek(document);
    if (cached) return { kind: 'scanned', scan: cached };
    const reason = this.skipReason(document);
    if (reason) return { kind: 'skipped', reason };
    const { leeway } = this.config();
    const now = this.clock();
    const text = document.getText();
    const result = analyze(text, {
      now,
      leeway,
      isCancelled,
      maxFindings: MAX_FINDINGS,
      languageId: document.languageId,
      fileName: document.uri.path,
    });
    // A cancelled scan is partial: answer nothing rather than cache half the findings.
    if (result.cancelled) return { kind: 'cancelled' };
    const http = isHttpDocument(document.languageId, document.uri.path);
    const variables = http ? new HttpVariables(text) : undefined;
    const byName = new Map<string, readonly Finding[]>();
    const scan: DocScan = {
      uri: document.uri.toString(),
      version: document.version,
      text,
      now,
      leeway,
      result,
      index: new FindingIndex(result.findings),
      variables,
      variableFindings(name) {
        let found = byName.get(name);
        if (!found) {
          const value = variables?.resolve(name);
          found = value ? analyze(value, { now, leeway, maxFindings: 20 }).findings : [];
          byName.set(name, found);
        }
        return found;
      },
    };
    this.entries.set(scan.uri, scan);
    return { kind: 'scanned', scan };
  }

  delete(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }

  clear(): void {
    this.entries.clear();
  }
}
