/**
 * A forgiving, linear structural scan for object literals in JSON, JavaScript /
 * TypeScript, Python dicts and the JSON bodies of `.http` files. It tracks
 * strings, comments and brackets, and records for every `{...}` its members
 * (key and value spans). It never backtracks and never throws; it does not
 * validate anything: a later step reads only the objects that matter.
 * Strings are read by text/literals.ts, as the error scanner's parser reads them.
 */
import { readQuoted, unquote } from '../text/literals';

export interface Member {
  /** The key as written, without its quotes. */
  readonly key: string;
  /** Span of the key token, quotes included. */
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly keyQuote: '' | '"' | "'";
  /** Span of the value, trimmed (for a shorthand `{ jti }` the key itself). */
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly shorthand: boolean;
}

export interface ObjectHit {
  /** Offset of `{`. */
  readonly start: number;
  /** Offset after `}`. */
  readonly end: number;
  readonly members: readonly Member[];
  /** A spread, computed key or something unreadable among the members. */
  readonly opaque: boolean;
  /** A comma after the last member. */
  readonly trailingComma: boolean;
}

const MAX_DEPTH = 512;
const MAX_BLOCK = 64 * 1024;
const MAX_OBJECTS = 20000;

interface Frame {
  open: number; // char code of the opener
  start: number;
  // Only for '{' frames:
  members: Member[];
  opaque: boolean;
  /** 0 expecting a key, 1 after a key candidate, 2 in a value, 3 in an unreadable segment. */
  state: 0 | 1 | 2 | 3;
  candKey?: string;
  candStart: number;
  candEnd: number;
  candQuote: '' | '"' | "'";
  candIdent: boolean;
  valueStart: number;
  lastEnd: number;
  trailingComma: boolean;
}

export interface LexOptions {
  /** JavaScript template literals (backticks) are strings. */
  readonly templates: boolean;
  /** Which objects to keep: called with the member keys of each closed object. */
  readonly keep: (members: readonly Member[]) => boolean;
  /** Scan only [from, to) of the text. */
  readonly from?: number;
  readonly to?: number;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0;
}

