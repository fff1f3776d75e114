import type { ErrorFinding, Finding, ProblemReport, AnalysisOptions } from '../model';
import { redactText } from '../redact';
import { codeInfo, looksLikeCode, normalizeCode, statusInfo } from '../knowledge/oauthCodes';
import { parseForm } from '../text/form';
import { enclosingObject, lineAround, LineCache, parseChallenges, parseObject, type ParsedObject } from './parse';
import { CAUSE_SHORT, rankSignals } from './rank';
import { AUTH_CONTEXT_RE, LINE_RULES } from '../knowledge/messageRules';
import { KIND_RANK, type Signal } from './signals';
import { AADSTS, IDX, OKTA, type VendorCode } from '../knowledge/vendorCodes';

/*
 * How the detector stays linear: one case-insensitive pass of a regex made only
 * of literal alternatives (plus a separate, very fast pass for status digits)
 * finds anchors; each anchor is checked cheaply and, when it may matter, the
 * line or the enclosing object (bounded to a few KB) is analysed once. Whatever
 * was analysed is skipped by later anchors.
 */
const ANCHOR_RE =
  /error|jw|jose|invalid|expired|authori|authenticat|aadsts|idx1|idx2|e0000|forbidden|credential|denied|certif|cert_|pkix|handshake|econn|etimedout|enotfound|eai_again|timed out|refused|hang up|unknownhost|resolve host|name resolution|getaddrinfo|rate limit|ratelimit|throttl|too many|quota|spikearrest|oauth|signature|identified by|access token|access_token|api key|apikey|_required|unsupported|slow_down|insufficient|in claims|has not been found|does not have access|dpop|redirect_uri|correlation failed|exceeded|not approved|mismatch|csrf|notconfirmed|is not confirmed/gi;
const DIGIT_RE = /40[0137]|429|50[0234]/g;

const INTERESTING_STATUS = new Set([401, 403, 407, 429]);
const CONTEXT_STATUS = new Set([400, 500, 502, 503, 504]);

interface Unit {
  start: number;
  end: number;
  signals: Signal[];
  /** Starts a new incident even right after another (an HTTP status line, a log entry). */
  fresh: boolean;
}

export function detectErrors(text: string, options: AnalysisOptions): ErrorFinding[] {
  const units: Unit[] = [];
  const s = text;
  if (!s) return [];
  // Shared regexes (stateful only through lastIndex, set before each exec), so
  // V8 keeps their compiled native code across scans.
  const main = ANCHOR_RE;
  const dig = DIGIT_RE;
  let mi = nextHit(main, s, 0);
  let di = nextHit(dig, s, 0);
  let consumed = 0;
  let wordsDoneTo = 0;
  let count = 0;
  const lines = new LineCache(s);
  while (mi || di) {
    let pos: number;
    let len: number;
    let isDigit: boolean;
    if (di && (!mi || di[0] < mi[0])) {
      [pos, len] = di;
      isDigit = true;
      di = nextHit(dig, s, pos + len);
    } else {
      [pos, len] = mi!;
      isDigit = false;
      mi = nextHit(main, s, pos + len);
    }
    if (pos < consumed || (!isDigit && pos < wordsDoneTo)) continue;
    if ((++count & 2047) === 0 && options.isCancelled?.()) break;
    let unit: Unit | null;
    if (isDigit) {
      if (!digitBoundary(s, pos, len)) continue;
      unit = atStatus(s, pos, len, lines);
    } else {
      const word = s.slice(pos, pos + len).toLowerCase();
      if (word === 'error' && !errorKeyAt(s, pos)) continue;
      unit = atAnchor(s, pos, lines);
      if (!unit && (lines.firstBrace === -1 || lines.firstBrace > pos)) {
        // The whole line was read and said nothing: its other words would say the same.
        const [, le] = lines.around(pos);
        wordsDoneTo = lines.firstBrace === -1 ? le : lines.firstBrace;
      }
    }
    if (!unit) continue;
    consumed = Math.max(consumed, unit.end);
    if (mi && mi[0] < consumed) mi = nextHit(main, s, consumed);
    if (di && di[0] < consumed) di = nextHit(dig, s, consumed);
    if (unit.signals.length) units.push(unit);
  }
  return toFindings(s, units);
}

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

