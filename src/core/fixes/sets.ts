/**
 * Finds parameter sets in text: form bodies (`a=b&c=d`, one line or `.http`
 * style across lines), curl data arguments, object literals and dicts, and
 * runs of `params.append('name', value)` calls. Each set knows how to add a
 * parameter in its own style. Linear: every `=` and anchor is looked at once.
 */
import type { ObjectHit } from './lex';
import { readQuoted, unquote } from '../text/literals';
import { lexObjects } from './lex';
import type { FixEdit } from './types';
import { formDecode, formEncode, formStyleOf, type FormStyle } from '../text/form';
import { keyText, literalAt, quoteString } from './values';

export interface Param {
  /** The name as written (decoded). */
  readonly name: string;
  /** Span of the name text, without quotes. */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** The decoded value; undefined when the value is code. */
  readonly value?: string;
  /** Span of the value text, without quotes (for code: the whole expression). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** form: percent-encoded; raw: curl --data-urlencode / -F; literal: a quoted string; code: an expression. */
  readonly encoding: 'form' | 'raw' | 'literal' | 'code';
  readonly quote: string;
  /** Span of the whole parameter (name to value end, quotes included). */
  readonly start: number;
  readonly end: number;
}

export interface ParamSet {
  readonly kind: 'form' | 'curl' | 'object' | 'calls';
  readonly start: number;
  readonly end: number;
  readonly params: readonly Param[];
  /** All members could be read (no spread, no computed key): missing parameters can be told. */
  readonly complete: boolean;
  /** Object keys all written in camelCase: an SDK's options, not a wire body. */
  readonly camelCase: boolean;
  readonly formStyle: FormStyle;
  /** HTTP Basic authentication or an Authorization header goes with the request (curl -u, -H). */
  readonly basicAuth: boolean;
  /** The edit that adds a parameter the way the set writes its others. */
  readonly insert: (name: string, value: string) => FixEdit;
  /** The replacement text for a value, encoded like the parameter's own. */
  readonly encode: (p: Param, value: string) => string;
}

const NAME_CHARS = /[A-Za-z0-9_.\-[\]]/;
const MAX_RUN_PARAMS = 128;

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && NAME_CHARS.test(c);
}

function lineIndent(text: string, at: number): string {
  const ls = text.lastIndexOf('\n', at - 1) + 1;
  let e = ls;
  while (e < at && (text[e] === ' ' || text[e] === '\t')) e++;
  return text.slice(ls, e);
}

function encodeFor(p: Param, value: string, style: FormStyle): string {
  if (p.encoding === 'form') return formEncode(value, style);
  if (p.encoding === 'literal') return JSON.stringify(value).slice(1, -1);
  return value;
}

// ---------------------------------------------------------------------------
// Form bodies

interface FormRun {
  readonly start: number;
  readonly end: number;
  readonly params: Param[];
  readonly seps: string[];
}

/** Reads `name=value(&name=value)*` from `at`, allowing `.http` line continuations. */
function readFormRun(text: string, at: number, limit: number): FormRun | undefined {
  const params: Param[] = [];
  const seps: string[] = [];
  let i = at;
  const end = Math.min(text.length, limit);
  for (;;) {
    // A token request has a dozen parameters; a longer run is something else.
    if (params.length >= MAX_RUN_PARAMS) break;
    const ns = i;
    while (i < end && i - ns < 64 && isNameChar(text[i])) i++;
    if (i === ns || text[i] !== '=') break;
    const ne = i;
    i++;
    const vs = i;
    while (i < end && i - vs < 8192) {
      const ch = text[i]!;
      if (ch === '&' || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '"' || ch === "'" || ch === '`' || ch === '#') break;
      i++;
    }
    const ve = i;
    const raw = text.slice(vs, ve);
    params.push({
      name: formDecode(text.slice(ns, ne)),
      nameStart: ns,
      nameEnd: ne,
      value: formDecode(raw),
      valueStart: vs,
      valueEnd: ve,
      encoding: 'form',
      quote: '',
      start: ns,
      end: ve,
    });
    // Separator: '&', '&' then a line break, or a line break then '&' (.http bodies).
    let j = i;
    if (text[j] === '&') {
      j++;
      if (text[j] === '\r' || text[j] === '\n') {
        while (j < end && /\s/.test(text[j]!) && j - i < 64) j++;
      }
    } else {
      let k = j;
      while (k < end && (text[k] === ' ' || text[k] === '\t' || text[k] === '\r')) k++;
      if (text[k] !== '\n') break;
      k++;
      while (k < end && (text[k] === ' ' || text[k] === '\t')) k++;
      if (text[k] !== '&') break;
      j = k + 1;
    }
    if (!isNameChar(text[j])) break;
    seps.push(text.slice(i, j));
    i = j;
  }
  if (params.length === 0) return undefined;
  return { start: at, end: params[params.length - 1]!.end, params, seps };
}