export function lexObjects(text: string, options: LexOptions): ObjectHit[] {
  const out: ObjectHit[] = [];
  const stack: Frame[] = [];
  const n = Math.min(text.length, options.to ?? text.length);
  let lineStart = true; // only whitespace since the last newline

  const top = () => stack[stack.length - 1];
  const newFrame = (open: number, start: number): Frame => ({
    open,
    start,
    members: [],
    opaque: false,
    state: 0,
    candStart: 0,
    candEnd: 0,
    candQuote: '',
    candIdent: false,
    valueStart: 0,
    lastEnd: start + 1,
    trailingComma: false,
  });

  /** A token (string, identifier, number, other) at [s, e) in the current frame. */
  const token = (s: number, e: number, kind: 'string' | 'ident' | 'other') => {
    const f = top();
    if (!f) return;
    f.lastEnd = e;
    if (f.open !== 123) return;
    if (f.state === 0) {
      if (kind === 'other') {
        f.state = 3;
        return;
      }
      f.state = 1;
      f.candStart = s;
      f.candEnd = e;
      f.candIdent = kind === 'ident';
      if (kind === 'string') {
        f.candQuote = text[s] as '"' | "'";
        f.candKey = unquote(text.slice(s, e));
      } else {
        f.candQuote = '';
        f.candKey = text.slice(s, e);
      }
    } else if (f.state === 1) {
      f.state = 3;
    }
  };

  /** Ends the current member of a '{' frame at a ',' or '}' found at `at`. */
  const endSegment = (f: Frame, at: number, comma: boolean) => {
    if (f.state === 2) {
      if (f.valueStart < f.lastEnd && f.candKey !== undefined) {
        f.members.push({
          key: f.candKey,
          keyStart: f.candStart,
          keyEnd: f.candEnd,
          keyQuote: f.candQuote,
          valueStart: f.valueStart,
          valueEnd: f.lastEnd,
          shorthand: false,
        });
      } else f.opaque = true;
    } else if (f.state === 1) {
      if (f.candIdent && f.candKey !== undefined) {
        f.members.push({
          key: f.candKey,
          keyStart: f.candStart,
          keyEnd: f.candEnd,
          keyQuote: '',
          valueStart: f.candStart,
          valueEnd: f.candEnd,
          shorthand: true,
        });
      } else f.opaque = true;
    } else if (f.state === 3) {
      f.opaque = true;
    }
    if (!comma) f.trailingComma = f.state === 0 && f.members.length > 0;
    f.state = 0;
    f.candKey = undefined;
    void at;
  };

  let i = options.from ?? 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = true;
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    const wasLineStart = lineStart;
    lineStart = false;
    // Comments.
    if (c === 47 /* / */) {
      const d = text.charCodeAt(i + 1);
      if (d === 47 && text.charCodeAt(i - 1) !== 58 /* : */) {
        const eol = text.indexOf('\n', i);
        i = eol < 0 ? n : eol;
        continue;
      }
      if (d === 42 /* * */) {
        const close = text.indexOf('*/', i + 2);
        if (close >= 0 && close - i < MAX_BLOCK) {
          i = close + 2;
          continue;
        }
      }
    }
    if (c === 35 /* # */ && (wasLineStart || isSpace(text.charCodeAt(i - 1)))) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      continue;
    }
    // Strings.
    if (c === 34 || c === 39) {
      if (text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c) {
        // Python triple-quoted string.
        const q = text.slice(i, i + 3);
        const close = text.indexOf(q, i + 3);
        if (close >= 0 && close - i < MAX_BLOCK) {
          token(i, close + 3, 'other');
          i = close + 3;
          continue;
        }
      }
      const e = readQuoted(text, i);
      if (e > 0) {
        token(i, e, 'string');
        i = e;
        continue;
      }
      token(i, i + 1, 'other');
      i++;
      continue;
    }
    if (c === 96 /* ` */ && options.templates) {
      let j = i + 1;
      const limit = Math.min(n, i + MAX_BLOCK);
      while (j < limit && text.charCodeAt(j) !== 96) j += text.charCodeAt(j) === 92 ? 2 : 1;
      if (j < limit) {
        token(i, j + 1, 'other');
        i = j + 1;
        continue;
      }
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(text.charCodeAt(j))) j++;
      token(i, j, 'ident');
      i = j;
      continue;
    }
    if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && (isIdentPart(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      token(i, j, 'other');
      i = j;
      continue;
    }
    if (c === 123 || c === 40 || c === 91) {
      const f = top();
      if (f) {
        if (f.open === 123 && f.state === 0) f.state = 3;
        else if (f.open === 123 && f.state === 1) f.state = 3;
      }
      if (stack.length < MAX_DEPTH) stack.push(newFrame(c, i));
      i++;
      continue;
    }
    if (c === 125 || c === 41 || c === 93) {
      const want = c === 125 ? 123 : c === 41 ? 40 : 91;
      let k = stack.length - 1;
      while (k >= 0 && stack.length - k <= 4 && stack[k]!.open !== want) k--;
      if (k >= 0 && stack[k]!.open === want) {
        stack.length = k + 1;
        const f = stack.pop()!;
        if (f.open === 123) {
          endSegment(f, i, false);
          if (f.members.length > 0 && out.length < MAX_OBJECTS && options.keep(f.members)) {
            out.push({ start: f.start, end: i + 1, members: f.members, opaque: f.opaque, trailingComma: f.trailingComma });
          }
        }
        const p = top();
        if (p) p.lastEnd = i + 1;
      }
      i++;
      continue;
    }
    const f = top();
    if (f && f.open === 123) {
      if (c === 44 /* , */) {
        endSegment(f, i, true);
        i++;
        continue;
      }
      if (c === 58 /* : */ && f.state === 1) {
        f.state = 2;
        let j = i + 1;
        while (j < n && isSpace(text.charCodeAt(j))) j++;
        f.valueStart = j;
        f.lastEnd = i + 1;
        i++;
        continue;
      }
    }
    token(i, i + 1, 'other');
    i++;
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}
