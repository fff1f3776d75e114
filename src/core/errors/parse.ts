/**
 * Small, bounded, never-throwing parsers for the shapes error payloads come in:
 * JSON / JS / Python object literals (also JSON escaped inside a string)
 * and WWW-Authenticate challenges (form and query strings: text/form.ts).
 * String literals are read by text/literals.ts, as the fixes lexer reads them.
 */

import { readQuoted, unquote } from '../text/literals';

export const MAX_OBJECT = 8192;
const MAX_ENTRIES = 200;
const MAX_STRING = 2000;

export interface ParsedObject {
  /** Flattened members: lowercased dotted paths ("error", "error.message", "errors.0.code"). */
  readonly map: Map<string, string>;
  /** Paths whose value is an object or array. */
  readonly containers: Set<string>;
  /** Offset just past the closing brace (the end of the text for a cut object). */
  readonly end: number;
  /** The text ends inside the object (a log line or message cut short): members read so far. */
  readonly cut?: boolean;
}

/**
 * Parses the object literal starting at `start` (which must be `{`).
 * Returns null when it is not a well-formed object within `limit` characters.
 */
export function parseObject(s: string, start: number, limit = MAX_OBJECT): ParsedObject | null {
  if (s.charCodeAt(start) !== 123 /* { */) return null;
  const p = new ObjectParser(s, start, Math.min(s.length, start + limit));
  try {
    if (p.value('', 0)) return { map: p.map, containers: p.containers, end: p.i };
    // Cut short by the end of the text, not by bad syntax: what was read still counts.
    if (p.cut && p.end === s.length && p.map.size) return { map: p.map, containers: p.containers, end: s.length, cut: true };
    return null;
  } catch {
    return null;
  }
}

