/**
 * The engine's one entry: everything a text holds (tokens, error findings,
 * token requests, and the mistakes quick fixes repair) from one set of
 * options. The command line, every editor feature, the debug view and the
 * terminal links read this result; nothing else scans.
 *
 * A large text is analysed in pieces cut at line breaks near fixed offsets,
 * each with a margin of text on both sides for context; a finding belongs to
 * the piece its start falls in. The same cut points serve the whole-text
 * analysis, the sliced one that yields to the event loop, and the one that
 * reuses the pieces an edit did not touch, so all three give the same answer.
 *
 * Never throws (see ./boundary); linear in the length of the text.
 * Decodes, does not verify by itself: results of checks with the user's keys
 * (done before, asynchronously, by ../verify) come in as options.checks and
 * drive the ranking. Nothing leaves the process.
 */
import { findErrors, rankWithTokens } from '../errors/index';
import { findMistakes, requestFindings } from '../fixes/index';
import { findTokens } from '../jwt/find';
import type { Analysis, AnalysisOptions, Finding, Mistake } from '../model';
import { guarded, type Boundary } from './boundary';
import { shiftFinding, shiftMistake } from './shift';

/** Pieces are cut near multiples of this many characters. */
export const PIECE_CHARS = 64 * 1024;
/** Text read on each side of a piece, so that a finding near a cut is seen whole and in context. */
export const MARGIN_CHARS = 8 * 1024;
/** How far past a multiple of PIECE_CHARS a line break is looked for before cutting mid-line. */
const CUT_SEARCH = 4096;

/** One piece's findings and mistakes, in offsets of the whole text. */
export interface Piece {
  readonly start: number;
  readonly end: number;
  /** The text read to analyse it: an edit outside this window cannot change the piece. */
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly findings: readonly Finding[];
  readonly mistakes: readonly Mistake[];
  readonly notes: readonly string[];
}

/** An analysis with the pieces it was assembled from, so an edit can reuse them. */
export interface PiecedAnalysis extends Analysis {
  readonly pieces: readonly Piece[];
  /** Length of the analysed text. */
  readonly length: number;
  readonly options: AnalysisOptions;
}

/** One edit, in offsets of the text before it: [start, end) was replaced by `length` characters. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly length: number;
}

/** Where the pieces of a text of this length start and end: cut at the first line break at or after each multiple of PIECE_CHARS. */
export function pieceBounds(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let k = 1; k * PIECE_CHARS < text.length; k++) {
    const at = k * PIECE_CHARS;
    if (at <= start) continue;
    const nl = newlineAfter(text, at);
    const cut = nl >= 0 ? nl + 1 : at;
    if (cut >= text.length) break;
    out.push([start, cut]);
    start = cut;
  }
  out.push([start, text.length]);
  return out;
}