function atAnchor(s: string, pos: number, lines: LineCache): Unit | null {
  const [ls, le] = lines.around(pos);
  const line = s.slice(ls, le);
  const trimmed = line.trimStart();
  const first = trimmed.charCodeAt(0);
  // Inside a (possibly multi-line) object literal?
  if ((lines.firstBrace !== -1 && lines.firstBrace < pos) || first === 34 || first === 39 || first === 125 || first === 92) {
    const enc = enclosingObject(s, pos);
    if (enc) {
      const sigs = objectSignals(s, enc.start, enc.parsed);
      if (sigs.length || enc.parsed.end - enc.start > 400) return { start: enc.start, end: enc.parsed.end, signals: sigs, fresh: false };
    }
  }
  const lower = line.toLowerCase();
  if (/^\s*(?:<\s?)?http\/\d(?:\.\d)?\s+\d{3}\b/.test(lower)) {
    const m = /^\s*(?:<\s?)?http\/\d(?:\.\d)?\s+(\d{3})/i.exec(line);
    const st = m ? parseInt(m[1]!, 10) : 0;
    if (INTERESTING_STATUS.has(st) || CONTEXT_STATUS.has(st)) return responseUnit(s, ls, le, st);
  }
  return lineUnit(s, ls, le, line, lower);
}

