import { isBase64UrlCode } from './segments';
import type { Damage } from '../model';

/**
 * Reading a compact token's characters out of text, starting at an `eyJ`.
 * All reads are bounded and move forward only, so a scan that continues
 * after what was read stays linear.
 */

/** A token longer than this is not a token (x5c chains and big claim sets stay far below). */
export const MAX_TOKEN_CHARS = 256 * 1024;
/** At most this many segments are read (a JWE has five). */
const MAX_SEGMENTS = 5;
/** A token wrapped at 64 columns has a few dozen line breaks; more is not a token. */
const MAX_BREAKS = 256;

export interface Read {
  /** The token as base64url and dots, whatever the text around it did to it. */
  readonly compact: string;
  /** Offset just past the last character that belongs to the token. */
  readonly end: number;
  /** Offsets where each segment ends in the text (for cutting a token to fewer segments). */
  readonly segmentEnds: readonly number[];
  readonly damage: readonly Damage[];
}

/** Reads base64url characters and dots from `start`, at most MAX_SEGMENTS segments. */
export function readStrict(text: string, start: number): Read {
  const limit = Math.min(text.length, start + MAX_TOKEN_CHARS);
  const segmentEnds: number[] = [];
  let i = start;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      segmentEnds.push(i);
      if (segmentEnds.length === MAX_SEGMENTS) break;
    } else if (!isBase64UrlCode(c)) break;
    i++;
  }
  segmentEnds.push(i);
  return { compact: text.slice(start, i), end: i, segmentEnds, damage: [] };
}

/** Offset just past the run of base64url characters at `start` (bounded). */
export function skipRun(text: string, start: number): number {
  const limit = Math.min(text.length, start + MAX_TOKEN_CHARS);
  let i = start;
  while (i < limit && isBase64UrlCode(text.charCodeAt(i))) i++;
  return i;
}

const PERCENT: Readonly<Record<string, string>> = {
  '2E': '.',
  '3D': '=',
  '2B': '+',
  '2F': '/',
  '2D': '-',
  '5F': '_',
};

/**
 * Reads a token that the text has damaged: standard base64 (+ / =),
 * percent-encoding (%2E…), or line breaks (also after a `\` continuation)
 * inside it. `complete(compactSoFar)` says whether the token already has all
 * its parts, so that a line break after a whole token is not read through.
 * Returns undefined when nothing was damaged.
 */