/** The first line feed in [at, at + CUT_SEARCH), or -1. Bounded: a text without line breaks is not searched to its end once per piece. */
function newlineAfter(text: string, at: number): number {
  const end = Math.min(text.length, at + CUT_SEARCH);
  for (let i = at; i < end; i++) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

/** The start of the line holding `at` when it begins within CUT_SEARCH before it, else `at`. Bounded like newlineAfter. */
function startOfLine(text: string, at: number): number {
  const stop = Math.max(0, at - CUT_SEARCH + 1);
  for (let i = at - 1; i >= stop; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return at;
}

/** Analyses one piece of `text`: the window around it is read, the findings starting inside it are kept. */
function analysePiece(text: string, start: number, end: number, options: AnalysisOptions, margin = MARGIN_CHARS): Piece {
  const whole = start === 0 && end === text.length;
  const ws = whole ? 0 : startOfLine(text, Math.max(0, start - margin));
  const we = whole ? text.length : Math.min(text.length, end + margin);
  const window = whole ? text : text.slice(ws, we);
  const boundary: Boundary = { notes: [], strict: options.strict === true };
  const tokens = guarded(boundary, 'token detection', [], () => findTokens(window, options));
  const cancelled = () => options.isCancelled?.() === true;
  const errors = cancelled() ? [] : guarded(boundary, 'error detection', [], () => findErrors(window, options));
  const ranked = errors.length && tokens.length ? guarded(boundary, 'ranking', errors, () => rankWithTokens(errors, tokens, window, options)) : errors;
  const mistakes = cancelled() ? [] : guarded(boundary, 'token request checks', [], () => findMistakes(window, options, tokens));
  const requests = guarded(boundary, 'token request checks', [], () => requestFindings(mistakes));
  const all: Finding[] = [...tokens, ...ranked, ...requests];
  const lo = start - ws;
  const hi = end - ws;
  const owned = (s: number) => s >= lo && s < hi;
  // A finding that runs into the end of the window may be cut there: read further.
  if (!whole && we < text.length && margin < 8 * MARGIN_CHARS && all.some((f) => owned(f.start) && f.end > we - ws - 256)) {
    return analysePiece(text, start, end, options, margin * 4);
  }
  const findings = all.filter((f) => owned(f.start)).sort(byStart);
  return {
    start,
    end,
    windowStart: ws,
    windowEnd: we,
    findings: ws === 0 ? findings : findings.map((f) => shiftFinding(f, ws)),
    mistakes: mistakes.filter((m) => owned(m.start)).map((m) => (ws === 0 ? m : shiftMistake(m, ws))),
    notes: boundary.notes,
  };
}

function byStart(a: Finding, b: Finding): number {
  return a.start - b.start || b.end - a.end;
}

function assemble(pieces: readonly Piece[], length: number, options: AnalysisOptions, cancelled: boolean): PiecedAnalysis {
  let findings: Finding[] = [];
  const mistakes: Mistake[] = [];
  const notes: string[] = [];
  for (const p of pieces) {
    for (const f of p.findings) findings.push(f);
    for (const m of p.mistakes) mistakes.push(m);
    for (const n of p.notes) if (!notes.includes(n)) notes.push(n);
  }
  const max = options.maxFindings;
  if (max !== undefined && findings.length > max) {
    notes.push(`Showing the first ${max} of ${findings.length} findings.`);
    findings = findings.slice(0, max);
  }
  if (cancelled) notes.push('The analysis was cancelled before it finished.');
  return { findings, mistakes, notes, cancelled, pieces, length, options };
}

/**
 * The pieces of the analysis one at a time, in order (for output that
 * streams, or work split between threads by piece). Stops early when
 * `options.isCancelled` says so.
 */
export function* analysePieces(text: string, options: AnalysisOptions, from = 0, to = Infinity): Generator<Piece> {
  const bounds = pieceBounds(text);
  for (let i = from; i < Math.min(to, bounds.length); i++) {
    if (options.isCancelled?.()) return;
    const [s, e] = bounds[i]!;
    yield analysePiece(text, s, e, options);
  }
}

/** Everything the text holds. Never throws; linear in the text. */
export function analyze(text: string, options: AnalysisOptions): PiecedAnalysis {
  const pieces = [...analysePieces(text, options)];
  return assemble(pieces, text.length, options, options.isCancelled?.() === true);
}

/** Assembles pieces analysed elsewhere (another thread), in order, into the analysis of `length` characters. */
export function assemblePieces(pieces: readonly Piece[], length: number, options: AnalysisOptions): PiecedAnalysis {
  return assemble(pieces, length, options, false);
}

/**
 * The same analysis, one piece per turn: `pause` is awaited between pieces
 * so the caller's event loop keeps running. Cancellation is honoured between
 * pieces and inside each. Resolves to the same result as `analyze`.
 */
export async function analyzeInSlices(text: string, options: AnalysisOptions, pause: () => Promise<void>): Promise<PiecedAnalysis> {
  const pieces: Piece[] = [];
  for (const piece of analysePieces(text, options)) {
    pieces.push(piece);
    await pause();
  }
  return assemble(pieces, text.length, options, options.isCancelled?.() === true);
}

/**
 * The analysis of `text` after `edit` changed the text `previous` analysed:
 * pieces whose window the edit did not reach are reused (moved by the
 * edit's change in length), the others are analysed again. Gives the same
 * result as `analyze(text, previous.options)`.
 */
export function reanalyze(previous: PiecedAnalysis, text: string, edit: TextEdit): PiecedAnalysis {
  const options = previous.options;
  const delta = edit.length - (edit.end - edit.start);
  if (previous.cancelled || previous.length + delta !== text.length) return analyze(text, options);
  // Old pieces by where they start in the new text, when their window did not touch the edit.
  const reusable = new Map<number, Piece>();
  for (const p of previous.pieces) {
    // The window's first line may start a little earlier in the new text; CUT_SEARCH covers it.
    if (p.windowEnd + CUT_SEARCH <= edit.start) reusable.set(p.start, p);
    else if (p.windowStart - CUT_SEARCH >= edit.end) reusable.set(p.start + delta, p);
  }
  const pieces: Piece[] = [];
  for (const [s, e] of pieceBounds(text)) {
    const old = reusable.get(s);
    if (old && old.end + (old.start >= edit.end ? delta : 0) === e) {
      pieces.push(old.start >= edit.end && delta !== 0 ? movePiece(old, delta) : old);
    } else {
      pieces.push(analysePiece(text, s, e, options));
    }
  }
  return assemble(pieces, text.length, options, false);
}

function movePiece(p: Piece, delta: number): Piece {
  return {
    start: p.start + delta,
    end: p.end + delta,
    windowStart: p.windowStart + delta,
    windowEnd: p.windowEnd + delta,
    findings: p.findings.map((f) => shiftFinding(f, delta)),
    mistakes: p.mistakes.map((m) => shiftMistake(m, delta)),
    notes: p.notes,
  };
}