function atStatus(s: string, pos: number, len: number, lines: LineCache): Unit | null {
  const status = parseInt(s.slice(pos, pos + len), 10);
  const [ls, le] = lines.around(pos);
  const line = s.slice(ls, le);
  const rel = pos - ls;
  const before = line.slice(Math.max(0, rel - 40), rel);
  // A status line that opens an HTTP response (the status is within the first few characters).
  if (rel <= 24 && /^\s*(?:<\s?)?HTTP\/\d(?:\.\d)?\s+$/i.test(line.slice(0, rel))) return responseUnit(s, ls, le, status);
  // Inside a JSON object ("status": 401): the object decides.
  if ((lines.firstBrace !== -1 && lines.firstBrace < pos) || /^\s*["']/.test(line.slice(0, 16))) {
    const enc = enclosingObject(s, pos);
    if (enc) {
      const sigs = objectSignals(s, enc.start, enc.parsed);
      return { start: enc.start, end: enc.parsed.end, signals: sigs, fresh: false };
    }
  }
  if (!statusMention(line, rel, len, before)) return null;
  const lower = line.toLowerCase();
  return lineUnit(s, ls, le, line, lower);
}

const STATUS_BEFORE =
  /(?:https?\/\d(?:\.\d)?"?|http status|http error|http|status(?:[ _-]?code)?|response(?:[ _-]?(?:code|status))?|code|returned|received|got|failed with|responded with|with|error|status:|\bsc|rc)["'\s:=(#[-]{0,5}$/i;
const STATUS_AFTER =
  /^["'\])]?\s{0,3}[-:(–]?\s{0,3}(?:unauthori[sz]ed|authori[sz]ation required|authentication required|forbidden|too many requests|proxy authentication required|bad request|internal server error|service unavailable|bad gateway|gateway time-?out|access denied|not authori[sz]ed)/i;

function statusMention(line: string, rel: number, len: number, before: string): boolean {
  if (STATUS_BEFORE.test(before)) return true;
  return STATUS_AFTER.test(line.slice(rel + len, rel + len + 40));
}

/** A status line with its headers and body: one incident. */
function responseUnit(s: string, ls: number, le: number, status: number): Unit {
  const line = s.slice(ls, le);
  const lead = line.length - line.trimStart().length;
  const reason = /^\s*(?:<\s?)?HTTP\/\S+\s+\d{3}\s*(.*)$/i.exec(line)?.[1]?.trim() ?? '';
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
    headerSignal(s, a, b, m[1]!.toLowerCase(), m[2]!, sigs);
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
        for (const x of objectSignals(s, j, parsed)) sigs.push(x);
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
      for (const x of freeTextSignals(text, j, j + text.length, false)) sigs.push(x);
      if (text.trim()) end = Math.max(end, bEnd);
    }
  }
  return { start: ls, end, signals: sigs, fresh: true };
}

function nextLine(s: string, at: number): number {
  const n = s.indexOf('\n', at);
  return n === -1 ? -1 : n + 1;
}

function headerSignal(s: string, a: number, b: number, name: string, value: string, sigs: Signal[]): void {
  const lead = s.slice(a, b).length - s.slice(a, b).trimStart().length;
  if (name === 'www-authenticate' || name === 'proxy-authenticate') {
    const ch = challengeSignal(value, a + lead, b, name === 'proxy-authenticate');
    if (ch) sigs.push(ch);
    return;
  }
  const st = sigs[0]!;
  const f = (st.fields ??= {});
  if (name === 'retry-after') f['retry-after'] = value.trim();
  else if (name === 'location' && /[?#&]error=/.test(value)) {
    const off = s.indexOf(value, a);
    const q = querySignal(s, off, off + value.length);
    if (q) sigs.push(q);
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

function objectSignals(_s: string, start: number, o: ParsedObject): Signal[] {
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
  // Text a vendor rule can read.
  const parts = [
    vcode,
    errVal && !looksLikeCode(errVal) ? errVal : undefined,
    desc,
    entraCodes && /^\d{5,7}$/.test(entraCodes) ? 'AADSTS' + entraCodes : undefined,
  ];
  const vtext = parts.filter(Boolean).join(' · ');
  const vendor = vtext ? freeTextSignals(vtext, start, end, true) : [];
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

const ERRORISH_RE = /error|exception|fail|denied|reject|warn|unauthori[sz]ed|forbidden|invalid|expired|\b40[13]\b|not authori[sz]ed|refused/i;
const CODE_LINE_RE = /===|!==|\bcase\s+['"]|\bif\s*\(|=>|\breturn\b|\bconst\s|\blet\s|\bvar\s|\bdef\s|\belif\b|\bexport\s|\bimport\s|#define|\bthrow new\b/;
const BARE_CODE_RE =
  /\b(invalid_request|invalid_client|invalid_grant|unauthorized_client|unsupported_grant_type|invalid_scope|access_denied|unsupported_response_type|server_error|temporarily_unavailable|invalid_token|insufficient_scope|interaction_required|login_required|account_selection_required|consent_required|authorization_pending|slow_down|expired_token|invalid_dpop_proof|use_dpop_nonce|invalid_target|invalid_resource|redirect_uri_mismatch|mfa_required|bad_verification_code|incorrect_client_credentials|invalid_client_id|invalid_request_uri|invalid_request_object|unmet_authentication_requirements|invalid_redirect_uri|invalid_client_metadata|malformed_token|token_expired|invalid_signature|invalid_dpop_proof)\b/;

function lineUnit(s: string, ls: number, le: number, line: string, lower: string): Unit | null {
  const lead = line.length - line.trimStart().length;
  const start = ls + lead;
  const sigs: Signal[] = [];
  // A challenge header, alone or logged: WWW-Authenticate: Bearer error="invalid_token", ...
  const hm = /(?:www|proxy)-authenticate["']?\s{0,4}[:=]\s{0,4}/.exec(lower);
  if (hm) {
    const ch = challengeSignal(line.slice(hm.index + hm[0].length), ls + hm.index, le, hm[0].startsWith('proxy'));
    if (ch) return { start: ls, end: le, signals: [ch], fresh: false };
  }
  // Objects inside the line (JSON after a log prefix).
  let brace = line.indexOf('{');
  for (let k = 0; k < 3 && brace !== -1; k++) {
    const parsed = parseObject(s, ls + brace);
    if (parsed && parsed.end <= le + 1) {
      for (const x of objectSignals(s, ls + brace, parsed)) sigs.push(x);
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
    if (q && (/[?#&]/.test(line.slice(a, b)) || line.slice(a, b).includes('error_description'))) sigs.push(q);
    else {
      const kv = kvSignal(line, ls, start, le);
      if (kv) sigs.push(kv);
    }
  }
  for (const x of freeTextSignals(line, start, le, false)) sigs.push(x);
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
    if (known) {
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

function freeTextSignals(text: string, start: number, end: number, inObject: boolean): Signal[] {
  const out: Signal[] = [];
  if (!inObject && COMMENT_LINE_RE.test(text.slice(0, 48))) return out;
  const t = text.length > 4096 ? text.slice(0, 4096) : text;
  const lower = t.toLowerCase();
  const desc = t.trim().slice(0, 400);
  // Provider code tables.
  const aad = lower.indexOf('aadsts') !== -1 ? /AADSTS(\d{5,7})\b/i.exec(t) : null;
  if (aad) out.push(codeSignal(AADSTS[aad[1]!], 'Microsoft Entra ID', 'AADSTS' + aad[1], start, end, desc));
  const idx = lower.indexOf('idx') !== -1 ? /\bIDX(\d{5})\b/.exec(t) : null;
  if (idx) out.push(codeSignal(IDX[idx[1]!], 'Microsoft.IdentityModel', 'IDX' + idx[1], start, end, desc));
  const okta = lower.indexOf('e0000') !== -1 ? /\b(E0000\d{3})\b/.exec(t) : null;
  if (okta) out.push(codeSignal(OKTA[okta[1]!], 'Okta', okta[1]!, start, end, desc));
  if (out.length) return out;
  // Messages of gateways, providers and libraries.
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
    if (
      r.provider === 'Apigee' &&
      vendorCode &&
      /^(TokenExpired|TokenNotYetValid|InvalidToken|FailedToDecode|AlgorithmMismatch|InvalidSignature|KidMismatch|NoMatchingPublicKey|InvalidClaim|InvalidIssuer|InvalidAudience)$/i.test(
        vendorCode,
      )
    ) {
      const k = vendorCode.toLowerCase();
      causes = k.includes('expired')
        ? ['token.expired']
        : k.includes('notyet')
          ? ['token.not-yet-valid']
          : k.includes('algorithm')
            ? ['token.algorithm']
            : k.includes('signature') || k.includes('kid') || k.includes('publickey')
              ? ['token.signature']
              : k.includes('issuer')
                ? ['token.wrong-issuer']
                : k.includes('audience')
                  ? ['token.wrong-audience']
                  : ['token.malformed', 'token.altered'];
      vendorCode = 'steps.jwt.' + m[1];
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
    out.push(sig);
    return out;
  }
  // A bare OAuth code in a message: "OAuth2AuthenticationException: [invalid_grant] ...".
  const bare = lower.indexOf('_') !== -1 ? BARE_CODE_RE.exec(t) : null;
  if (bare && (inObject || !CODE_LINE_RE.test(t))) {
    const code = bare[1]!;
    const info = codeInfo(code)!;
    const after = t
      .slice(bare.index + code.length)
      .replace(/^[\])'":\s-]{1,6}/, '')
      .trim();
    out.push({
      kind: 'vendor-message',
      start,
      end,
      impliedError: info.rfc ?? code,
      description: after.length > 3 ? after.slice(0, 300) : desc,
      label: `the message (${code})`,
      ctx: info.ctx,
    });
    return out;
  }
  // Generic wording: "Error: Invalid token", "token validation failed: expired".
  if ((inObject || (ERRORISH_RE.test(t) && !CODE_LINE_RE.test(t))) && AUTH_NOUN_RE.test(t) && GENERIC_AUTH_RE.test(t)) {
    out.push({ kind: 'vendor-message', start, end, generic: true, description: desc, label: 'the message' });
  }
  return out;
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
  /(?:invalid|expired|revoked|malformed|missing|bad|unknown|wrong|rejected|not (?:valid|found|active|authori[sz]ed|allowed|provided))\W{1,3}(?:\w+\W{1,3}){0,2}(?:access[ _]?)?(?:token|jwt|bearer|credentials?|signature|audience|issuer|api[ _-]?key|session|client)|(?:token|jwt|bearer|credentials?|signature|audience|issuer|api[ _-]?key|session)\W{1,3}(?:\w+\W{1,3}){0,2}(?:invalid|expired|revoked|malformed|missing|rejected|not (?:valid|found|active)|failed|mismatch|has expired)|unauthori[sz]ed|authentication (?:failed|required)|access denied|forbidden/i;

function codeSignal(v: VendorCode | undefined, provider: string, code: string, start: number, end: number, desc: string): Signal {
  const sig: Signal = { kind: 'vendor-message', start, end, provider, vendorCode: code, description: desc, label: `${provider} ${code}` };
  if (v) {
    sig.causes = v.causes;
    sig.meaning = v.meaning;
    sig.short = v.short;
    if (v.error) sig.impliedError = v.error;
    if (v.ctx) sig.ctx = v.ctx;
  }
  return sig;
}

// ---------------------------------------------------------------- incidents

const FRAME_RE = /^\s*(?:at\s|\.\.\.\s\d+\s(?:more|common)|File\s"|Traceback|\^|~+$|\}$|$)/;

function toFindings(s: string, units: Unit[]): ErrorFinding[] {
  const incidents: { start: number; end: number; signals: Signal[] }[] = [];
  for (const u of units) {
    const prev = incidents[incidents.length - 1];
    if (prev && shouldMerge(s, prev, u)) {
      prev.signals.push(...u.signals);
      prev.end = Math.max(prev.end, u.end);
    } else incidents.push({ start: u.start, end: u.end, signals: [...u.signals] });
  }
  const out: ErrorFinding[] = [];
  // Logs repeat themselves: an incident whose text and surroundings read the
  // same as an earlier one gets the same diagnosis, shared rather than
  // rebuilt (its own span, the same immutable causes and report).
  const seen = new Map<string, ErrorFinding | null>();
  for (const inc of incidents) {
    const key = incidentKey(s, inc);
    let f: ErrorFinding | null | undefined = key === undefined ? undefined : seen.get(key);
    if (f === undefined) {
      f = buildFinding(s, inc);
      if (key !== undefined && seen.size < 4096) seen.set(key, f);
    } else if (f) {
      const shift = inc.start - (f as Finding & { incStart: number }).incStart;
      f = { ...f, start: f.start + shift, end: f.end + shift };
    }
    if (f) out.push(f);
  }
  for (const f of out) delete (f as Partial<Finding & { incStart: number }>).incStart;
  return out;
}

/**
 * What decides an incident's diagnosis: its own text and the window a
 * provider or device flow is sniffed from. Undefined for long incidents,
 * which are rarely repeated and not worth a key.
 */
function incidentKey(s: string, inc: { start: number; end: number }): string | undefined {
  if (inc.end - inc.start > 512) return undefined;
  const from = sniffStart(inc.start);
  return `${inc.start - from}:${inc.end - inc.start}:${s.slice(from, sniffEnd(s, inc))}`;
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

function shouldMerge(s: string, prev: { start: number; end: number; signals: Signal[] }, u: Unit): boolean {
  if (u.fresh) return false;
  if (u.start < prev.end) return true;
  const gap = s.slice(prev.end, u.start);
  if (gap.length > 3000) return false;
  const lines = gap.split('\n');
  // Only blank lines and stack frames between them.
  for (let i = 1; i < lines.length; i++) if (!FRAME_RE.test(lines[i]!)) return false;
  const head = s.slice(u.start, Math.min(s.length, u.start + 200)).trimStart();
  if (/^(?:Caused by|\s*at\s|During handling|The above exception|Inner exception|--->)/i.test(head)) return true;
  const nl = lines.length - 1;
  // A status line followed directly by a body or a message about it.
  const prevOnlyStatus = prev.signals.every((x) => x.kind === 'http-status' || x.generic);
  return prevOnlyStatus && nl <= 2 && /^[{"'<]|^[A-Za-z]/.test(head) && !u.signals.every((x) => x.kind === 'http-status');
}

function buildFinding(s: string, inc: { start: number; end: number; signals: Signal[] }): ErrorFinding | null {
  const sigs = inc.signals;
  const strong = sigs.filter((x) => !x.weak);
  if (!strong.length) return null;
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
  const error = stated ?? implied;
  // The incident and a little before it (a request line, a logger name): a
  // fixed, small window, so the cost per finding does not grow with the
  // number of findings and a provider named far away is not borrowed.
  const around = s.slice(sniffStart(inc.start), sniffEnd(s, inc));
  const ranked = rankSignals(sigs, error, around);
  if (!ranked.causes.length) return null;
  const pick = <K extends keyof Signal>(k: K): Signal[K] | undefined => (primary[k] !== undefined ? primary[k] : sigs.find((x) => x[k] !== undefined)?.[k]);
  const status = pick('status');
  const provider = pick('provider') ?? sniffProvider(around);
  const vendorCode = sigs.find((x) => x.vendorCode && x.causes)?.vendorCode ?? pick('vendorCode');
  const description = primary.description ?? sigs.find((x) => x.description && !x.generic)?.description ?? sigs.find((x) => x.description)?.description;
  const info = codeInfo(error);
  const vendorSig = sigs.find((x) => x.causes && x.meaning);
  const meaning = vendorSig?.meaning ?? info?.meaning ?? (status ? statusInfo(status)?.meaning : undefined);
  // What the error text says is shown everywhere (hover, panel, command line): a token it quotes is cut there, once.
  const fields = new Map<string, string>();
  for (const x of sigs) if (x.fields) for (const [k, v] of Object.entries(x.fields)) if (!fields.has(k)) fields.set(k, redactText(v));
  const said = description === undefined ? undefined : redactText(description);
  const problem: ProblemReport = {
    ...(provider ? { provider } : {}),
    ...(vendorCode ? { vendorCode } : {}),
    ...(status ? { status } : {}),
    ...(said ? { description: said } : {}),
    ...(meaning ? { meaning } : {}),
    ...(fields.size ? { fields: ownRecord(fields) } : {}),
  };
  const topId = ranked.causes[0]!.id;
  const fallback =
    topId === 'transport.tls' ? 'TLS' : topId === 'transport.network' ? 'network' : topId === 'server.rate-limited' ? 'rate limit' : 'auth error';
  const head = error ?? vendorCode ?? (status ? String(status) : (provider ?? fallback));
  const top = ranked.causes[0]!.id;
  const tail = vendorSig?.short ?? (ranked.specific ? CAUSE_SHORT[top] : (info?.short ?? (status ? statusInfo(status)?.short : undefined) ?? CAUSE_SHORT[top]));
  const headParts = [head];
  if (vendorCode && error && vendorCode !== head) headParts.push(vendorCode);
  return {
    kind: primary.kind,
    start: primary.start,
    end: primary.end,
    ...(error ? { error } : {}),
    causes: ranked.causes,
    summary: `${headParts.join(' ')} · ${tail}`,
    problem,
    incStart: inc.start,
  } as ErrorFinding;
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