function formSet(text: string, run: FormRun, kind: 'form' | 'curl', basicAuth: boolean): ParamSet {
  const style = formStyleOf(run.params.map((p) => text.slice(p.valueStart, p.valueEnd)));
  const sep = run.seps.length ? run.seps[run.seps.length - 1]! : '&';
  return {
    kind,
    start: run.start,
    end: run.end,
    params: run.params,
    complete: true,
    camelCase: false,
    formStyle: style,
    basicAuth,
    insert: (name, value) => ({ start: run.end, end: run.end, newText: `${sep}${name}=${formEncode(value, style)}` }),
    encode: (p, v) => encodeFor(p, v, style),
  };
}

/** Where a form parameter may start: after these characters (or at the start of a line). */
function formBoundary(ch: string | undefined): boolean {
  return (
    ch === undefined ||
    ch === '\n' ||
    ch === ' ' ||
    ch === '\t' ||
    ch === '?' ||
    ch === '&' ||
    ch === "'" ||
    ch === '"' ||
    ch === '`' ||
    ch === '(' ||
    ch === '\r'
  );
}

// ---------------------------------------------------------------------------
// curl

interface ShellWord {
  readonly start: number;
  readonly end: number;
  /** Span of the content (inside quotes). */
  readonly cs: number;
  readonly ce: number;
  readonly quote: string;
}

