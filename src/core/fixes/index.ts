/**
 * Quick-fix engine: finds the mistakes identity providers reject in token
 * requests, client-assertion claims and JOSE headers, before the request is
 * sent, and computes the edits that repair them. Pure: no editor, no I/O.
 * Never throws; bounded work per anchor, linear in the text.
 */
import type { CauseRef } from '../model';
import { isHttpDocument } from '../http/variables';
import { ASSERTION_WORDS } from '../knowledge/assertionWords';
import { lexObjects, type LexOptions, type Member, type ObjectHit } from './lex';
import { intendedParameter, isRegistered } from './params';
import { fileContext, requestMistakes, roleOf } from './requests';
import { findParamSets } from './sets';
import { claimsMistakes, headerMistakes, isClaimsObject, isHeaderObject, signedAssertionMistakes, type ClaimsContext } from './claimRules';
import type { AnalysisOptions, Finding, Mistake, RequestFinding } from '../model';
import { DEFAULT_MAX_ASSERTION_LIFETIME, type Dialect } from './types';

export type { Dialect } from './types';
export { DEFAULT_MAX_ASSERTION_LIFETIME, SHORT_LIFETIME_SECONDS } from './types';

/** Texts above this are not analysed for fixes (the scan still finds tokens in them). */
const MAX_TEXT = 4 * 1024 * 1024;
/** Decoded tokens checked as client assertions, at most. */
const MAX_TOKENS = 200;

const CLAIM_OR_HEADER_KEYS = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'alg', 'typ', 'kid']);

/** Whether a parameter name is (or is meant to be) an OAuth parameter. */
function oauthName(name: string): boolean {
  return isRegistered(name) || intendedParameter(name) !== undefined;
}

const REQUEST_MARKERS = new Set(['grant_type', 'client_assertion_type', 'client_assertion', 'response_type', 'code_challenge']);

function requestMarker(name: string): boolean {
  return REQUEST_MARKERS.has(intendedParameter(name) ?? name);
}

/** The dialect of a whole document from its language id or file name. */
export function documentDialect(languageId?: string, fileName?: string): Dialect | 'markdown' {
  const id = (languageId ?? '').toLowerCase();
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase() ?? '';
  if (isHttpDocument(id, fileName)) return 'http';
  if (id === 'markdown' || ext === 'md' || ext === 'markdown') return 'markdown';
  if (/^(javascript|typescript|javascriptreact|typescriptreact|vue|svelte)$/.test(id) || /^(js|mjs|cjs|ts|mts|cts|jsx|tsx)$/.test(ext)) return 'js';
  if (id === 'python' || ext === 'py') return 'python';
  if (id === 'json' || id === 'jsonc' || id === 'json5' || /^(json|jsonc|json5)$/.test(ext)) return 'json';
  if (id === 'shellscript' || id === 'powershell' || /^(sh|bash|zsh|ps1)$/.test(ext)) return 'shell';
  return 'other';
}

function fenceDialect(info: string): Dialect {
  const d = documentDialect(info.trim().split(/\s+/)[0], undefined);
  if (d !== 'other' && d !== 'markdown') return d;
  const w = info.trim().toLowerCase();
  if (/^(js|ts|jsx|tsx|javascript|typescript|node)$/.test(w)) return 'js';
  if (/^(py|python)$/.test(w)) return 'python';
  if (/^(sh|bash|shell|console|zsh|curl)$/.test(w)) return 'shell';
  if (/^(json|jsonc)$/.test(w)) return 'json';
  return 'other';
}

interface Prepared {
  /** The text with Markdown prose blanked (same length, same line breaks). */
  readonly text: string;
  readonly dialectAt: (offset: number) => Dialect;
}

