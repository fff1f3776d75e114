/**
 * Writing the records of a scan as they arrive, in order, in the chosen
 * format: nothing holds the whole answer. JSON is compact (one line); the
 * members follow ../shared/contract.md, with `file` when the scan had more
 * than one input or a folder.
 */
import type { Format } from './args';
import type { Rec } from './records';
import { reportFooter, style, terminalSafe, type Style } from '../present/cliText';
import { artifactLocation, sarifHead, sarifResult, sarifTail } from './sarif';

/** Where a record lands in its input: 1-based lines and columns, UTF-16 offsets. */
export interface Place {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface Writer {
  begin(): void;
  /** `file` is the input's name as shown, or undefined for standard input. */
  record(rec: Rec, place: Place, file: string | undefined): void;
  /** The notes, and what was counted (files: when there were several inputs or a folder). */
  end(notes: readonly string[], stats: Stats): void;
}

export interface Stats {
  readonly findings: number;
  readonly files?: number;
  readonly filesWithFindings: number;
}

export interface WriterContext {
  readonly write: (s: string) => void;
  readonly warn: (s: string) => void;
  /** Name every finding's file (several inputs or a folder). */
  readonly multi: boolean;
  readonly color: boolean;
  readonly version: string;
  readonly cwd: string;
}

function head(rec: Rec, p: Place, file: string | undefined, multi: boolean): string {
  const f = multi ? `"file":${JSON.stringify(file ?? '-')},` : '';
  return `{${f}"kind":${JSON.stringify(rec.kind)},"start":${p.start},"end":${p.end},"line":${p.line},"column":${p.column}`;
}

export function makeWriter(format: Format, ctx: WriterContext): Writer {
  const { write } = ctx;
  switch (format) {
    case 'json': {
      let first = true;
      return {
        begin: () => write('{"findings":['),
        record(rec, p, file) {
          write(`${first ? '' : ','}${head(rec, p, file, ctx.multi)}${rec.body}`);
          first = false;
        },
        end: (notes) => write(`],"notes":${JSON.stringify(notes)}}\n`),
      };
    }
    case 'jsonl':
      return {
        begin() {},
        record: (rec, p, file) => write(`${head(rec, p, file, ctx.multi)}${rec.body}\n`),
        end(notes) {
          for (const n of notes) ctx.warn(`token-doctor: note: ${n}\n`);
        },
      };
    case 'sarif': {
      let first = true;
      const seen = new Map<string, number>();
      return {
        begin: () => write(sarifHead(ctx.version, ctx.cwd)),
        record(rec, p, file) {
          // The n-th identical finding in a file gets the n-th fingerprint: stable across runs and moves.
          let fp = rec.fp;
          if (fp) {
            const key = `${file ?? ''}\0${fp}`;
            const n = (seen.get(key) ?? 0) + 1;
            seen.set(key, n);
            fp = `${fp}:${n}`;
          }
          const region = {
            startLine: p.line,
            startColumn: p.column,
            endLine: p.endLine,
            endColumn: p.endColumn,
            charOffset: p.start,
            charLength: p.end - p.start,
          };
          write(`${first ? '' : ','}${sarifResult(rec.body, artifactLocation(file), region, fp)}`);
          first = false;
        },
        end: (notes) => write(sarifTail(notes, true)),
      };
    }
    default: {
      const s: Style = style(ctx.color);
      return {
        begin() {},
        record: (rec, p, file) => write(`${s.bold(terminalSafe(`${file ?? '<stdin>'}:${p.line}:${p.column}`, false))}${rec.body}`),
        end: (notes, stats) => write(terminalSafe(reportFooter(stats.findings, stats.files, stats.filesWithFindings, notes, s), ctx.color)),
      };
    }
  }
}