function shellWords(text: string, from: number, to: number): ShellWord[] {
  const words: ShellWord[] = [];
  let i = from;
  while (i < to && words.length < 400) {
    const ch = text[i]!;
    if (
      ch === ' ' ||
      ch === '\t' ||
      ch === '\r' ||
      ch === '\n' ||
      ((ch === '\\' || ch === '^' || ch === '`') && /^[\\^`][ \t]*\r?\n/.test(text.slice(i, i + 4)))
    ) {
      i++;
      continue;
    }
    const s = i;
    // A word: runs of bare characters and quoted parts.
    let cs = -1;
    let ce = -1;
    let quote = '';
    while (i < to) {
      const c = text[i]!;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') break;
      if (c === "'" || c === '"') {
        const close = text.indexOf(c, i + 1);
        if (close < 0 || close >= to) {
          i = to;
          break;
        }
        if (cs < 0) {
          cs = i + 1;
          ce = close;
          quote = c;
        }
        i = close + 1;
        continue;
      }
      i++;
    }
    if (cs < 0) {
      cs = s;
      ce = i;
    } else if (text[s] !== "'" && text[s] !== '"') {
      // -d'a=b' or --data="a=b": the option and its quoted value in one word.
    }
    words.push({ start: s, end: i, cs, ce, quote });
  }
  return words;
}

const CURL_DATA = /^(-d|--data|--data-raw|--data-ascii|--data-binary|--data-urlencode|-F|--form|--form-string)$/;

function curlSets(text: string, consumed: Array<[number, number]>, objects: ObjectHit[], keep: (o: ObjectHit) => boolean): ParamSet[] {
  const sets: ParamSet[] = [];
  let pos = 0;
  while (pos < text.length) {
    const at = text.indexOf('curl', pos);
    if (at < 0) break;
    pos = at + 4;
    if (at > 0 && /[A-Za-z0-9_-]/.test(text[at - 1]!)) continue;
    if (!/[ \t]/.test(text[at + 4] ?? '')) continue;
    // The command runs to the end of its line, continued by \ (or ^, `) at the ends of lines.
    let end = at;
    const limit = Math.min(text.length, at + 16384);
    for (;;) {
      const eol = text.indexOf('\n', end);
      const lineEnd = eol < 0 || eol > limit ? limit : eol;
      const line = text.slice(end, lineEnd).replace(/\r$/, '');
      end = lineEnd;
      if (lineEnd >= limit || !/[\\^`]\s*$/.test(line)) break;
      end = lineEnd + 1;
    }
    pos = Math.max(pos, end);
    const words = shellWords(text, at + 4, end);
    const params: Param[] = [];
    const raws: string[] = [];
    let basicAuth = false;
    let last: ShellWord | undefined;
    let lastOpt = '';
    let urlencodedOnly = true;
    for (let w = 0; w < words.length; w++) {
      const word = words[w]!;
      const bare = text.slice(word.start, word.end);
      let opt = bare;
      let content: ShellWord | undefined;
      const attached = /^(-d|-F)(?=['"]|[^-\s])|^(--data(?:-raw|-ascii|-binary|-urlencode)?|--form(?:-string)?)=/.exec(bare);
      if (attached) {
        opt = (attached[1] ?? attached[2])!;
        const off = attached[0].length;
        content = word.quote ? word : { start: word.start, end: word.end, cs: word.start + off, ce: word.end, quote: '' };
      } else if (CURL_DATA.test(opt) && words[w + 1]) {
        content = words[++w];
      } else if (opt === '-u' || opt === '--user' || /^-u\S/.test(opt)) {
        basicAuth = true;
        continue;
      } else if ((opt === '-H' || opt === '--header') && words[w + 1]) {
        const h = words[++w]!;
        if (/^\s*authorization\s*:/i.test(text.slice(h.cs, h.ce))) basicAuth = true;
        continue;
      } else continue;
      if (!content) continue;
      consumed.push([content.start, content.end]);
      const cs = content.cs;
      const ce = content.ce;
      if (text[cs] === '{') {
        for (const o of lexObjects(text, { templates: false, keep: () => true, from: cs, to: ce })) if (keep(o)) objects.push(o);
        continue;
      }
      if (text[cs] === '@') continue;
      const raw = opt === '--data-urlencode' || opt === '-F' || opt === '--form' || opt === '--form-string';
      if (raw) {
        const eq = text.indexOf('=', cs);
        if (eq < 0 || eq >= ce || eq === cs) continue;
        params.push({
          name: text.slice(cs, eq),
          nameStart: cs,
          nameEnd: eq,
          value: text.slice(eq + 1, ce),
          valueStart: eq + 1,
          valueEnd: ce,
          encoding: 'raw',
          quote: content.quote,
          start: cs,
          end: ce,
        });
      } else {
        urlencodedOnly = false;
        const run = readFormRun(text, cs, ce);
        if (!run) continue;
        for (const p of run.params) {
          params.push(p);
          raws.push(text.slice(p.valueStart, p.valueEnd));
        }
      }
      last = content;
      lastOpt = opt;
    }
    if (!params.length || !last) continue;
    const style = formStyleOf(raws);
    const lastWord = last;
    const q = lastWord.quote || "'";
    const insert = (name: string, value: string): FixEdit => {
      if (urlencodedOnly || lastOpt === '--data-urlencode') {
        const optName = urlencodedOnly ? lastOpt : '--data-urlencode';
        return { start: lastWord.end, end: lastWord.end, newText: ` ${optName} ${q}${name}=${value}${q}` };
      }
      return { start: lastWord.ce, end: lastWord.ce, newText: `&${name}=${formEncode(value, style)}` };
    };
    sets.push({
      kind: 'curl',
      start: params[0]!.start,
      end: params[params.length - 1]!.end,
      params,
      complete: true,
      camelCase: false,
      formStyle: style,
      basicAuth,
      insert,
      encode: (p, v) => encodeFor(p, v, style),
    });
  }
  return sets;
}

// ---------------------------------------------------------------------------
// Objects and dicts

export function objectSet(text: string, o: ObjectHit): ParamSet {
  const params: Param[] = [];
  let camel = true;
  for (const m of o.members) {
    if (m.key.includes('_')) camel = false;
    const lit = literalAt(text, m.valueStart, m.valueEnd);
    const ns = m.keyQuote ? m.keyStart + 1 : m.keyStart;
    const ne = m.keyQuote ? m.keyEnd - 1 : m.keyEnd;
    if (lit.kind === 'string') {
      params.push({
        name: m.key,
        nameStart: ns,
        nameEnd: ne,
        value: lit.value,
        valueStart: lit.innerStart,
        valueEnd: lit.innerEnd,
        encoding: 'literal',
        quote: lit.quote,
        start: m.keyStart,
        end: m.valueEnd,
      });
      continue;
    }
    // Go's url.Values{"k": {"v"}} and one-element lists hold the value one level down.
    const wrapped = /^[[{]\s*(["'])/.exec(text.slice(m.valueStart, m.valueStart + 8));
    if (wrapped) {
      const qs = m.valueStart + wrapped[0].length - 1;
      const qe = readQuoted(text, qs);
      if (qe > 0 && /^\s*[\]}]$/.test(text.slice(qe, m.valueEnd))) {
        params.push({
          name: m.key,
          nameStart: ns,
          nameEnd: ne,
          value: unquote(text.slice(qs, qe)),
          valueStart: qs + 1,
          valueEnd: qe - 1,
          encoding: 'literal',
          quote: text[qs]!,
          start: m.keyStart,
          end: m.valueEnd,
        });
        continue;
      }
    }
    params.push({
      name: m.key,
      nameStart: ns,
      nameEnd: ne,
      value: lit.kind === 'number' ? String(lit.value) : undefined,
      valueStart: m.valueStart,
      valueEnd: m.valueEnd,
      encoding: 'code',
      quote: '',
      start: m.keyStart,
      end: m.valueEnd,
    });
  }
  const lastM = o.members[o.members.length - 1]!;
  const keyQuote = lastM.keyQuote;
  const valueQuote = params.find((p) => p.encoding === 'literal')?.quote ?? (keyQuote || "'");
  const style: FormStyle = { space: '%20', encodesReserved: false };
  const multiline = text.slice(o.start, lastM.keyStart).includes('\n');
  const isJsonish = keyQuote === '"' && valueQuote === '"';
  const colon = /^\s*:\s*/.exec(text.slice(lastM.keyEnd, lastM.valueStart))?.[0] ?? ': ';
  return {
    kind: 'object',
    start: o.start,
    end: o.end,
    params,
    complete: !o.opaque,
    camelCase: camel,
    formStyle: style,
    basicAuth: false,
    insert: (name, value) => {
      const member = `${keyText(name, keyQuote || (isJsonish ? '"' : ''))}${colon}${quoteString(value, valueQuote)}`;
      return insertMember(text, o, member, multiline);
    },
    encode: (p, v) => encodeFor(p, v, style),
  };
}

/** Adds a member after the last one, keeping indentation and the trailing-comma habit. */
export function insertMember(text: string, o: ObjectHit, member: string, multiline: boolean): FixEdit {
  const lastM = o.members[o.members.length - 1]!;
  if (!multiline) {
    return { start: lastM.valueEnd, end: lastM.valueEnd, newText: `, ${member}` };
  }
  const indent = lineIndent(text, lastM.keyStart);
  if (o.trailingComma) {
    const comma = text.indexOf(',', lastM.valueEnd);
    return { start: comma + 1, end: comma + 1, newText: `\n${indent}${member},` };
  }
  return { start: lastM.valueEnd, end: lastM.valueEnd, newText: `,\n${indent}${member}` };
}

// ---------------------------------------------------------------------------
// params.append('name', value) runs

const CALL_METHODS = ['.append(', '.set(', '.Set(', '.Add(', '.add(', '.put('];

interface Call {
  readonly receiver: string;
  readonly method: string;
  readonly lineStart: number;
  readonly callEnd: number;
  readonly param: Param;
}

function readCall(text: string, dot: number, method: string): Call | undefined {
  let r = dot;
  while (r > 0 && r > dot - 80 && /[\w$.]/.test(text[r - 1]!)) r--;
  const receiver = text.slice(r, dot);
  if (!receiver || !/^[A-Za-z_$]/.test(receiver)) return undefined;
  let i = dot + method.length;
  while (text[i] === ' ') i++;
  const q = text[i];
  if (q !== '"' && q !== "'") return undefined;
  const ne = readQuoted(text, i);
  if (ne < 0) return undefined;
  let j = ne;
  while (text[j] === ' ') j++;
  if (text[j] !== ',') return undefined;
  j++;
  while (text[j] === ' ' || text[j] === '\n' || text[j] === '\t' || text[j] === '\r') j++;
  const vs = j;
  let depth = 0;
  let k = j;
  const limit = Math.min(text.length, j + 500);
  while (k < limit) {
    const ch = text[k]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      const e = readQuoted(text, k);
      if (e < 0) return undefined;
      k = e;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) break;
      depth--;
    } else if (ch === ',' && depth === 0) return undefined;
    k++;
  }
  if (text[k] !== ')') return undefined;
  let ve = k;
  while (ve > vs && /\s/.test(text[ve - 1]!)) ve--;
  const lit = literalAt(text, vs, ve);
  const name = unquote(text.slice(i, ne));
  const param: Param =
    lit.kind === 'string'
      ? {
          name,
          nameStart: i + 1,
          nameEnd: ne - 1,
          value: lit.value,
          valueStart: lit.innerStart,
          valueEnd: lit.innerEnd,
          encoding: 'literal',
          quote: lit.quote,
          start: i,
          end: ve,
        }
      : { name, nameStart: i + 1, nameEnd: ne - 1, valueStart: vs, valueEnd: ve, encoding: 'code', quote: '', start: i, end: ve };
  return { receiver, method, lineStart: text.lastIndexOf('\n', r) + 1, callEnd: k + 1, param };
}

function callSets(text: string, interesting: (name: string) => boolean): ParamSet[] {
  const calls: Call[] = [];
  for (const m of CALL_METHODS) {
    let pos = 0;
    while (pos < text.length && calls.length < 5000) {
      const at = text.indexOf(m, pos);
      if (at < 0) break;
      pos = at + m.length;
      const c = readCall(text, at, m);
      if (c) calls.push(c);
    }
  }
  calls.sort((a, b) => a.param.start - b.param.start);
  const groups: Call[][] = [];
  for (const c of calls) {
    const g = groups[groups.length - 1];
    const prev = g?.[g.length - 1];
    if (g && prev && prev.receiver === c.receiver && c.lineStart - prev.callEnd < 400) g.push(c);
    else groups.push([c]);
  }
  const sets: ParamSet[] = [];
  for (const g of groups) {
    if (!g.some((c) => interesting(c.param.name))) continue;
    const last = g[g.length - 1]!;
    const eol = text.indexOf('\n', last.callEnd);
    const lineEnd = eol < 0 ? text.length : eol;
    const after = text.slice(last.callEnd, lineEnd).replace(/\s*(\/\/.*|#.*)?\r?$/, '');
    const indent = lineIndent(text, last.lineStart + 1);
    const nameQuote = text[last.param.nameStart - 1]!;
    const valueQuote = g.find((c) => c.param.encoding === 'literal')?.param.quote ?? nameQuote;
    const style: FormStyle = { space: '%20', encodesReserved: false };
    const cr = text[lineEnd - 1] === '\r' ? '\r' : '';
    sets.push({
      kind: 'calls',
      start: g[0]!.param.start,
      end: last.callEnd,
      params: g.map((c) => c.param),
      complete: true,
      camelCase: false,
      formStyle: style,
      basicAuth: false,
      insert: (name, value) => ({
        start: lineEnd - cr.length,
        end: lineEnd - cr.length,
        newText: `${cr}\n${indent}${last.receiver}${last.method}${quoteString(name, nameQuote)}, ${quoteString(value, valueQuote)})${after}`,
      }),
      encode: (p, v) => encodeFor(p, v, style),
    });
  }
  return sets;
}

// ---------------------------------------------------------------------------

/**
 * Every parameter set in the text that `interesting` accepts (called with a
 * parameter name). `objects` are the object literals already found by the lexer.
 */
export function findParamSets(text: string, objects: readonly ObjectHit[], interesting: (name: string) => boolean): ParamSet[] {
  const sets: ParamSet[] = [];
  const consumed: Array<[number, number]> = [];
  const curlObjects: ObjectHit[] = [];
  const keepObject = (o: ObjectHit) => o.members.some((m) => interesting(m.key));
  for (const s of curlSets(text, consumed, curlObjects, keepObject)) if (s.params.some((p) => interesting(p.name))) sets.push(s);
  for (const o of [...objects, ...curlObjects]) if (keepObject(o)) sets.push(objectSet(text, o));
  sets.push(...callSets(text, interesting));

  // Form runs outside curl arguments.
  consumed.sort((a, b) => a[0] - b[0]);
  let ci = 0;
  let pos = 0;
  while (pos < text.length) {
    const eq = text.indexOf('=', pos);
    if (eq < 0) break;
    pos = eq + 1;
    while (ci < consumed.length && consumed[ci]![1] <= eq) ci++;
    if (ci < consumed.length && consumed[ci]![0] <= eq) {
      pos = consumed[ci]![1];
      continue;
    }
    if (!isNameChar(text[eq - 1]) || text[eq + 1] === '=') continue;
    let ns = eq - 1;
    while (ns > 0 && eq - ns < 64 && isNameChar(text[ns - 1])) ns--;
    if (!formBoundary(text[ns - 1])) continue;
    const run = readFormRun(text, ns, text.length);
    if (!run) continue;
    pos = Math.max(pos, run.end);
    if (run.params.some((p) => interesting(p.name))) sets.push(formSet(text, run, 'form', false));
  }
  sets.sort((a, b) => a.start - b.start);
  return sets;
}