/** Markdown: only fenced code blocks are code; prose mentions are not flagged. */
function prepare(text: string, options: AnalysisOptions): Prepared {
  const d = documentDialect(options.languageId, options.fileName);
  if (d !== 'markdown') return { text, dialectAt: () => d };
  const blocks: Array<{ start: number; end: number; dialect: Dialect }> = [];
  const out: string[] = [];
  let pos = 0;
  const fence = /^[ \t]{0,3}(`{3,}|~{3,})(.*)$/gm;
  let m: RegExpExecArray | null;
  let open: { marker: string; contentStart: number; dialect: Dialect } | undefined;
  while ((m = fence.exec(text))) {
    if (!open) {
      open = { marker: m[1]!, contentStart: m.index + m[0].length + 1, dialect: fenceDialect(m[2] ?? '') };
    } else if (m[1]!.startsWith(open.marker[0]!) && m[1]!.length >= open.marker.length && !(m[2] ?? '').trim()) {
      blocks.push({ start: open.contentStart, end: m.index, dialect: open.dialect });
      open = undefined;
    }
  }
  for (const b of blocks) {
    out.push(blank(text.slice(pos, b.start)), text.slice(b.start, b.end));
    pos = b.end;
  }
  out.push(blank(text.slice(pos)));
  return {
    text: out.join(''),
    dialectAt: (offset) => blocks.find((b) => b.start <= offset && offset < b.end)?.dialect ?? 'other',
  };
}

/** The same length and line breaks, every other character a space: one repeat per line, not one replacement per character. */
function blank(s: string): string {
  return s.replace(/[^\n]+/g, (run) => ' '.repeat(run.length));
}

/** A random UUID for a new jti, from Web Crypto (present in Node 20 and in browsers). */
function randomId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Every mistake in the text, each with its cause id, the span to underline,
 * a message and the fixes that repair it (or, for a signed token, the
 * corrected claims to copy). Ordered by position. Correct input gives none.
 * `tokens` are the text's token findings (signed assertions are checked).
 * May throw on an engine bug: the analysis' error boundary catches it.
 */
export function findMistakes(input: string, options: AnalysisOptions, tokens: readonly Finding[]): Mistake[] {
  return collect(input, options, tokens);
}

/**
 * Words every rule starts from: a grant or assertion parameter, an authorize
 * request, a time or algorithm claim, a protected header. A text without any
 * has nothing to fix, and is passed over in one regex pass.
 */
const MARKER_RE = /grant|assertion|response_type|code_challenge|protectedheader|\b(?:exp|iat|nbf|alg|typ|jti)\b/gi;
/** Texts up to this size are analysed whole; larger ones only around markers. */
const WHOLE_TEXT = 32 * 1024;
/** How much text around a marker a large text keeps (objects and requests are smaller). */
const MARKER_WINDOW = 1024;

/**
 * A large text (a log, a dump) with everything blanked but the lines around
 * markers: same length and line breaks, so offsets hold, but the lexer and
 * the searches after it skip the blanks at once. Undefined when nothing in
 * the text is a marker.
 */
function aroundMarkers(text: string): Focused | undefined {
  MARKER_RE.lastIndex = 0;
  if (!MARKER_RE.test(text)) return undefined;
  if (text.length <= WHOLE_TEXT) return { text };
  const windows: Array<[number, number]> = [];
  const parts: string[] = [];
  let kept = 0;
  MARKER_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARKER_RE.exec(text))) {
    // Widen to whole lines when a line break is near (bounded, so one long line stays linear).
    let a = Math.max(kept, m.index - MARKER_WINDOW);
    for (let i = a; i > kept && a - i < 256; i--) {
      if (text.charCodeAt(i - 1) === 10) {
        a = i;
        break;
      }
    }
    let b = Math.min(text.length, m.index + MARKER_WINDOW);
    for (let i = b; i < text.length && i - b < 256; i++) {
      if (text.charCodeAt(i) === 10) {
        b = i;
        break;
      }
    }
    if (a > kept) parts.push(blank(text.slice(kept, a)));
    parts.push(text.slice(a, b));
    const last = windows[windows.length - 1];
    if (last && last[1] === a) last[1] = b;
    else windows.push([a, b]);
    kept = b;
    MARKER_RE.lastIndex = Math.max(MARKER_RE.lastIndex, b);
  }
  parts.push(blank(text.slice(kept)));
  return { text: parts.join(''), windows };
}

/** Objects in one window of a focused text, lexed from the line of its first brace (a window of form bodies has none). */
function lexWindow(text: string, from: number, to: number, lex: Omit<LexOptions, 'from' | 'to'>): ObjectHit[] {
  const brace = text.indexOf('{', from);
  if (brace < 0 || brace >= to) return [];
  return lexObjects(text, { ...lex, from: Math.max(from, text.lastIndexOf('\n', brace) + 1), to });
}

/** A text focused on its markers: blanked elsewhere, and the kept windows (absent when kept whole). */
interface Focused {
  readonly text: string;
  readonly windows?: ReadonlyArray<readonly [number, number]>;
}

function collect(input: string, options: AnalysisOptions, tokens: readonly Finding[]): Mistake[] {
  if (input.length > MAX_TEXT) return [];
  const focused = aroundMarkers(input);
  if (focused === undefined) return [];
  const { text, dialectAt } = prepare(focused.text, options);
  const lex = {
    templates: documentDialect(options.languageId, options.fileName) !== 'python',
    keep: (members: readonly Member[]) => members.some((m) => CLAIM_OR_HEADER_KEYS.has(m.key) || oauthName(m.key)),
  };
  // Only the kept windows are lexed: the blanks between them hold nothing.
  const objects = focused.windows ? focused.windows.flatMap(([from, to]) => lexWindow(text, from, to, lex)) : lexObjects(text, lex);
  if (options.isCancelled?.()) return [];
  const requestObjects: ObjectHit[] = [];
  const claimObjects: ObjectHit[] = [];
  const headerObjects: ObjectHit[] = [];
  for (const o of objects) {
    if (isHeaderObject(o)) headerObjects.push(o);
    else if (isClaimsObject(o)) claimObjects.push(o);
    else if (o.members.some((m) => requestMarker(m.key))) requestObjects.push(o);
  }
  const sets = findParamSets(text, requestObjects, requestMarker);
  const roles = sets.map((s) => roleOf(s, text));
  const audSpans: Array<[number, number]> = [];
  for (const o of claimObjects) for (const m of o.members) if (m.key === 'aud') audSpans.push([m.valueStart, m.valueEnd]);
  const file = fileContext(text, sets, roles, audSpans);

  const out: Mistake[] = [];
  sets.forEach((s, i) => out.push(...requestMistakes(s, roles[i]!, file)));

  const ctx: ClaimsContext = {
    text,
    now: options.now,
    leeway: options.leeway,
    maxLifetime: options.maxLifetimeSeconds ?? DEFAULT_MAX_ASSERTION_LIFETIME,
    file,
    dialectAt,
    randomId: options.randomId ?? randomId,
  };
  const assertionSpans: Array<[number, number]> = [];
  for (const o of claimObjects) {
    const found = claimsMistakes(ctx, o);
    out.push(...found);
  }
  for (const o of claimObjects) {
    if (ASSERTION_WORDS.test(text.slice(Math.max(0, o.start - 600), o.end + 300)) || o.members.some((m) => m.key === 'sub')) {
      assertionSpans.push([o.start, o.end]);
    }
  }
  for (const o of headerObjects) {
    const near =
      ASSERTION_WORDS.test(text.slice(Math.max(0, o.start - 1500), Math.min(text.length, o.end + 1500))) ||
      assertionSpans.some(([s, e]) => Math.abs(s - o.end) < 1500 || Math.abs(o.start - e) < 1500);
    out.push(...headerMistakes(ctx, o, near));
  }

  // Client assertions already signed in the text.
  {
    let checked = 0;
    for (const f of tokens) {
      // Only tokens the focusing kept (near a marker, in a Markdown code block).
      if (f.kind !== 'jwt' || text.charCodeAt(f.start) !== input.charCodeAt(f.start) || text.charCodeAt(f.start) === 32) continue;
      if (++checked > MAX_TOKENS) break;
      out.push(...signedAssertionMistakes(ctx, f));
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return dedupe(out);
}

function dedupe(list: Mistake[]): Mistake[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = `${p.start}:${p.end}:${p.causeId}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Token requests and claims sets with something wrong, as findings of kind
 * `token-request` (one per request body, claims set or header; signed
 * tokens are reported as tokens, not here), from the text's mistakes.
 */
export function requestFindings(mistakes: readonly Mistake[]): RequestFinding[] {
  const groups = new Map<string, Mistake[]>();
  for (const p of mistakes) {
    if (p.copyText !== undefined) continue;
    const k = `${p.container.start}:${p.container.end}`;
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  const out: RequestFinding[] = [];
  for (const g of groups.values()) {
    const causes = new Map<Mistake['causeId'], string[]>();
    for (const p of g) {
      const list = causes.get(p.causeId);
      if (list) list.push(p.message);
      else causes.set(p.causeId, [p.message]);
    }
    const refs = [...causes].map(([id, evidence]): CauseRef => ({ id, evidence }));
    const first = g[0]!;
    out.push({
      kind: 'token-request',
      start: first.container.start,
      end: first.container.end,
      ...(first.error !== undefined ? { error: first.error } : {}),
      causes: refs,
      summary: `${g.length === 1 ? '1 problem' : `${g.length} problems`} before sending: ${first.message}`,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
