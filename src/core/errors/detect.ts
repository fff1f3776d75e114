import type { AnalysisOptions, CauseId, CauseRef, ErrorFinding, ProblemReport } from '../model';
import { codeInfo, ctxOfCause, looksLikeCode, normalizeCode, rfcDescribed, statusInfo } from '../knowledge/oauthCodes';
import { redactText } from '../redact';
import { parseForm } from '../text/form';
import { enclosingObject, lineAround, LineCache, parseChallenges, parseObject, type ParsedObject } from './parse';
import { CAUSE_SHORT, DEVICE_RE, rankSignals } from './rank';
import { AUTH_CONTEXT_RE, LINE_RULES } from '../knowledge/messageRules';
import { KIND_RANK, type Signal } from './signals';
import { topicsOf } from '../knowledge/wording';
import { catalogHits, namedProviders, type CatalogHit } from '../knowledge/catalogs/index';

/*
 * How the detector stays linear and cheap: a first pass of a few selective,
 * case-sensitive literal anchors, in small groups (an alternation of many
 * words runs several times slower than a few passes of a few words each),
 * plus a pass for status digits. Each anchor is checked cheaply (lower-case
 * `error` counts only as a key or parameter, digits only standing alone) and
 * its line, or the object around it (bounded to a few KB), is analysed once:
 * whatever was analysed is skipped by later anchors. Request lines
 * (`Authorization: Bearer …`) carry none of the anchors and cost nothing.
 *
 * A short text (a selection, a pasted message, a hover) is read line by line
 * without anchors, so that a bare provider message ("The refresh token is no
 * longer valid.") is diagnosed there too.
 */
const ANCHOR_GROUPS: readonly RegExp[] = [
  /rror|ERROR|xception/g, // error, Error, ERROR, *Error, *Exception
  /uthenticat|nauthori|orbidden/g, // WWW-Authenticate, authentication, Unauthorized, Forbidden (upper-case forms come with a status)
  /AADSTS|IDX\d|E0000\d|ID2\d/g, // provider code prefixes
  /nvalid|xpired|enied|evoked|ismatch/g, // invalid, expired, denied, revoked, mismatch (any case of the first letter)
];
// Not followed by a word character: the digits inside tokens and ids cost no check.
const DIGIT_RE = /(?:40[0137]|429|50[0234])(?!\w)/g;
/** The status line of an HTTP response: "HTTP/1.1 401 Unauthorized", "< HTTP/2 403", "HTTP 403 Forbidden". */
const STATUS_LINE_RE = /^\s*(?:<\s?)?HTTP(?:\/\d(?:\.\d)?)?\s+(\d{3})\b/i;
/** Texts up to this long are read line by line, without anchors. */
const SMALL_TEXT = 8192;

const INTERESTING_STATUS = new Set([401, 403, 407, 429]);
const CONTEXT_STATUS = new Set([400, 500, 502, 503, 504]);

interface Unit {
  start: number;
  end: number;
  signals: Signal[];
  /** Starts a new incident even right after another (an HTTP status line, a log entry). */
  fresh: boolean;
}

/**
 * What texts read before said and how incidents read before were diagnosed,
 * so that a log repeating one message reads and ranks it once. Both are pure
 * functions of their keys (nothing in them depends on the options, the clock
 * or the document), so they are kept across scans: the pieces of one long
 * log, and the scans that follow an edit, share them. Bounded: when a map is
 * full its older half is dropped.
 */
interface Memo {
  readonly text: Map<string, Signal[]>;
  readonly diagnosis: Map<string, Diagnosis | null>;
}

const MEMO: Memo = { text: new Map(), diagnosis: new Map() };

/** How many distinct texts and incidents are remembered, and the longest key kept (about 8 MB at most in all). */
const MEMO_MAX = 4096;
const MEMO_KEY_MAX = 1024;

function remember<V>(m: Map<string, V>, key: string, value: V): void {
  if (m.size >= MEMO_MAX) {
    let n = 0;
    for (const k of m.keys()) {
      m.delete(k);
      if (++n >= MEMO_MAX / 2) break;
    }
  }
  m.set(key, value);
}

/** Forgets every memoised reading and diagnosis (for measurements that time a first scan). */
export function forgetErrorMemo(): void {
  MEMO.text.clear();
  MEMO.diagnosis.clear();
}

export function detectErrors(text: string, options: AnalysisOptions): ErrorFinding[] {
  const s = text;
  if (!s) return [];
  const memo = MEMO;
  LINE_NAMES = new Map();
  const units = s.length <= SMALL_TEXT ? everyLine(s, memo) : anchored(s, options, memo);
  return toFindings(s, units, memo);
}

/** Every line of a short text, as if each carried an anchor. */
function everyLine(s: string, memo: Memo): Unit[] {
  const units: Unit[] = [];
  const lines = new LineCache(s);
  let consumed = 0;
  for (let ls = 0; ls < s.length;) {
    const nl = s.indexOf('\n', ls);
    const next = nl === -1 ? s.length : nl + 1;
    if (ls >= consumed && /\S/.test(s.slice(ls, next))) {
      const lead = ls + (s.slice(ls, next).length - s.slice(ls, next).trimStart().length);
      const unit = atAnchor(s, Math.min(lead, next - 1), lines, memo);
      if (unit) {
        consumed = Math.max(consumed, unit.end);
        if (unit.signals.length) units.push(unit);
        else {
          // A line that is no error itself but says what one is about (an error page's "Hint: The
          // 'redirect_uri' parameter does not match..."): context for the incident it follows, never one alone.
          const [a, b] = lines.around(lead);
          const text = s.slice(a, b).trim();
          if (units.length && text.length > 12 && topicsOf(text).length)
            units.push({
              start: a,
              end: b,
              signals: [{ kind: 'vendor-message', start: a, end: b, weak: true, generic: true, description: text.slice(0, 400), label: 'the message' }],
              fresh: false,
            });
        }
      }
    }
    ls = next;
  }
  return units;
}

/** The anchored first pass over a longer text. */
function anchored(s: string, options: AnalysisOptions, memo: Memo): Unit[] {
  const units: Unit[] = [];
  // Shared regexes (stateful only through lastIndex, set before each exec), so
  // V8 keeps their compiled native code across scans.
  const res = [...ANCHOR_GROUPS, DIGIT_RE];
  const digit = res.length - 1;
  const hits = res.map((re) => nextHit(re, s, 0));
  let consumed = 0;
  let wordsDoneTo = 0;
  let count = 0;
  const lines = new LineCache(s);
  for (;;) {
    // The earliest pending hit of all the passes.
    let g = -1;
    for (let k = 0; k < hits.length; k++) if (hits[k] && (g === -1 || hits[k]![0] < hits[g]![0])) g = k;
    if (g === -1) break;
    const [pos, len] = hits[g]!;
    hits[g] = nextHit(res[g]!, s, pos + len);
    const isDigit = g === digit;
    if (pos < consumed || (!isDigit && pos < wordsDoneTo)) continue;
    if ((++count & 2047) === 0 && options.isCancelled?.()) break;
    let unit: Unit | null;
    if (isDigit) {
      if (!digitBoundary(s, pos, len)) continue;
      unit = atStatus(s, pos, len, lines, memo);
    } else {
      if (!anchorWord(s, pos, len)) continue;
      unit = atAnchor(s, pos, lines, memo);
      if (!unit && (lines.firstBrace === -1 || lines.firstBrace > pos)) {
        // The whole line was read and said nothing: its other words would say the same.
        const [, le] = lines.around(pos);
        wordsDoneTo = lines.firstBrace === -1 ? le : lines.firstBrace;
      }
    }
    if (!unit) continue;
    consumed = Math.max(consumed, unit.end);
    for (let k = 0; k < hits.length; k++) if (hits[k] && hits[k]![0] < consumed) hits[k] = nextHit(res[k]!, s, consumed);
    if (unit.signals.length) units.push(unit);
  }
  return units;
}

/**
 * Whether an anchor stands for a word worth reading its line for: lower-case
 * `error` only as a key or parameter (`"error":`, `error=`), the other words
 * from the start of a word (`invalid`, `Invalid`; `Exception` and `Error` end
 * class names).
 */
function anchorWord(s: string, pos: number, len: number): boolean {
  if (s.charCodeAt(pos) === 114 /* r */ && len === 4) {
    const b = s.charCodeAt(pos - 1);
    if (b === 101 /* e */) return errorKeyAt(s, pos - 1);
    return b === 69; /* E: Error, *Error */
  }
  const first = WORD_FIRST.get(s.slice(pos, pos + len));
  if (first === undefined) return true;
  const b = s.charCodeAt(pos - 1);
  // Invalid, TokenExpired (a capital anywhere); invalid, expired (a small letter only at a word's start).
  return b === first - 32 || (b === first && !isAlnum(s.charCodeAt(pos - 2)));
}