class ObjectParser {
  i: number;
  readonly map = new Map<string, string>();
  readonly containers = new Set<string>();
  /** The input ended inside a value or between members. */
  cut = false;
  /** JSON escaped inside a string: quotes appear as \". */
  readonly esc: boolean;
  constructor(
    readonly s: string,
    start: number,
    readonly end: number,
  ) {
    this.i = start;
    let j = start + 1;
    while (j < end && j < start + 40 && isWs(s.charCodeAt(j))) j++;
    this.esc = s.charCodeAt(j) === 92 && s.charCodeAt(j + 1) === 34;
  }
  ws(): void {
    const s = this.s;
    while (this.i < this.end) {
      const c = s.charCodeAt(this.i);
      if (isWs(c)) this.i++;
      else if (this.esc && c === 92 && (s.charCodeAt(this.i + 1) === 110 || s.charCodeAt(this.i + 1) === 116 || s.charCodeAt(this.i + 1) === 114))
        this.i += 2; // \n \t \r
      else break;
    }
  }
  /** Length of the quote token at i (0 when none), and which quote. */
  quoteAt(): [number, number] {
    const c = this.s.charCodeAt(this.i);
    if (this.esc) {
      if (c === 92 && this.s.charCodeAt(this.i + 1) === 34) return [2, 34];
      if (c === 39) return [1, 39];
      return [0, 0];
    }
    if (c === 34 || c === 39) return [1, c];
    return [0, 0];
  }
  str(): string | null {
    const [ql, q] = this.quoteAt();
    if (!ql) return null;
    if (this.esc && q === 34) return this.escapedStr();
    // A plain literal, read as the fixes lexer reads one. Double-quoted strings
    // may run across lines; a single quote the line does not close is an
    // apostrophe, not a string.
    const e = readQuoted(this.s, this.i, this.end, q === 34);
    if (e < 0) {
      // A string the text ends inside: keep what there is (a message cut at the end of a log line).
      if (q === 34 && this.s.indexOf('\n', this.i) === -1) {
        this.cut = true;
        const out = this.s.slice(this.i + 1, this.end);
        this.i = this.end;
        return out.length > MAX_STRING ? out.slice(0, MAX_STRING) : out;
      }
      return null;
    }
    const out = unquote(this.s.slice(this.i, e));
    this.i = e;
    return out.length > MAX_STRING ? out.slice(0, MAX_STRING) : out;
  }
  /** A string of JSON escaped inside a string: opened by \", so \" closes it and \\\" is a quote inside. */
  escapedStr(): string | null {
    this.i += 2;
    const s = this.s;
    let out = '';
    let from = this.i;
    while (this.i < this.end) {
      const c = s.charCodeAt(this.i);
      if (c === 92 && s.charCodeAt(this.i + 1) === 34) {
        out += s.slice(from, this.i);
        this.i += 2;
        return out.length > MAX_STRING ? out.slice(0, MAX_STRING) : out;
      }
      if (c === 92 && s.charCodeAt(this.i + 1) === 92) {
        // \\\" is an escaped quote inside the escaped string
        out += s.slice(from, this.i);
        this.i += s.charCodeAt(this.i + 2) === 92 && s.charCodeAt(this.i + 3) === 34 ? 4 : 2;
        out += s.charCodeAt(this.i - 1) === 34 ? '"' : '\\';
        from = this.i;
        continue;
      }
      if (c === 10) return null;
      this.i++;
    }
    return null;
  }
  bare(): string | null {
    const s = this.s;
    const from = this.i;
    while (this.i < this.end && this.i - from < 200) {
      const c = s.charCodeAt(this.i);
      if (c === 44 || c === 125 || c === 93 || c === 58 || isWs(c) || c === 34 || c === 39 || c === 123 || c === 91) break;
      if (this.esc && c === 92) break;
      this.i++;
    }
    return this.i > from ? s.slice(from, this.i) : null;
  }
  put(path: string, v: string): void {
    if (this.map.size < MAX_ENTRIES && !this.map.has(path)) this.map.set(path, v);
  }
  value(path: string, depth: number): boolean {
    this.ws();
    if (this.i >= this.end) return false;
    // A browser console's dump: "error": Object { ... }, "errors": Array [ ... ].
    if (this.s.startsWith('Object {', this.i) || this.s.startsWith('Array [', this.i)) this.i += this.s.charCodeAt(this.i) === 79 ? 7 : 6;
    const c = this.s.charCodeAt(this.i);
    if (c === 123) return this.obj(path, depth + 1);
    if (c === 91) return this.arr(path, depth + 1);
    const q = this.str();
    if (q !== null) {
      this.put(path, q);
      return true;
    }
    const b = this.bare();
    if (b === null) return false;
    this.put(path, b);
    return true;
  }
  obj(path: string, depth: number): boolean {
    if (depth > 6) return false;
    if (path) this.containers.add(path);
    this.i++;
    for (let n = 0; n < 400; n++) {
      this.ws();
      if (this.i >= this.end) {
        this.cut = true;
        return false;
      }
      if (this.s.charCodeAt(this.i) === 125) {
        this.i++;
        return true;
      }
      // A Ruby symbol key (:error=>"..."): the colon is not part of the name.
      if (this.s.charCodeAt(this.i) === 58 && /[A-Za-z_]/.test(this.s[this.i + 1] ?? '')) this.i++;
      const key = this.str() ?? this.bare();
      if (key === null || key.length > 100) return false;
      this.ws();
      const sep = this.s.charCodeAt(this.i);
      if (sep !== 58 && sep !== 61) return false; // ':' (or '=' in some loggers, '=>' in Ruby)
      this.i++;
      if (sep === 61 && this.s.charCodeAt(this.i) === 62) this.i++;
      const k = key.toLowerCase();
      if (!this.value(path ? path + '.' + k : k, depth)) return false;
      const before = this.i;
      this.ws();
      if (this.i >= this.end) {
        this.cut = true;
        return false;
      }
      const c = this.s.charCodeAt(this.i);
      // ',' (';' in Objective-C and Swift dumps); a member on the next line without a comma is forgiven.
      if (c === 44 || c === 59) this.i++;
      else if (c !== 125 && !(this.s.slice(before, this.i).includes('\n') && this.quoteAt()[0] > 0)) return false;
    }
    return false;
  }
  arr(path: string, depth: number): boolean {
    if (depth > 6) return false;
    this.containers.add(path);
    this.i++;
    for (let n = 0; n < 400; n++) {
      this.ws();
      if (this.i >= this.end) return false;
      if (this.s.charCodeAt(this.i) === 93) {
        this.i++;
        return true;
      }
      if (!this.value(n < 10 ? (path ? path + '.' + n : String(n)) : '', depth)) return false;
      this.ws();
      const c = this.s.charCodeAt(this.i);
      if (c === 44) this.i++;
      else if (c !== 93) return false;
    }
    return false;
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Finds the outermost object around `pos` whose start lies within `window`
 * characters before it and which closes after `pos`. Bounded work.
 */
export function enclosingObject(s: string, pos: number, window = 4096): { start: number; parsed: ParsedObject } | null {
  const lo = Math.max(0, pos - window);
  const candidates: number[] = [];
  let depth = 0;
  for (let i = pos - 1; i >= lo; i--) {
    const c = s.charCodeAt(i);
    if (c === 125) depth++;
    else if (c === 123) {
      if (depth === 0) {
        candidates.push(i);
        if (candidates.length >= 4) break;
      } else depth--;
    }
  }
  for (let k = candidates.length - 1; k >= 0; k--) {
    const start = candidates[k]!;
    const parsed = parseObject(s, start);
    if (parsed && parsed.end > pos) return { start, parsed };
  }
  return null;
}

export interface Challenge {
  readonly scheme: string;
  readonly params: Map<string, string>;
}

/** Parses a WWW-Authenticate value into challenges (RFC 9110 §11.6.1), leniently. */
export function parseChallenges(v: string): Challenge[] {
  const out: Challenge[] = [];
  const re = /[\s,]*([!#$%&'*+.^_`|~0-9A-Za-z-]{1,60})(?:\s*=\s*("(?:[^"\\]|\\.){0,1000}"|[^\s,]{0,500}))?/y;
  let cur: { scheme: string; params: Map<string, string> } | null = null;
  re.lastIndex = 0;
  for (let n = 0; n < 60 && re.lastIndex < v.length; n++) {
    const at = re.lastIndex;
    const m = re.exec(v);
    if (!m || re.lastIndex === at) break;
    const name = m[1]!;
    if (m[2] !== undefined) {
      let val = m[2];
      if (val.startsWith('"')) val = val.slice(1, -1).replace(/\\(.)/g, '$1');
      if (!cur) {
        cur = { scheme: '', params: new Map() };
        out.push(cur);
      }
      const k = name.toLowerCase();
      if (!cur.params.has(k)) cur.params.set(k, val);
    } else if (cur && cur.params.size === 0 && /^[A-Za-z0-9._~+/-]+=*$/.test(name) && cur.scheme) {
      cur.params.set('token68', name);
    } else {
      cur = { scheme: name, params: new Map() };
      out.push(cur);
    }
  }
  return out;
}

/** [start, end) of the line around pos, bounded to `max` characters each side. */
export function lineAround(s: string, pos: number, max = 4096): [number, number] {
  // Bounded both ways: on a line longer than `max` the window stands in for the line.
  const lo = Math.max(0, pos - max);
  let a = pos - 1;
  while (a >= lo && s.charCodeAt(a) !== 10) a--;
  const hi = Math.min(s.length, pos + max);
  let b = pos;
  while (b < hi && s.charCodeAt(b) !== 10) b++;
  if (b > a + 1 && s.charCodeAt(b - 1) === 13) b--;
  return [a + 1, b];
}

/**
 * lineAround with a memory of the last line: anchors on one line share one
 * lookup, so a long line full of anchors costs one scan, not one per anchor.
 * One per scan; never shared between texts.
 */
export class LineCache {
  private a = -1;
  private b = -1;
  /** Offset of the first '{' in the cached line, or -1. */
  firstBrace = -1;

  constructor(
    private readonly s: string,
    private readonly max = 4096,
  ) {}

  around(pos: number): [number, number] {
    if (pos < this.a || pos >= this.b) {
      const [a, b] = lineAround(this.s, pos, this.max);
      this.a = a;
      this.b = b;
      let brace = a;
      while (brace < b && this.s.charCodeAt(brace) !== 123) brace++;
      this.firstBrace = brace < b ? brace : -1;
    }
    return [this.a, this.b];
  }
}