export function readDamaged(text: string, start: number, complete: (compact: string) => boolean): Read | undefined {
  const limit = Math.min(text.length, start + MAX_TOKEN_CHARS);
  const out: string[] = [];
  let runStart = start;
  let i = start;
  let dots = 0;
  let std = false;
  let padding = false;
  let percent = false;
  let breaks = 0;
  let end = start;
  const segmentEnds: number[] = [];
  const flush = (to: number) => {
    if (to > runStart) out.push(text.slice(runStart, to));
  };
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isBase64UrlCode(c)) {
      i++;
      end = i;
      continue;
    }
    if (c === 46 /* . */) {
      if (dots === MAX_SEGMENTS - 1) break;
      dots++;
      flush(i);
      segmentEnds.push(i);
      out.push('.');
      i++;
      runStart = i;
      end = i;
      continue;
    }
    if (c === 43 /* + */ || c === 47 /* / */) {
      const n = i + 1 < limit ? text.charCodeAt(i + 1) : -1;
      if (!(isBase64UrlCode(n) || n === 43 || n === 47 || n === 61)) break;
      std = true;
      flush(i);
      out.push(c === 43 ? '-' : '_');
      i++;
      runStart = i;
      end = i;
      continue;
    }
    if (c === 61 /* = */) {
      // Padding: one or two '=' closing a segment.
      let j = i;
      while (j < limit && j - i < 2 && text.charCodeAt(j) === 61) j++;
      const next = j < limit ? text.charCodeAt(j) : -1;
      if (next === 61 || isBase64UrlCode(next)) break;
      padding = true;
      flush(i);
      i = j;
      runStart = i;
      end = i;
      continue;
    }
    if (c === 37 /* % */ && i + 2 < limit) {
      const code = text.slice(i + 1, i + 3).toUpperCase();
      const ch = PERCENT[code];
      if (!ch) break;
      percent = true;
      flush(i);
      if (ch === '.') {
        if (dots === MAX_SEGMENTS - 1) break;
        dots++;
        segmentEnds.push(i);
        out.push('.');
      } else if (ch === '+') out.push('-');
      else if (ch === '/') out.push('_');
      else if (ch !== '=') out.push(ch);
      i += 3;
      runStart = i;
      end = i;
      continue;
    }
    // A line break inside the token, optionally after a backslash continuation,
    // followed by indentation and more base64url.
    let j = i;
    if (c === 92 /* \ */) j++;
    if (text.charCodeAt(j) === 13) j++;
    if (text.charCodeAt(j) !== 10) break;
    j++;
    while (j < limit && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
    if (j >= limit || !(isBase64UrlCode(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) break;
    // A line starting with eyJ begins a new token, unless a segment is expected right there.
    if (text.startsWith('eyJ', j) && text.charCodeAt(i - 1) !== 46) break;
    flush(i);
    if (breaks === MAX_BREAKS || complete(out.join(''))) {
      runStart = i;
      break;
    }
    breaks++;
    i = j;
    runStart = j;
  }
  flush(Math.max(runStart, end));
  segmentEnds.push(end);
  if (!std && !padding && !percent && breaks === 0) return undefined;
  const damage: Damage[] = [];
  if (breaks) damage.push({ kind: 'line-break', message: `the token is broken across ${breaks + 1} lines` });
  if (percent) damage.push({ kind: 'percent-encoded', message: 'the token is percent-encoded (%2E and the like in place of its characters)' });
  if (std) damage.push({ kind: 'standard-base64', message: 'it uses standard base64 (+ and /) instead of base64url (- and _)' });
  if (padding) damage.push({ kind: 'padding', message: 'its segments carry = padding, which base64url in JWTs leaves out' });
  return { compact: out.join(''), end, segmentEnds, damage };
}

/**
 * Damage visible in the few characters around a token: a doubled `Bearer`,
 * quotes kept in a header value, spaces inside a quoted string.
 */
export function contextDamage(text: string, start: number, end: number): Damage[] {
  const damage: Damage[] = [];
  const before = text.slice(Math.max(0, start - 40), start);
  if (/bearer[ \t]+bearer[ \t]*$/i.test(before)) {
    damage.push({ kind: 'double-bearer', message: 'it is preceded by "Bearer Bearer": the scheme was added twice' });
  } else if (/bearer[ \t]+["'`]$/i.test(before)) {
    damage.push({ kind: 'quoted', message: 'the quotes around it are sent as part of the Authorization header value' });
  }
  const open = /(["'`])[ \t]+$/.exec(before);
  const after = text.slice(end, end + 8);
  if (open) {
    const close = /^[ \t]*(["'`])/.exec(after);
    if (close && close[1] === open[1]) {
      damage.push({ kind: 'whitespace', message: 'it has spaces before it inside the quotes' });
    }
  } else {
    const q = before.length ? before[before.length - 1] : '';
    if ((q === '"' || q === "'" || q === '`') && new RegExp(`^[ \\t]+\\${q}`).test(after)) {
      damage.push({ kind: 'whitespace', message: 'it has spaces after it inside the quotes' });
    }
  }
  return damage;
}

/** How the text around a token uses it (the name or scheme just before it), lower case. */
export function usage(text: string, start: number): string | undefined {
  const before = text.slice(Math.max(0, start - 48), start).toLowerCase();
  const m = /(access_token|id_token|refresh_token|client_assertion|logout_token|subject_token|actor_token|assertion|dpop|bearer|token)[^a-z0-9]{0,12}$/.exec(
    before,
  );
  return m?.[1];
}
