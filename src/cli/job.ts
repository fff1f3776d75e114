/**
 * What one thread does with one job: decode its bytes, analyse the engine's
 * pieces that overlap the part it owns (the engine's analysePieces with a
 * range of piece indices), keep the findings that start in that part, and
 * turn each into a record for the output, one batch per piece, in order.
 * Runs the same in the main thread and in a worker.
 */
import { readFileSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { analysePieces, pieceBounds } from '../core/analysis/analyze';
import { isTokenFinding, type AnalysisOptions, type TokenCheck } from '../core/model';
import { checksOf } from '../core/verify/check';
import { BINARY_NOTE, sniff, type ChunkJob, type Job } from './chunks';
import { makeRecord, type Rec, type RecordOptions } from './records';
import { Redactor } from './redaction';
import type { Place } from './writers';

export interface JobOptions extends RecordOptions {
  /** The file name, for the engine (".http" files are requests). */
  readonly fileName?: string;
  /** Results of checks with the user's keys (./keys), by compact token. */
  readonly checks?: ReadonlyMap<string, TokenCheck>;
}

/** Where the owned part ends, relative to where it starts: what the next part of the same input is shifted by. */
export interface Totals {
  /** UTF-16 code units in the owned part. */
  readonly chars: number;
  /** Line breaks in it. */
  readonly lines: number;
  /** Code units after its last line break (-1 when it has none). */
  readonly tail: number;
}

export interface JobResult {
  readonly totals: Totals;
  readonly notes: readonly string[];
  /** Set when the input was not scanned (a binary file found in a folder). */
  readonly skipped?: 'binary' | 'unreadable';
  readonly reason?: string;
}

export const INVALID_UTF8_NOTE = 'The input is not valid UTF-8; invalid bytes were replaced with U+FFFD, so offsets are counted in the repaired text.';

const EMPTY: Totals = { chars: 0, lines: 0, tail: -1 };

/** Where the next part of an input starts in it: UTF-16 offset, 1-based line, 0-based column. */
export interface Base {
  chars: number;
  line: number;
  col: number;
}

export const startBase = (): Base => ({ chars: 0, line: 1, col: 0 });

/** A record's place in its whole input, from the base of its job's part. */
export function placeOf(b: Base, rec: Rec): Place {
  return {
    start: b.chars + rec.s,
    end: b.chars + rec.e,
    line: b.line + rec.l,
    column: (rec.l === 0 ? b.col + rec.c : rec.c) + 1,
    endLine: b.line + rec.el,
    endColumn: (rec.el === 0 ? b.col + rec.ec : rec.ec) + 1,
  };
}

/** Moves a base past a part with these totals. */
export function advanceBase(b: Base, t: Totals): void {
  b.chars += t.chars;
  if (t.lines > 0) {
    b.line += t.lines;
    b.col = t.tail;
  } else {
    b.col += t.chars;
  }
}

function decodeRange(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('utf8');
}

/** The window's text and where the owned part lies in it, in UTF-16 offsets. */
function decodeWindow(job: ChunkJob, notes: string[]): { text: string; own: [number, number] } {
  const { bytes } = job;
  if (job.encoding !== 'utf8') {
    const text = new TextDecoder(job.encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(job.ownStart, job.ownEnd));
    return { text, own: [0, text.length] };
  }
  if (isAscii(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    return { text, own: [job.ownStart, job.ownEnd] };
  }
  const pre = decodeRange(bytes, 0, job.ownStart);
  const ownBytes = bytes.subarray(job.ownStart, job.ownEnd);
  if (!isUtf8(ownBytes)) notes.push(INVALID_UTF8_NOTE);
  const own = decodeRange(bytes, job.ownStart, job.ownEnd);
  const post = decodeRange(bytes, job.ownEnd, bytes.length);
  return { text: pre + own + post, own: [pre.length, pre.length + own.length] };
}

/** Reads a small file as one job; undefined with a reason when it is skipped. */
function readPathJob(path: string, explicit: boolean): ChunkJob | { skipped: 'binary' | 'unreadable'; reason?: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { skipped: 'unreadable', reason: code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such file' : (err as Error).message };
  }
  const sniffed = sniff(bytes);
  if (sniffed.binary && !explicit) return { skipped: 'binary' };
  const body = new Uint8Array(bytes.buffer, bytes.byteOffset + sniffed.bom, bytes.length - sniffed.bom);
  return {
    type: 'chunk',
    bytes: body,
    encoding: sniffed.encoding,
    ownStart: 0,
    ownEnd: body.length,
    first: true,
    last: true,
    inputNotes: sniffed.binary ? [BINARY_NOTE] : [],
  };
}

/**
 * Runs a job: `emit` receives the records of each piece in order. Returns
 * the owned part's totals and the notes. Never throws on input; an internal
 * error in the engine is a note (the engine's boundary).
 */
export function runJob(job: Job, opts: JobOptions, emit: (recs: Rec[]) => void): JobResult {
  let chunk: ChunkJob;
  if (job.type === 'path') {
    const read = readPathJob(job.path, job.explicit);
    if ('skipped' in read) return { totals: EMPTY, notes: [], ...read };
    chunk = read;
  } else {
    chunk = job;
  }
  const notes: string[] = [...chunk.inputNotes];
  const { text, own } = decodeWindow(chunk, notes);
  const [ownStart, ownEnd] = own;
  const options: AnalysisOptions = {
    now: opts.now,
    leeway: opts.leeway,
    ...(opts.fileName ? { fileName: opts.fileName } : {}),
    ...(opts.checks ? { checks: checksOf(opts.checks) } : {}),
  };

  // Lines and columns: one forward pass over the owned part.
  let pos = ownStart;
  let line = 0;
  let lineStart = -1; // -1: still on the owned part's first line
  const advance = (to: number) => {
    let nl = text.indexOf('\n', pos);
    while (nl >= 0 && nl < to) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    pos = Math.max(pos, to);
  };
  const column = (at: number, start: number) => (start < 0 ? at - ownStart : at - start);

  const redactor = new Redactor();
  if (ownEnd > ownStart) {
    const bounds = pieceBounds(text);
    let from = 0;
    while (from < bounds.length && bounds[from]![1] <= ownStart) from++;
    let to = from;
    while (to < bounds.length && bounds[to]![0] < ownEnd) to++;
    for (const piece of analysePieces(text, options, from, to)) {
      for (const n of piece.notes) if (!notes.includes(n)) notes.push(n);
      for (const f of piece.findings) if (isTokenFinding(f)) redactor.addToken(text.slice(f.start, f.end));
      const recs: Rec[] = [];
      for (const f of piece.findings) {
        if (f.start < ownStart || f.start >= ownEnd) continue;
        advance(f.start);
        const l = line;
        const c = column(f.start, lineStart);
        // The end: count the line breaks inside the finding.
        let el = l;
        let endLineStart = lineStart;
        let nl = text.indexOf('\n', f.start);
        while (nl >= 0 && nl < f.end) {
          el++;
          endLineStart = nl + 1;
          nl = text.indexOf('\n', nl + 1);
        }
        const ec = column(f.end, endLineStart);
        recs.push(makeRecord(f, text, opts, redactor, { s: f.start - ownStart, e: f.end - ownStart, l, c, el, ec }));
      }
      if (recs.length) emit(recs);
    }
  }
  advance(ownEnd);
  return { totals: { chars: ownEnd - ownStart, lines: line, tail: line > 0 ? ownEnd - lineStart : -1 }, notes };
}