/** The first letter of the word an anchor is the rest of (lower case); other anchors stand alone. */
const WORD_FIRST = new Map<string, number>([
  ['nvalid', 105],
  ['xpired', 101],
  ['enied', 100],
  ['evoked', 114],
  ['ismatch', 109],
  ['nauthori', 117],
  ['orbidden', 102],
]);

function nextHit(re: RegExp, s: string, from: number): [number, number] | null {
  re.lastIndex = from;
  const m = re.exec(s);
  return m ? [m.index, m[0].length] : null;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** 401 standing alone: not inside a number, id, version or timestamp. */
function digitBoundary(s: string, pos: number, len: number): boolean {
  const b = s.charCodeAt(pos - 1);
  const a = s.charCodeAt(pos + len);
  if (isAlnum(b) || b === 46 || b === 45 || b === 95 || b === 35 || b === 43) return false; // . - _ # +
  if (isAlnum(a) || a === 95 || (a === 46 && isAlnum(s.charCodeAt(pos + len + 1)))) return false;
  if (a === 45 && isAlnum(s.charCodeAt(pos + len + 1))) return false; // 401-abc ids
  if (b === 58 && isAlnum(s.charCodeAt(pos - 2)) && s.charCodeAt(pos - 2) <= 57) return false; // 10:401 times
  return true;
}

/** "error" used as a key or parameter: `"error":`, `error=`, `'error':`, `error_description=`... */
function errorKeyAt(s: string, pos: number): boolean {
  const b = s.charCodeAt(pos - 1);
  if (isAlnum(b) || b === 95) return false;
  let i = pos + 5;
  // errorMessage, error_description, errors, errorCode...
  for (let k = 0; k < 24 && (isAlnum(s.charCodeAt(i)) || s.charCodeAt(i) === 95); k++) i++;
  if (s.charCodeAt(i) === 92) i++; // \" inside escaped JSON
  const q = s.charCodeAt(i);
  const quoted = q === 34 || q === 39;
  if (quoted) i++;
  while (s.charCodeAt(i) === 32) i++;
  const c = s.charCodeAt(i);
  if (c === 61) return true;
  if (c !== 58) return false;
  if (quoted) return true;
  // Unquoted `error:` is a log prefix unless an object-literal value follows (JS: error: 'invalid_grant').
  i++;
  while (s.charCodeAt(i) === 32) i++;
  const v = s.charCodeAt(i);
  return v === 34 || v === 39 || v === 123 || (v === 92 && s.charCodeAt(i + 1) === 34);
}

// ---------------------------------------------------------------- units

function atAnchor(s: string, pos: number, lines: LineCache, memo: Memo): Unit | null {
  const [ls, le] = lines.around(pos);
  const line = s.slice(ls, le);
  // A stack frame (at org.keycloak..., File "x.py", line 3) names code, not an error.
  if (STACK_FRAME_RE.test(line)) return null;
  const trimmed = line.trimStart();
  const first = trimmed.charCodeAt(0);
  // Inside a (possibly multi-line) object literal? (A line that opens with a quote or a brace, or an
  // indented member such as `    error = "invalid_grant";` of a printed dictionary.)
  if (
    (lines.firstBrace !== -1 && lines.firstBrace < pos) ||
    first === 34 ||
    first === 39 ||
    first === 125 ||
    first === 92 ||
    first === 58 ||
    first === 44 ||
    /^\s+\w+\s*[:=]\s*["'{[]/.test(line)
  ) {
    const enc = enclosingObject(s, pos);
    if (enc) {
      const sigs = objectSignals(s, enc.start, enc.parsed, memo);
      if (sigs.length || enc.parsed.end - enc.start > 400) return { start: enc.start, end: enc.parsed.end, signals: sigs, fresh: false };
    }
  }
  const lower = line.toLowerCase();
  const m = STATUS_LINE_RE.exec(line);
  if (m) {
    const st = parseInt(m[1]!, 10);
    if (INTERESTING_STATUS.has(st) || CONTEXT_STATUS.has(st)) return responseUnit(s, ls, le, st, memo);
  }
  return lineUnit(s, ls, le, line, lower, memo);
}

function atStatus(s: string, pos: number, len: number, lines: LineCache, memo: Memo): Unit | null {
  const status = parseInt(s.slice(pos, pos + len), 10);
  const [ls, le] = lines.around(pos);
  const line = s.slice(ls, le);
  const rel = pos - ls;
  const before = line.slice(Math.max(0, rel - 40), rel);
  // A status line that opens an HTTP response (the status is within the first few characters).
  if (rel <= 24 && /^\s*(?:<\s?)?HTTP(?:\/\d(?:\.\d)?)?\s+$/i.test(line.slice(0, rel))) return responseUnit(s, ls, le, status, memo);
  // Inside a JSON object ("status": 401): the object decides.
  if ((lines.firstBrace !== -1 && lines.firstBrace < pos) || /^\s*["']/.test(line.slice(0, 16))) {
    const enc = enclosingObject(s, pos);
    if (enc) {
      const sigs = objectSignals(s, enc.start, enc.parsed, memo);
      return { start: enc.start, end: enc.parsed.end, signals: sigs, fresh: false };
    }
  }
  if (!statusMention(line, rel, len, before)) return null;
  const lower = line.toLowerCase();
  return lineUnit(s, ls, le, line, lower, memo);
}

const STATUS_BEFORE =
  /(?:https?\/\d(?:\.\d)?"?|http status|http error|http|status(?:[ _-]?code)?|response(?:[ _-]?(?:code|status))?|code|returned|received|got|failed with|responded with|with|error|status:|\bsc|rc)["'\s:=(#[-]{0,5}$/i;
const STATUS_AFTER =
  /^["'\])]?\s{0,3}[-:(–]?\s{0,3}(?:(?:client|server) error\b|unauthori[sz]ed|authori[sz]ation required|authentication required|forbidden|too many requests|proxy authentication required|bad request|internal server error|service unavailable|bad gateway|gateway time-?out|access denied|not authori[sz]ed)/i;

function statusMention(line: string, rel: number, len: number, before: string): boolean {
  if (STATUS_BEFORE.test(before)) return true;
  return STATUS_AFTER.test(line.slice(rel + len, rel + len + 40));
}

/** A status line with its headers and body: one incident. */
function responseUnit(s: string, ls: number, le: number, status: number, memo: Memo): Unit {
  const line = s.slice(ls, le);
  const lead = line.length - line.trimStart().length;
  const reason = /^\s*(?:<\s?)?HTTP(?:\/\S+)?\s+\d{3}\s*(.*)$/i.exec(line)?.[1]?.trim() ?? '';
  const sigs: Signal[] = [];
  const statusSig: Signal = {
    kind: 'http-status',
    start: ls + lead,
    end: le,
    status,
    ...(reason ? { fields: { reason } } : {}),
  };
  if (!INTERESTING_STATUS.has(status)) statusSig.weak = true;
  sigs.push(statusSig);
  // More than a reason phrase after the status: a message ("HTTP 401 Access denied due to invalid subscription key").
  if (reason.length > 40) for (const x of freeTextSignals(reason, ls + lead, le, false, memo)) sigs.push(x);
  let end = le;
  let i = nextLine(s, le);
  let body = -1;
  const headerLimit = ls + 16384;
  for (let n = 0; n < 80 && i >= 0 && i < s.length && i < headerLimit; n++) {
    const [a, b] = lineAround(s, i, 8192);
    const h = s.slice(a, b);
    if (/^\s*<?\s*$/.test(h)) {
      body = nextLine(s, b);
      break;
    }
    const m = /^\s*(?:<\s?)?([A-Za-z][A-Za-z0-9-]{0,63}):[ \t]?(.*)$/.exec(h);
    if (!m) break;
    end = b;
    headerSignal(s, a, b, m[1]!.toLowerCase(), m[2]!, sigs, memo);
    i = nextLine(s, b);
  }
  if (body >= 0) {
    let j = body;
    for (let k = 0; k < 3 && j < s.length; k++) {
      const c = s.charCodeAt(j);
      if (c === 10 || c === 13 || c === 32 || c === 9) j++;
      else break;
    }
    if (s.charCodeAt(j) === 123) {
      const parsed = parseObject(s, j);
      if (parsed) {
        for (const x of objectSignals(s, j, parsed, memo)) sigs.push(x);
        end = Math.max(end, parsed.end);
      }
    } else if (j < s.length && !/^\s*(?:<\s?)?HTTP\//i.test(s.slice(j, j + 12))) {
      // A text body: up to the next blank line, 2 KB at most.
      let bEnd = s.indexOf('\n\n', j);
      if (bEnd === -1 || bEnd > j + 2048) bEnd = Math.min(s.length, j + 2048);
      const text = s.slice(j, bEnd);
      if (/(?:^|&)error=/.test(text)) {
        const q = querySignal(s, j, j + text.search(/\s|$/));
        if (q) sigs.push(q);
      }
      for (const x of freeTextSignals(text, j, j + text.length, false, memo, undefined, namedProviders(s.slice(ls, j).toLowerCase()))) sigs.push(x);
      if (text.trim()) end = Math.max(end, bEnd);
    }
  }
  return { start: ls, end, signals: sigs, fresh: true };
}

function nextLine(s: string, at: number): number {
  const n = s.indexOf('\n', at);
  return n === -1 ? -1 : n + 1;
}

function headerSignal(s: string, a: number, b: number, name: string, value: string, sigs: Signal[], memo: Memo): void {
  const lead = s.slice(a, b).length - s.slice(a, b).trimStart().length;
  if (name === 'www-authenticate' || name === 'proxy-authenticate') {
    const ch = challengeSignal(value, a + lead, b, name === 'proxy-authenticate');
    if (ch) sigs.push(ch, ...descriptionSignals(ch, memo));
    return;
  }
  const st = sigs[0]!;
  const f = (st.fields ??= {});
  if (name === 'retry-after') f['retry-after'] = value.trim();
  else if (name === 'location' && /[?#&]error=/.test(value)) {
    const off = s.indexOf(value, a);
    const q = querySignal(s, off, off + value.length);
    if (q) sigs.push(q, ...descriptionSignals(q, memo));
  } else if (name === 'x-amzn-errortype') {
    const code = value.split(':')[0]!.trim();
    f['x-amzn-errortype'] = code;
    if (
      /Unauthorized|AccessDenied|Forbidden|NotAuthorized|ExpiredToken|InvalidSignature|MissingAuthenticationToken|IncompleteSignature|UnrecognizedClient/i.test(
        code,
      )
    ) {
      st.provider = 'AWS';
      st.vendorCode = code;
    }
  } else if (name === 'dpop-nonce') f['dpop-nonce'] = value.trim();
  else if (name === 'x-ms-request-id' || name === 'x-request-id' || name === 'x-correlation-id' || name === 'x-amzn-requestid' || name === 'x-okta-request-id')
    f[name] = value.trim();
  else if (/^x-rate-?limit-(?:remaining|reset|limit)$|^ratelimit-(?:remaining|reset)$/.test(name)) f[name] = value.trim();
  else if (name === 'content-type') f['content-type'] = value.trim();
  else if (name === 'server' || name === 'via') {
    const v = value.toLowerCase();
    if (v.includes('kong')) st.provider ??= 'Kong';
    else if (v.includes('apigee')) st.provider ??= 'Apigee';
  }
}

/** What a structured error's description says, read by the catalogs and rules (evidence beside the error itself). */
function descriptionSignals(sig: Signal, memo: Memo): Signal[] {
  if (!sig.description) return [];
  return freeTextSignals(sig.description, sig.start, sig.end, true, memo).map((v) => ({ ...v, generic: true }));
}

function challengeSignal(value: string, start: number, end: number, proxy = false): Signal | null {
  const challenges = parseChallenges(value);
  if (!challenges.length) return null;
  const withErr = challenges.find((c) => c.params.has('error')) ?? challenges[0]!;
  const err = withErr.params.get('error');
  const desc = withErr.params.get('error_description');
  const fields: Record<string, string> = { 'www-authenticate': value.trim().slice(0, 500) };
  for (const [k, v] of withErr.params) if (k !== 'error' && k !== 'error_description') fields[k] = v;
  const sig: Signal = { kind: 'auth-challenge', start, end, challenges, fields, label: proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate' };
  if (err) sig.error = normalizeCode(err);
  if (desc) sig.description = desc;
  if (/\bdpop\b/i.test(value)) sig.provider ??= undefined;
  return sig;
}

/** `?error=...&error_description=...&state=...` in a URL, or a bare form body. */
function querySignal(s: string, from: number, to: number): Signal | null {
  const raw = s.slice(from, to);
  let q = raw;
  const qi = raw.search(/[?#]/);
  let off = from;
  if (qi >= 0) {
    q = raw.slice(qi + 1);
    off = from + qi + 1;
  }
  const m = parseForm(q);
  const err = m.get('error');
  if (!err || !looksLikeCode(err)) return null;
  const fields: Record<string, string> = {};
  for (const k of ['error_uri', 'state', 'scope', 'session_state', 'iss', 'error_subcode', 'correlation_id', 'trace_id']) {
    const v = m.get(k);
    if (v) fields[k] = v;
  }
  const sig: Signal = { kind: 'oauth-error', start: off, end: to, error: normalizeCode(err), fields, label: 'the redirect' };
  const d = m.get('error_description');
  if (d) sig.description = d;
  return sig;
}

// ---------------------------------------------------------------- objects

const DESC_KEYS = [
  'error_description',
  'error.message',
  'error_message',
  'errormessage',
  'errorsummary',
  'message',
  'msg',
  'detail',
  'details',
  'fault.faultstring',
  'faultstring',
  'title',
  'errors.0.message',
  'error.errors.0.message',
  'errordescription',
  'description',
  'error_reason',
  'reason',
  'errormsg',
  'error.description',
  'error.details.0.message',
];
const CODE_KEYS = [
  'errorcode',
  'error_code',
  'fault.detail.errorcode',
  '__type',
  'error.code',
  'error.status',
  'code',
  'errortype',
  'error_type',
  'type',
  'status',
  'errors.0.code',
  'errors.0.extensions.code',
];
const STATUS_KEYS = [
  'status',
  'statuscode',
  'status_code',
  'httpstatus',
  'http_status',
  'httpstatuscode',
  'code',
  'error.code',
  'response.status',
  'response.statuscode',
  'status.code',
  'res.statuscode',
  'http.status_code',
  'http.response.status_code',
];
const FIELD_KEYS = [
  'error_uri',
  'state',
  'scope',
  'realm',
  'trace_id',
  'correlation_id',
  'timestamp',
  'request_id',
  'requestid',
  'errorid',
  'error_codes',
  'documentation_url',
  'requesturl',
  'path',
  'erroruri',
  'errorlink',
];

const AUTH_NOUN_RE =
  /token|jwt|bearer|credential|oauth|oidc|authenticat|authori[sz]|\bsession|api[ _-]?key|client[ _]?id|client[ _]secret|\bscopes?\b|forbidden|access denied|\blog ?in\b|sign-?in|password|signature|certificate|rate limit|too many|throttl|quota|\bconsent|\bgrant\b|\baud(?:ience)?\b|\bissuer\b/i;

function objectSignals(s: string, start: number, o: ParsedObject, memo: Memo): Signal[] {
  const map = o.map;
  const out: Signal[] = [];
  const get = (k: string): string | undefined => {
    const v = map.get(k);
    return v === undefined || v === '' || v === 'null' || v === 'None' ? undefined : v;
  };
  const errVal = o.containers.has('error') ? undefined : get('error');
  let desc: string | undefined;
  for (const k of DESC_KEYS) {
    const v = get(k);
    if (v && !o.containers.has(k) && /[A-Za-z]/.test(v)) {
      desc = v;
      break;
    }
  }
  let status: number | undefined;
  for (const k of STATUS_KEYS) {
    const v = get(k);
    if (v && /^\d{3}$/.test(v.trim())) {
      const n = parseInt(v, 10);
      if (n >= 400 && n <= 599) {
        status = n;
        break;
      }
    }
  }
  let vcode: string | undefined;
  for (const k of CODE_KEYS) {
    const v = get(k);
    if (v && !/^\d{1,3}$/.test(v) && looksLikeCode(v) && v.length >= 3) {
      vcode = v;
      break;
    }
  }
  const entraCodes = get('error_codes.0');
  const fields: Record<string, string> = {};
  for (const k of FIELD_KEYS) {
    const v = get(k);
    if (v) fields[k] = v.slice(0, 300);
  }
  if (entraCodes) fields['error_codes'] = entraCodes;
  const end = o.end;
  // Text the catalogs and vendor rules read: the object itself (its codes, its
  // messages, an error_uri naming a provider), and Entra's error_codes as AADSTS codes.
  const raw = s.slice(start, Math.min(end, start + 4096));
  const vtext = entraCodes && /^\d{5,7}$/.test(entraCodes) && !raw.includes('AADSTS') ? `${raw} AADSTS${entraCodes}` : raw;
  const vendor = freeTextSignals(vtext, start, end, true, memo, get('type'));
  // Quote the object's message, not its braces.
  const said = [vcode, errVal && !looksLikeCode(errVal) ? errVal : undefined, desc].filter(Boolean).join(' · ');
  for (const v of vendor) if (said) v.description = said.slice(0, 400);
  for (const v of vendor) {
    v.start = start;
    v.end = end;
  }

  if (errVal && looksLikeCode(errVal) && isOAuthCode(errVal, !!get('error_description'))) {
    const sig: Signal = { kind: 'oauth-error', start, end, error: normalizeCode(errVal), fields, label: 'the error response' };
    if (desc) sig.description = desc;
    if (status) sig.status = status;
    out.push(sig, ...vendor.map((v) => ({ ...v, kind: 'vendor-message' as const, generic: true })));
    return out;
  }
  const sentence = errVal && !looksLikeCode(errVal) ? errVal : undefined;
  const msg = desc ?? sentence;
  const authWords = (msg && AUTH_NOUN_RE.test(msg)) || (sentence && /unauthori[sz]ed|forbidden/i.test(sentence));
  if (vendor.some((v) => !v.generic) || authWords || (vcode && /unauthori|forbidden|denied|token|auth|credential|expired/i.test(vcode))) {
    const base = vendor.find((v) => !v.generic);
    const sig: Signal = {
      kind: 'vendor-message',
      start,
      end,
      fields,
      label: 'the error body',
      ...(msg ? { description: [sentence && desc && sentence !== desc ? sentence : '', msg].filter(Boolean).join(': ') } : {}),
    };
    if (status) sig.status = status;
    if (vcode && !base?.vendorCode) sig.vendorCode = vcode;
    out.push(sig);
    for (const v of vendor) out.push(v);
    return out;
  }
  if (status && INTERESTING_STATUS.has(status)) {
    const sig: Signal = { kind: 'http-status', start, end, status, fields };
    if (msg) sig.description = msg;
    out.push(sig);
  }
  return out;
}

function isOAuthCode(v: string, hasDescription: boolean): boolean {
  // "Unauthorized", "Forbidden": HTTP reason phrases (Boom, NestJS), not OAuth codes.
  if (/^[A-Z][a-z]+(?: [A-Z][a-z]+)*$/.test(v.trim())) return false;
  const c = normalizeCode(v);
  if (codeInfo(c)) return true;
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+){1,6}$/.test(v.trim())) return true;
  return hasDescription && /^[a-z]{4,30}$/.test(v.trim());
}

// ---------------------------------------------------------------- lines

const ERRORISH_RE = /error|exception|fail|denied|reject|warn|unauthori[sz]ed|forbidden|invalid|expired|no longer valid|\b40[13]\b|not authori[sz]ed|refused/i;
const CODE_LINE_RE =
  /===|!==|\bcase\s+['"]|\bif\s*\(|\)\s*=>|=>\s*[{(]|\breturn\b|\bconst\s|\blet\s|\bvar\s|\bdef\s|\belif\b|\bexport\s|\bimport\s|#define|\bthrow new\b/;
const BARE_CODE_RE =
  /\b(invalid_request|invalid_client|invalid_grant|unauthorized_client|unsupported_grant_type|invalid_scope|access_denied|unsupported_response_type|server_error|temporarily_unavailable|invalid_token|insufficient_scope|interaction_required|login_required|account_selection_required|consent_required|authorization_pending|slow_down|expired_token|invalid_dpop_proof|use_dpop_nonce|invalid_target|invalid_resource|redirect_uri_mismatch|mfa_required|bad_verification_code|incorrect_client_credentials|invalid_client_id|invalid_request_uri|invalid_request_object|unmet_authentication_requirements|invalid_redirect_uri|invalid_client_metadata|malformed_token|token_expired|invalid_signature|invalid_dpop_proof)\b/;

function lineUnit(s: string, ls: number, le: number, line: string, lower: string, memo: Memo): Unit | null {
  const lead = line.length - line.trimStart().length;
  const start = ls + lead;
  const sigs: Signal[] = [];
  // A challenge header, alone or logged: WWW-Authenticate: Bearer error="invalid_token", ...
  const hm = /(?:www|proxy)-authenticate["']?(?:\s{0,4}[:=]\s{0,4}|\s{1,4}(?=(?:bearer|dpop|basic|digest|negotiate)\s))/.exec(lower);
  if (hm) {
    let value = line.slice(hm.index + hm[0].length);
    let end = le;
    // The value on the next line ("WWW-Authenticate:\nBearer error=...").
    if (!value.trim() && s.charCodeAt(le) === 10) {
      const [a, b] = lineAround(s, le + 1, 4096);
      value = s.slice(a, b);
      end = b;
    }
    // Logged as a JSON member: "www-authenticate": "Bearer realm=\"...\", error=\"...\"".
    if (/^["']/.test(value)) value = value.slice(1).replace(/\\(["'\\])/g, '$1');
    const ch = challengeSignal(value, ls + hm.index, end, hm[0].startsWith('proxy'));
    if (ch) return { start: ls, end, signals: [ch, ...descriptionSignals(ch, memo)], fresh: false };
  }
  // A challenge's value alone: Bearer error="invalid_token", error_description="..." (or just its parameters).
  const bareCh = /^\s*(?:[1-5]\d\d\s+)?(?=(?:Bearer|DPoP)\s+[A-Za-z_][\w-]*=|error=")/i.exec(line);
  if (bareCh) {
    const ch = challengeSignal(line.slice(bareCh[0].length).trim(), start, le);
    if (ch && ch.error) return { start: ls, end: le, signals: [ch, ...descriptionSignals(ch, memo)], fresh: false };
  }
  // An error response printed member by member (a console, YAML): error: "login_required", then error_description: ...
  const ym = /^\s*["']?error["']?\s*[:=]\s*["']?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)["']?[,;]?\s*$/.exec(line);
  if (ym && (codeInfo(ym[1]) || isOAuthCode(ym[1]!, true))) {
    const sig: Signal = { kind: 'oauth-error', start, end: le, error: normalizeCode(ym[1]!), fields: {}, label: 'the error response' };
    let end = le;
    for (let k = 0, at = le + 1; k < 4 && at < s.length; k++) {
      const [a, b] = lineAround(s, at, 2048);
      const d = /^\s*["']?(?:error_description|errordescription|description|message)["']?\s*[:=]\s*["']?(.*?)["']?[,;]?\s*$/i.exec(s.slice(a, b));
      if (d && d[1]) {
        sig.description ??= d[1];
        end = b;
      } else if (!/^\s*["']?\w+["']?\s*[:=]/.test(s.slice(a, b))) break;
      at = b + 1;
    }
    sig.end = end;
    return { start: ls, end, signals: [sig, ...descriptionSignals(sig, memo)], fresh: looksLikeEntryStart(line) };
  }
  // Objects inside the line (JSON after a log prefix).
  let brace = line.indexOf('{');
  for (let k = 0; k < 3 && brace !== -1; k++) {
    const parsed = parseObject(s, ls + brace);
    if (parsed && parsed.end <= le + 1) {
      for (const x of objectSignals(s, ls + brace, parsed, memo)) sigs.push(x);
      brace = line.indexOf('{', parsed.end - ls);
    } else brace = line.indexOf('{', brace + 1);
  }
  // error=... in a URL, a form body, or key=value log fields.
  const eq = lower.search(/(?:^|[?&#\s,;"'(])error=/);
  if (eq !== -1 && !sigs.some((x) => x.kind === 'oauth-error')) {
    const at = eq + (lower.charCodeAt(eq) === 101 ? 0 : 1);
    let a = at;
    while (a > 0 && !/[\s"'<>()]/.test(line[a - 1]!)) a--;
    let b = at;
    while (b < line.length && !/[\s"'<>()]/.test(line[b]!)) b++;
    const q = querySignal(s, ls + a, ls + b);
    if (q && (/[?#&]/.test(line.slice(a, b)) || line.slice(a, b).includes('error_description'))) sigs.push(q, ...descriptionSignals(q, memo));
    else {
      const kv = kvSignal(line, ls, start, le);
      if (kv) sigs.push(kv);
    }
  }
  for (const x of freeTextSignals(line, start, le, false, memo, undefined, namesAround(s, ls, le))) sigs.push(x);
  // A status mentioned in a log line.
  const st = statusInLine(line);
  if (st) {
    const sig: Signal = { kind: 'http-status', start, end: le, status: st.status };
    if (!INTERESTING_STATUS.has(st.status) && !sigs.length && !AUTH_CONTEXT_RE.test(line)) sig.weak = true;
    if (st.message) sig.description = st.message;
    sigs.push(sig);
  }
  return { start: ls, end: le, signals: sigs, fresh: looksLikeEntryStart(line) };
}

/**
 * The providers the rest of the message a line belongs to names: the lines
 * around it up to 600 characters and 8 lines each way, stopping at a line that starts
 * another log entry (blank lines inside a pasted error page do not end it).
 * Each line's names are read once per scan.
 */
function namesAround(s: string, ls: number, le: number): ReadonlySet<string> | undefined {
  const BLOCK = 600;
  let a = ls;
  let lines = 0;
  if (!looksLikeEntryStart(s.slice(ls, Math.min(le, ls + 80)))) {
    while (a > 0 && ls - a < BLOCK && ++lines <= BLOCK_LINES) {
      const p = a >= 2 ? s.lastIndexOf('\n', a - 2) + 1 : 0;
      if (p >= a || ls - p > BLOCK) break;
      a = p;
      if (looksLikeEntryStart(s.slice(p, Math.min(p + 80, s.length)))) break;
    }
  }
  let b = le;
  lines = 0;
  while (b < s.length && b - le < BLOCK && ++lines <= BLOCK_LINES) {
    const n = s.indexOf('\n', b + 1);
    const next = n === -1 ? s.length : n;
    if (next - le > BLOCK || looksLikeEntryStart(s.slice(b + 1, Math.min(b + 81, s.length)))) break;
    b = next;
  }
  if (a === ls && b === le) return undefined;
  const out = new Set<string>();
  for (let p = a; p < b;) {
    const n = s.indexOf('\n', p);
    const e = n === -1 || n > b ? b : n;
    if (p !== ls) {
      let names = LINE_NAMES.get(p);
      if (!names) {
        const lower = s.slice(p, e).toLowerCase();
        const n = namedProviders(lower);
        if (AUTH_CONTEXT_RE.test(lower)) n.add(AUTH_CONTEXT);
        LINE_NAMES.set(p, (names = n));
      }
      for (const f of names) out.add(f);
    }
    p = e + 1;
  }
  return out.size ? out : undefined;
}

/** Stands among the names of a message's other lines when they speak of auth (a token endpoint, a JWKS, OpenID...). */
const AUTH_CONTEXT = '#auth';

/** At most this many lines each way belong to a line's message. */
const BLOCK_LINES = 8;

/** The providers each line names, by the line's start; reset for every scan. */
let LINE_NAMES = new Map<number, ReadonlySet<string>>();

function kvSignal(line: string, ls: number, start: number, le: number): Signal | null {
  const re = /([A-Za-z_][\w.-]{0,40})=("(?:[^"\\]|\\.){0,500}"|'[^']{0,500}'|[^\s,;&]{0,300})/g;
  const kv = new Map<string, string>();
  let m: RegExpExecArray | null;
  for (let n = 0; n < 40 && (m = re.exec(line)); n++) {
    let v = m[2]!;
    if (v.startsWith('"') || v.startsWith("'")) v = v.slice(1, -1);
    kv.set(m[1]!.toLowerCase(), v);
  }
  const err = kv.get('error');
  if (!err || !looksLikeCode(err)) return null;
  const code = normalizeCode(err);
  const known = codeInfo(code);
  if (!known && !/_/.test(code)) return null;
  const keycloak = /org\.keycloak|\brealmid=|type=[A-Z_]{3,40}_ERROR/i.test(line);
  const sig: Signal = {
    kind: keycloak ? 'vendor-message' : 'oauth-error',
    start,
    end: le,
    error: keycloak && known?.rfc ? known.rfc : code,
    label: keycloak ? 'Keycloak event' : 'the log entry',
    fields: {},
  };
  if (keycloak) {
    sig.provider = 'Keycloak';
    sig.vendorCode = code;
    if (known && known.ctx === 'resource' && /type=(?:REFRESH_TOKEN|CODE_TO_TOKEN|TOKEN_EXCHANGE)_ERROR\b/i.test(line)) {
      // The event of a token request: the token it calls invalid is the refresh token or code being exchanged.
      sig.causes = ['grant.invalid', 'token.revoked', 'token.expired'];
      sig.ctx = 'grant';
      sig.meaning = 'Keycloak: the refresh token or code of this token request is not valid any more (expired, revoked, or its session ended).';
      sig.short = 'grant rejected';
    } else if (known) {
      sig.causes = known.causes;
      sig.ctx = known.ctx;
      sig.meaning = known.meaning;
      sig.short = known.short;
    }
  }
  const d = kv.get('error_description') ?? kv.get('reason') ?? kv.get('message') ?? kv.get('msg');
  if (d) sig.description = d;
  for (const k of ['type', 'clientid', 'client_id', 'realmid', 'userid', 'redirect_uri', 'grant_type', 'scope']) {
    const v = kv.get(k);
    if (v) sig.fields![k] = v;
  }
  void ls;
  return sig;
}

function statusInLine(line: string): { status: number; message?: string } | null {
  const re = /(?:^|[^\w.#+-])(40[0137]|429|50[0234])(?![\w])/g;
  let m: RegExpExecArray | null;
  for (let n = 0; n < 20 && (m = re.exec(line)); n++) {
    const rel = m.index + m[0].length - 3;
    const before = line.slice(Math.max(0, rel - 40), rel);
    if (/\d:$/.test(before)) continue;
    if (!statusMention(line, rel, 3, before)) continue;
    const status = parseInt(m[1]!, 10);
    // Tomcat: "HTTP Status 401 - Invalid access token"; curl/axios: "401 Unauthorized: ..."
    const tail = line
      .slice(rel + 3)
      .replace(/^\s*[-–:]\s*/, '')
      .trim();
    const msg = /^HTTP Status\s*$/i.test(before.trim()) || /^\s*[-–]\s/.test(line.slice(rel + 3)) ? tail : undefined;
    return { status, ...(msg ? { message: msg.slice(0, 300) } : {}) };
  }
  return null;
}

function looksLikeEntryStart(line: string): boolean {
  return /^\s{0,2}(?:\d{4}-\d\d-\d\d|\d{4}\/\d\d\/\d\d|\[\d|\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|[A-Z][a-z]{2}\s+\d|\{"(?:ts|time|timestamp|level|@timestamp)"|(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL)\b)/.test(
    line,
  );
}

/**
 * Vendor codes, provider/library messages, bare OAuth codes and generic auth
 * wording in a short text. `inObject`: the text comes from an error body's
 * members (so generic wording counts).
 */
/** A comment line in code, config or a request file: prose about errors, not an error. */
const COMMENT_LINE_RE = /^\s{0,40}(?:#|\/\/|\/\*|\*|--|;|<!--)\s/;

/**
 * Providers whose rules match wording that other software uses too: the
 * provider is named only when one of its own markers is in the message.
 */
const PROVIDER_MARKERS: Readonly<Record<string, RegExp>> = {
  'Amazon Cognito': /NotAuthorizedException|cognito|InitiateAuth|UserNotConfirmed|amazonaws/i,
};

function freeTextSignals(text: string, start: number, end: number, inObject: boolean, memo: Memo, typeValue?: string, around?: ReadonlySet<string>): Signal[] {
  if (!inObject && COMMENT_LINE_RE.test(text.slice(0, 48))) return [];
  const t = text.length > 4096 ? text.slice(0, 4096) : text;
  // Providers named in the rest of the message (its other lines) count as named here too.
  // What the text means is read once per distinct text (timestamps, ids and long numbers aside).
  const key = `${inObject ? 'o' : 'l'}${typeValue ?? ''}\u0000${around?.size ? [...around].sort().join(',') : ''}\u0000${volatileMasked(t)}`;
  let read = memo.text.get(key);
  if (!read) {
    read = readText(t, inObject, typeValue, around);
    // Long texts are rarely repeated: not worth their memory.
    if (key.length <= MEMO_KEY_MAX) remember(memo.text, key, read);
  }
  if (!read.length) return read;
  const desc = t.trim().slice(0, 400);
  return read.map((x) => ({
    ...x,
    start,
    end,
    description: x.error && x.label?.startsWith('the message (') ? (afterCode(t, x.error) ?? desc) : desc,
    textKey: key,
  }));
}

/**
 * A text with what varies between repeats of one message masked: timestamps,
 * UUIDs, long hex ids, numbers of four digits or more that stand alone, and
 * random-looking ids of twelve characters or more mixing upper and lower case
 * and digits (codes such as AADSTS50011 or E0000011, and class names, are kept).
 */
function volatileMasked(t: string): string {
  // One pass over the words (runs of letters, digits and _ - : . +): a word with four digits or
  // more is masked when it starts with a digit (a time, a number, an address), is a long run of
  // hex (a UUID, a hash) or looks random; a word that starts with letters keeps its digits.
  let out = '';
  let last = 0;
  const n = t.length;
  for (let i = 0; i < n;) {
    if (!isWordy(t.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let digits = 0;
    let hex = true;
    while (j < n) {
      const c = t.charCodeAt(j);
      if (!isWordy(c)) break;
      if (c >= 48 && c <= 57) digits++;
      else if (!((c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 45)) hex = false;
      j++;
    }
    if (digits >= 4) {
      const first = t.charCodeAt(i);
      if ((first >= 48 && first <= 57) || (hex && j - i >= 16) || looksRandom(t.slice(i, j))) {
        out += t.slice(last, i) + '#';
        last = j;
      }
    }
    i = j;
  }
  return last === 0 ? t : out + t.slice(last);
}

/**
 * An id such as Okta's errorId (oaeY-4G_TBUTBSZAn9n7oZCfw): upper and lower
 * case and digits, changing class often. A class or code name
 * (OAuth2AuthenticationException, AADSTS50011) changes rarely and is kept.
 */
function looksRandom(w: string): boolean {
  if (w.length < 16 || !/[a-z]/.test(w) || !/[A-Z]/.test(w)) return false;
  let changes = 0;
  let prev = -1;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    const k = c >= 97 && c <= 122 ? 0 : c >= 65 && c <= 90 ? 1 : c >= 48 && c <= 57 ? 2 : 3;
    if (k !== prev) changes++;
    prev = k;
  }
  return changes >= w.length * 0.4;
}

function isWordy(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45 || c === 46 || c === 43;
}

/** The text after a bare OAuth code in a message ("[invalid_grant] Code expired" → "Code expired"), if it says something. */
function afterCode(t: string, code: string): string | undefined {
  const i = t.indexOf(code);
  if (i === -1) return undefined;
  const after = t
    .slice(i + code.length)
    .replace(/^[\])'":\s-]{1,6}/, '')
    .trim();
  return after.length > 3 ? after.slice(0, 300) : undefined;
}

/**
 * What a short text says, read from the knowledge: a provider catalog entry, a
 * message rule, a bare OAuth code, generic auth wording. The signals carry no
 * position and no description yet (freeTextSignals adds them).
 */
function readText(t: string, inObject: boolean, typeValue?: string, around?: ReadonlySet<string>): Signal[] {
  const out: Signal[] = [];
  const lower = t.toLowerCase();
  // Source code that handles errors mentions codes and messages without being one.
  const codeLine = !inObject && CODE_LINE_RE.test(t);
  // The provider catalogs first: a code or phrase of a provider's own vocabulary.
  const hits = codeLine ? [] : catalogHits(t, lower, typeValue, around);
  // A network failure matters here only near auth (a token, JWKS or discovery endpoint).
  const auth = AUTH_CONTEXT_RE.test(t) || around?.has(AUTH_CONTEXT) === true;
  const best = hits.find((h) => h.entry.causes[0] !== 'transport.network' || auth);
  if (best && best.strength >= 2) out.push(catalogSignal(best, 0, 0, ''));
  else {
    // Messages the catalogs do not hold (gateways, TLS and network wording), then weak catalog wording.
    const rule = ruleSignal(t, lower, 0, 0, '');
    if (rule) out.push(rule);
    else if (best) out.push(catalogSignal(best, 0, 0, ''));
  }
  // A bare OAuth code stated in a message: "OAuth2AuthenticationException: [invalid_grant] ...".
  // A code's RFC description quoted without the code ("The request is missing a required parameter, ...").
  const described = !codeLine && !out.some((x) => x.error || x.impliedError) ? rfcDescribed(lower) : undefined;
  if (described)
    out.push({
      kind: 'vendor-message',
      start: 0,
      end: 0,
      impliedError: described,
      generic: out.some((x) => !x.generic),
      label: 'the message',
      ctx: codeInfo(described)!.ctx,
    });
  const bare = !codeLine && lower.indexOf('_') !== -1 ? BARE_CODE_RE.exec(t) : null;
  if (bare && !out.some((x) => x.error === bare[1])) {
    const code = bare[1]!;
    out.push({
      kind: 'vendor-message',
      start: 0,
      end: 0,
      error: code,
      ...(out.some((x) => !x.generic) ? { generic: true } : {}),
      label: `the message (${code})`,
      ctx: codeInfo(code)!.ctx,
    });
  }
  if (out.length) return out;
  // Generic wording: "Error: Invalid token", "token validation failed: expired".
  if ((inObject || (ERRORISH_RE.test(t) && !codeLine)) && AUTH_NOUN_RE.test(t) && GENERIC_AUTH_RE.test(t)) {
    out.push({ kind: 'vendor-message', start: 0, end: 0, generic: true, label: 'the message' });
  }
  return out;
}

/** An OAuth-style error code ("too_many_attempts"): stated as the error when a provider's catalog knows it. */
const SNAKE_CODE_RE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;

/** The signal of a catalog entry found in a text. */
function catalogSignal(hit: CatalogHit, start: number, end: number, desc: string): Signal {
  const e = hit.entry;
  const strong = hit.strength >= 2;
  const code = hit.via === 'code' ? hit.found : undefined;
  const sig: Signal = {
    kind: 'vendor-message',
    start,
    end,
    causes: e.causes,
    description: desc,
    label: strong ? `${hit.catalog.provider}${code ? ' ' + code : ''}` : `the message ("${hit.found}")`,
    catalog: { strength: hit.strength, wraps: e.wraps === true, found: hit.found },
  };
  // A wrapper does not know what it wraps: it implies an error only when its catalog names one.
  const implied = e.error ?? (strong && !e.wraps ? rfcErrorOf(e.causes) : undefined);
  if (implied) sig.impliedError = implied;
  if (e.status) sig.status = e.status;
  if (strong) {
    sig.ctx = codeInfo(e.error)?.ctx ?? ctxOfCause(e.causes[0]);
    sig.provider = hit.catalog.provider;
    sig.meaning = e.meaning;
    sig.short = shortMeaning(e.meaning) ?? CAUSE_SHORT[e.causes[0]!];
    sig.fix = e.fix;
    sig.reference = e.ref;
    if (code) {
      sig.vendorCode = code;
      if (SNAKE_CODE_RE.test(code)) sig.error = code;
    }
  } else sig.generic = true;
  return sig;
}

/**
 * The RFC error a catalog entry without one implies: the one its causes name
 * together. A JWT library's "jwt expired" or a gateway's "Jwt issuer is not
 * configured" is a resource server's invalid_token (insufficient_scope for a
 * missing scope), a provider's "wrong username or password" an invalid_grant.
 */
function rfcErrorOf(causes: readonly CauseId[]): string | undefined {
  const first = causes[0];
  if (!first) return undefined;
  if (causes.every((c) => c.startsWith('token.') || c === 'transport.proxy-altered')) {
    if (first === 'token.insufficient-scope') return 'insufficient_scope';
    return first === 'token.missing' || first === 'token.dpop' ? undefined : 'invalid_token';
  }
  return CAUSE_ERROR[first];
}

const CAUSE_ERROR: Partial<Record<CauseId, string>> = {
  'grant.invalid': 'invalid_grant',
  'grant.unsupported': 'unsupported_grant_type',
  'client.authentication-failed': 'invalid_client',
  'client.assertion-claims': 'invalid_client',
  'client.unauthorized': 'unauthorized_client',
  'request.invalid-scope': 'invalid_scope',
  'request.access-denied': 'access_denied',
  'request.interaction-required': 'interaction_required',
  'request.unsupported-response-type': 'unsupported_response_type',
};

/** A catalog meaning short enough for a one-line summary (asides in brackets dropped), or undefined. */
function shortMeaning(meaning: string): string | undefined {
  let m = meaning
    .trim()
    .replace(/\s*\([^)]{0,80}\)/g, '')
    .replace(/\.$/, '');
  if (m.length > 72) {
    const cut = m.search(/[;:]\s| \u2014 |, (?:so|or|and|because|but|which|often|usually) /);
    if (cut < 20 || cut > 72) return undefined;
    m = m.slice(0, cut).trim();
  }
  return m.replace(/^The /, 'the ');
}

/** Messages of gateways, providers and libraries that the catalogs do not hold. */
function ruleSignal(t: string, lower: string, start: number, end: number, desc: string): Signal | null {
  const present = rulesPresent(lower);
  for (let ri = 0; ri < LINE_RULES.length; ri++) {
    if (!present[ri]) continue;
    const r = LINE_RULES[ri]!;
    const m = r.re.exec(t);
    if (!m) continue;
    if (r.needsAuthContext && !AUTH_CONTEXT_RE.test(t)) continue;
    const marker = r.provider ? PROVIDER_MARKERS[r.provider] : undefined;
    const provider = marker && !marker.test(t) ? undefined : r.provider;
    let vendorCode = r.code === 1 ? m[1] : provider ? r.code : undefined;
    let causes = r.causes;
    let error = r.error;
    let ctx = r.ctx;
    let short = r.short;
    let meaning = r.meaning;
    if (r.provider === 'Keycloak' && r.code === 1 && m[1]) {
      const known = codeInfo(m[1].toLowerCase());
      if (known) {
        causes = known.causes;
        error = known.rfc ?? m[1].toLowerCase();
        ctx = known.ctx;
        short = known.short;
        meaning = known.meaning;
      }
    }
    if (r.provider === 'oauthlib' && m[1]) {
      const code = m[1].replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
      const known = codeInfo(code);
      if (known) {
        causes = known.causes;
        error = code;
        ctx = known.ctx;
        short = known.short;
        meaning = known.meaning;
      }
      vendorCode = m[1] + 'Error';
    }
    const sig: Signal = {
      kind: 'vendor-message',
      start,
      end,
      causes,
      short,
      meaning,
      description: desc,
      label: provider ? `${provider}${vendorCode ? ' ' + vendorCode : ''}` : 'the message',
    };
    if (provider) sig.provider = provider;
    else sig.generic = true; // common wording, not a vendor's own message
    if (vendorCode) sig.vendorCode = vendorCode;
    if (error) sig.impliedError = error;
    if (r.status) sig.status = r.status;
    if (ctx) sig.ctx = ctx;
    return sig;
  }
  return null;
}

// Which rules' needles occur in a text: one pass of a literal regex, then a
// startsWith check of the needles sharing the first character.
const NEEDLES: { needle: string; rule: number }[] = [];
LINE_RULES.forEach((r, i) => {
  for (const n of typeof r.n === 'string' ? [r.n] : r.n) NEEDLES.push({ needle: n, rule: i });
});
const BY_FIRST = new Map<string, { needle: string; rule: number }[]>();
for (const n of NEEDLES) {
  const k = n.needle[0]!;
  const l = BY_FIRST.get(k) ?? [];
  l.push(n);
  BY_FIRST.set(k, l);
}
const NEEDLE_RE = new RegExp(
  [...new Set(NEEDLES.map((n) => n.needle))]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|'),
  'g',
);

function rulesPresent(lower: string): Uint8Array {
  const out = new Uint8Array(LINE_RULES.length);
  const re = NEEDLE_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  for (let n = 0; n < 400 && (m = re.exec(lower)); n++) {
    const p = m.index;
    for (const x of BY_FIRST.get(lower[p]!) ?? []) if (!out[x.rule] && lower.startsWith(x.needle, p)) out[x.rule] = 1;
    re.lastIndex = p + 1;
  }
  return out;
}

const GENERIC_AUTH_RE =
  /(?:invalid|expired|revoked|malformed|missing|bad|unknown|wrong|rejected|not (?:valid|found|active|authori[sz]ed|allowed|provided))\W{1,3}(?:\w+\W{1,3}){0,2}(?:access[ _]?)?(?:token|jwt|bearer|credentials?|signature|audience|issuer|api[ _-]?key|session|client)|(?:token|jwt|bearer|credentials?|signature|audience|issuer|api[ _-]?key|session)\W{1,3}(?:\w+\W{1,3}){0,2}(?:invalid|expired|revoked|malformed|missing|rejected|not (?:valid|found|active)|no longer valid|failed|mismatch|has expired)|unauthori[sz]ed|authentication (?:failed|required)|access denied|forbidden/i;

// ---------------------------------------------------------------- incidents

const STACK_FRAME_RE = /^\s*(?:at\s+(?:new\s+|async\s+)?[\w$.<>[\]/@:-]+(?:\s+\[as [^\]]*\])?\s*(?:\(|$)|File\s"[^"]+", line \d+)/;
const FRAME_RE = /^\s*(?:at\s|\.\.\.\s\d+\s(?:more|common)|File\s"|Traceback|\^|~+$|\}$|$)/;

function toFindings(s: string, units: Unit[], memo: Memo): ErrorFinding[] {
  const incidents: Incident[] = [];
  for (const u of units) {
    const prev = incidents[incidents.length - 1];
    if (prev && shouldMerge(s, prev, u)) {
      prev.signals.push(...u.signals);
      prev.end = Math.max(prev.end, u.end);
      prev.units++;
    } else incidents.push({ start: u.start, end: u.end, signals: [...u.signals], units: 1 });
  }
  const out: ErrorFinding[] = [];
  for (const inc of incidents) {
    const f = buildFinding(s, inc, memo);
    if (f) out.push(f);
  }
  return out;
}

interface Incident {
  start: number;
  end: number;
  signals: Signal[];
  /** How many units were merged into it. */
  units: number;
}

function sniffStart(start: number): number {
  return Math.max(0, start - SNIFF_BEFORE);
}

function sniffEnd(s: string, inc: { start: number; end: number }): number {
  return Math.min(s.length, inc.end + SNIFF_AFTER, inc.start + 1500);
}

/** The window around an incident where a provider's name or a device flow is looked for. */
const SNIFF_BEFORE = 300;
const SNIFF_AFTER = 100;

/** An incident stays one message: at most this many units and characters (hostile input repeats one line forever). */
const INCIDENT_UNITS = 32;
const INCIDENT_CHARS = 16384;

function shouldMerge(s: string, prev: Incident, u: Unit): boolean {
  if (u.fresh) return false;
  if (prev.units >= INCIDENT_UNITS || u.end - prev.start > INCIDENT_CHARS) return false;
  if (u.start < prev.end) return true;
  const gap = s.slice(prev.end, u.start);
  if (gap.length > 3000) return false;
  const lines = gap.split('\n');
  // Only blank lines and stack frames between them, and at most one short line (a label such as
  // "Response body:", an error page's "We're sorry...").
  let labels = 0;
  for (let i = 1; i < lines.length; i++) if (!FRAME_RE.test(lines[i]!) && (lines[i]!.trim().length > 40 || ++labels > 1)) return false;
  const head = s.slice(u.start, Math.min(s.length, u.start + 200)).trimStart();
  if (/^(?:Caused by|\s*at\s|During handling|The above exception|Inner exception|--->)/i.test(head)) return true;
  const nl = lines.length - 1;
  if (nl > 2) return false;
  const onlyStatus = (x: readonly Signal[]) => x.every((y) => y.kind === 'http-status' || y.generic);
  // A status line followed directly by a body or a message about it, or by another line saying the same status.
  if (onlyStatus(prev.signals)) {
    if (!u.signals.every((x) => x.kind === 'http-status')) return /^[[{"'<*]|^[A-Za-z]/.test(head);
    return u.signals.every((x) => x.status === prev.signals.find((y) => y.status)?.status);
  }
  // The next line of one message (an error page, an exception's description): it merges unless
  // both lines name an error of their own (two codes, or two provider entries).
  const code = (x: readonly Signal[]) => x.find((y) => y.error !== undefined)?.error;
  const entry = (x: readonly Signal[]) => x.some((y) => !y.generic && (y.catalog?.strength ?? 0) >= 2 && !y.catalog?.wraps);
  const a = code(prev.signals);
  const b = code(u.signals);
  if (a !== undefined && b !== undefined && a !== b) return false;
  if (entry(prev.signals) && entry(u.signals)) return false;
  return !u.signals.every((x) => x.kind === 'http-status');
}

/** What an incident's signals mean: shared by every repeat of the incident in a scan. */
interface Diagnosis {
  /** Index of the signal that decides kind and span. */
  readonly primary: number;
  readonly error?: string;
  readonly causes: readonly CauseRef[];
  readonly summary: string;
  /** The report without what each repeat says in its own words (description, fields). */
  readonly report: ProblemReport;
}

function buildFinding(s: string, inc: Incident, memo: Memo): ErrorFinding | null {
  const sigs = inc.signals;
  if (!sigs.some((x) => !x.weak)) return null;
  // The incident and a little before it (a request line, a logger name): a
  // fixed, small window, so the cost per finding does not grow with the
  // number of findings and a provider named far away is not borrowed.
  // (Read only when the diagnosis can use it: a device flow decides only expired_token, a sniffed
  // provider only names an incident that names none itself.)
  const around = s.slice(sniffStart(inc.start), sniffEnd(s, inc));
  const device = sigs.some((x) => x.error === 'expired_token' || x.impliedError === 'expired_token') && DEVICE_RE.test(around);
  const sniffed = sigs.some((x) => x.provider) ? undefined : sniffProvider(around);
  // Logs repeat themselves: an incident whose signals read the same as an
  // earlier one's (timestamps and ids aside) gets the same diagnosis.
  const key = diagnosisKey(sigs, device, sniffed);
  let d = memo.diagnosis.get(key);
  if (d === undefined) {
    d = diagnose(sigs, device, sniffed);
    if (key.length <= 2 * MEMO_KEY_MAX) remember(memo.diagnosis, key, d);
  }
  if (!d) return null;
  const primary = sigs[d.primary]!;
  const description = primary.description ?? sigs.find((x) => x.description && !x.generic)?.description ?? sigs.find((x) => x.description)?.description;
  // What the error text says is shown everywhere (hover, panel, command line): a token it quotes is cut there, once.
  const fields = new Map<string, string>();
  for (const x of sigs) if (x.fields) for (const [k, v] of Object.entries(x.fields)) if (!fields.has(k)) fields.set(k, redactText(v));
  const said = description === undefined ? undefined : redactText(description);
  const problem: ProblemReport = {
    ...d.report,
    ...(said ? { description: said } : {}),
    ...(fields.size ? { fields: ownRecord(fields) } : {}),
  };
  return {
    kind: primary.kind,
    start: primary.start,
    end: primary.end,
    ...(d.error ? { error: d.error } : {}),
    causes: d.causes,
    summary: d.summary,
    problem,
  };
}

/** Everything of an incident's signals that its diagnosis depends on, with timestamps and ids masked. */
function diagnosisKey(sigs: readonly Signal[], device: boolean, sniffed: string | undefined): string {
  const parts: string[] = [device ? 'D' : '', sniffed ?? ''];
  for (const x of sigs) {
    parts.push(
      [
        x.kind,
        x.weak ? 'w' : '',
        x.generic ? 'g' : '',
        x.error ?? '',
        x.impliedError ?? '',
        x.status ?? '',
        x.provider ?? '',
        x.vendorCode ?? '',
        x.label ?? '',
        x.ctx ?? '',
        x.catalog ? `${x.catalog.strength}${x.catalog.wraps ? 'w' : ''}` : '',
        x.causes?.join(',') ?? '',
        x.short ?? '',
        x.meaning ?? '',
        x.fix ?? '',
        x.fields?.['retry-after'] ?? '',
        x.fields?.['scope'] ?? '',
        x.challenges?.map((c) => `${c.scheme}:${[...c.params.keys()].join(',')}:${c.params.get('scope') ?? ''}`).join(';') ?? '',
        x.textKey ?? (x.description ? volatileMasked(x.description) : ''),
      ].join('\u0001'),
    );
  }
  return parts.join('\u0002');
}

function diagnose(sigs: readonly Signal[], device: boolean, sniffed: string | undefined): Diagnosis | null {
  const strong = sigs.filter((x) => !x.weak);
  // The most specific signal decides kind and span; generic wording never outranks a status.
  let primary: Signal | undefined;
  for (const x of strong) {
    const rank = x.generic ? (strong.some((y) => y !== x && !y.generic) ? 0 : KIND_RANK[x.kind]) : KIND_RANK[x.kind];
    const best = primary ? (primary.generic && strong.some((y) => y !== primary && !y.generic) ? 0 : KIND_RANK[primary.kind]) : -1;
    if (rank > best) primary = x;
  }
  if (!primary) return null;
  const stated = primary.error ?? sigs.find((x) => x.error && x.kind !== 'vendor-message')?.error ?? sigs.find((x) => x.error)?.error;
  const implied = sigs.find((x) => x.impliedError)?.impliedError;
  let error = stated ?? implied;
  const ranked = rankSignals(sigs, error, device, stated !== undefined);
  if (!ranked.causes.length) return null;
  // No code stated or implied, but the words name one cause for sure: the RFC error it comes with
  // ("User authentication failed: Invalid username or password" is an invalid_grant).
  if (!error && ranked.specific && sigs.some((x) => x.kind === 'vendor-message')) error = CAUSE_ERROR[ranked.causes[0]!.id];
  const pick = <K extends keyof Signal>(k: K): Signal[K] | undefined => (primary[k] !== undefined ? primary[k] : sigs.find((x) => x[k] !== undefined)?.[k]);
  const status = pick('status');
  const provider = pick('provider') ?? sniffed;
  // The provider entry that speaks most precisely for the incident (a catalog code before a rule, a rule before a wrapper).
  const vendorSig = bestVendor(sigs);
  const vendorCode = vendorSig?.vendorCode ?? sigs.find((x) => x.vendorCode && x.causes)?.vendorCode ?? pick('vendorCode');
  const info = codeInfo(error);
  const meaning = vendorSig?.meaning ?? info?.meaning ?? (status ? statusInfo(status)?.meaning : undefined);
  const report: ProblemReport = {
    ...(provider ? { provider } : {}),
    ...(vendorCode ? { vendorCode } : {}),
    ...(status ? { status } : {}),
    ...(meaning ? { meaning } : {}),
    ...(vendorSig?.fix ? { fix: vendorSig.fix } : {}),
    ...(vendorSig?.reference ? { reference: vendorSig.reference } : {}),
  };
  const top = ranked.causes[0]!.id;
  const fallback = top === 'transport.tls' ? 'TLS' : top === 'transport.network' ? 'network' : top === 'server.rate-limited' ? 'rate limit' : 'auth error';
  const head = error ?? vendorCode ?? (status ? String(status) : (provider ?? fallback));
  const tail = vendorSig?.short ?? (ranked.specific ? CAUSE_SHORT[top] : (info?.short ?? (status ? statusInfo(status)?.short : undefined) ?? CAUSE_SHORT[top]));
  const headParts = [head];
  if (vendorCode && error && vendorCode !== head) headParts.push(vendorCode);
  return {
    primary: sigs.indexOf(primary),
    ...(error ? { error } : {}),
    causes: ranked.causes,
    summary: `${headParts.join(' ')} · ${tail}`,
    report,
  };
}

/** The vendor signal with meaning whose word counts most: a catalog entry, then a message rule, then a wrapper. */
function bestVendor(sigs: readonly Signal[]): Signal | undefined {
  let best: Signal | undefined;
  let bestRank = -1;
  for (const x of sigs) {
    if (!x.causes || !x.meaning) continue;
    const rank = !x.catalog ? 2 : x.catalog.wraps ? 1 : x.catalog.strength >= 2 ? 3 : 0;
    if (rank > bestRank) {
      best = x;
      bestRank = rank;
    }
  }
  return best;
}

const PROVIDERS: [string, string][] = [
  ['login.microsoftonline', 'Microsoft Entra ID'],
  ['aadsts', 'Microsoft Entra ID'],
  ['sts.windows.net', 'Microsoft Entra ID'],
  ['b2clogin.com', 'Azure AD B2C'],
  ['okta.com', 'Okta'],
  ['oktapreview.com', 'Okta'],
  ['auth0.com', 'Auth0'],
  ['accounts.google.com', 'Google'],
  ['oauth2.googleapis.com', 'Google'],
  ['googleapis.com', 'Google'],
  ['amazoncognito.com', 'Amazon Cognito'],
  ['cognito-idp', 'Amazon Cognito'],
  ['/realms/', 'Keycloak'],
  ['keycloak', 'Keycloak'],
  ['salesforce.com', 'Salesforce'],
  ['force.com', 'Salesforce'],
  ['github.com', 'GitHub'],
  ['forgerock', 'ForgeRock'],
  ['openam', 'ForgeRock'],
  ['sensedia', 'Sensedia'],
  ['apigee', 'Apigee'],
  ['kong', 'Kong'],
  ['execute-api', 'AWS API Gateway'],
];

const PROVIDER_NAMES = new Map(PROVIDERS);
// One case-insensitive pass over literal alternatives instead of one search per provider.
const PROVIDER_RE = new RegExp(PROVIDERS.map(([needle]) => needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'i');

function sniffProvider(around: string): string | undefined {
  const m = PROVIDER_RE.exec(around);
  return m ? PROVIDER_NAMES.get(m[0].toLowerCase()) : undefined;
}

/** A plain record from a map, each key its own property (a field named __proto__ stays a field). */
function ownRecord(map: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of map) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}
