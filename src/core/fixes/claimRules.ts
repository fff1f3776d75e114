/**
 * Mistakes in claims sets about to be signed (client assertions above all)
 * and in JOSE headers, written as JSON, JS/TS object literals or Python dicts,
 * and in client assertions already signed and pasted into the text.
 */
import { quoted } from '../text/quote';
import { canonicalJwsAlgorithm, isJwsAlgorithm } from '../jwt/algorithms';
import { readTime, timeProblemText } from '../jwt/times';
import { duration } from '../text/time';
import { ASSERTION_WORDS } from '../knowledge/assertionWords';
import { type CauseId, type Finding, tokenOf } from '../model';
import type { Member, ObjectHit } from './lex';
import { insertMember } from './sets';
import type { FileContext } from './requests';
import { describeUrlDifference } from './requests';
import type { Dialect, FixAction, FixEdit, Mistake } from './types';
import { SHORT_LIFETIME_SECONDS } from './types';
import { isNowSeconds, isTemplated, keyText, literalAt, msCall, quoteString, splitOffset, type Literal } from './values';

export interface ClaimsContext {
  readonly text: string;
  readonly now: number;
  readonly leeway: number;
  readonly maxLifetime: number;
  readonly file: FileContext;
  readonly dialectAt: (offset: number) => Dialect;
  readonly randomId: () => string;
}

const REGISTERED_CLAIMS = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);
const TIME_CLAIMS = ['exp', 'iat', 'nbf'] as const;
const JOSE_HEADER = new Set([
  'alg',
  'typ',
  'kid',
  'cty',
  'jku',
  'jwk',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'crit',
  'enc',
  'zip',
  'b64',
  'epk',
  'apu',
  'apv',
  'iv',
  'tag',
  'p2s',
  'p2c',
  'url',
  'nonce',
  'ppt',
  'trust_chain',
]);

export function isClaimsObject(o: ObjectHit): boolean {
  const keys = new Set(o.members.map((m) => m.key));
  let n = 0;
  for (const k of keys) if (REGISTERED_CLAIMS.has(k)) n++;
  if (n < 2) return false;
  return keys.has('exp') || keys.has('iat') || keys.has('nbf') || (keys.has('iss') && keys.has('sub') && keys.has('aud'));
}

export function isHeaderObject(o: ObjectHit): boolean {
  if (o.opaque || o.members.length === 0) return false;
  if (!o.members.every((m) => JOSE_HEADER.has(m.key))) return false;
  return o.members.some((m) => m.key === 'alg' || m.key === 'typ');
}

/** Dialect of code around an object: JSON-like objects get literal values, code gets code. */
function codeDialect(ctx: ClaimsContext, o: ObjectHit): 'json' | 'js' | 'python' {
  const d = ctx.dialectAt(o.start);
  if (d === 'js' || d === 'python' || d === 'json') return d;
  if (d === 'http') return 'json';
  const quoted = o.members.every((m) => m.keyQuote === '"');
  if (quoted && o.members.every((m) => /^("|-?\d|true|false|null|\[|\{)/.test(ctx.text.slice(m.valueStart, m.valueStart + 5)))) return 'json';
  if (o.members.some((m) => m.keyQuote === "'")) return /\bdef |\bimport \w+\s*$|\bTrue\b|\bNone\b/m.test(ctx.text) ? 'python' : 'js';
  return 'js';
}

function nowCode(ctx: ClaimsContext, d: 'json' | 'js' | 'python'): string {
  if (d === 'js') return 'Math.floor(Date.now() / 1000)';
  if (d === 'python' && /\bimport time\b|\bfrom time import\b/.test(ctx.text)) return 'int(time.time())';
  return String(ctx.now);
}

interface TimeInfo {
  readonly m: Member;
  readonly lit: Literal;
  /** Epoch seconds when the value is a constant (after reading strings and milliseconds). */
  readonly seconds?: number;
  /** The expression (for code), after a string or millisecond repair. */
  readonly code?: string;
  readonly problem?: 'string' | 'milliseconds';
  readonly replacement?: string;
  readonly detail?: string;
}

function readTimeMember(ctx: ClaimsContext, m: Member, name: string, d: 'json' | 'js' | 'python'): TimeInfo {
  const text = ctx.text;
  const lit = literalAt(text, m.valueStart, m.valueEnd);
  if (m.shorthand) return { m, lit: { kind: 'expr', text: m.key }, code: m.key };
  if (lit.kind === 'string') {
    if (isTemplated(lit.value)) return { m, lit };
    const t = readTime(name as 'exp', lit.value, ctx.now);
    if (t.seconds === undefined) return { m, lit };
    const seconds = Math.floor(t.seconds);
    return { m, lit, seconds, problem: 'string', replacement: String(seconds), detail: timeProblemText(t) };
  }
  if (lit.kind === 'number') {
    const t = readTime(name as 'exp', lit.value, ctx.now);
    if (t.problem === 'milliseconds') {
      const seconds = Math.floor(t.seconds!);
      return { m, lit, seconds, problem: 'milliseconds', replacement: String(seconds), detail: timeProblemText(t) };
    }
    return { m, lit, seconds: lit.value };
  }
  const expr = lit.text;
  // `${x}`, String(x), str(x), x.toString(): a number turned into a string.
  const str = /^`\$\{([^`{}]+)\}`$/.exec(expr)?.[1] ?? /^(?:String|str)\((.+)\)$/.exec(expr)?.[1] ?? /^(.+)\.toString\(\)$/.exec(expr)?.[1];
  if (str && /(Date|time|now|iat|exp|Math|\d{9})/i.test(str)) {
    const inner = str.trim();
    const ms = msFix(ctx, inner, d, m.valueStart);
    return {
      m,
      lit,
      code: ms ?? inner,
      problem: 'string',
      replacement: ms ?? inner,
      detail: `${name} is made a string (${expr.slice(0, 50)}); NumericDate claims must be JSON numbers of seconds${ms ? ', and it is in milliseconds' : ''}`,
    };
  }
  const ms = msFix(ctx, expr, d, m.valueStart);
  if (ms) {
    return {
      m,
      lit,
      code: ms,
      problem: 'milliseconds',
      replacement: ms,
      detail: `${name} is ${expr.slice(0, 60)}, which counts milliseconds; NumericDate claims count seconds`,
    };
  }
  return { m, lit, code: expr };
}

/** The seconds version of an expression that counts milliseconds, or undefined when it doesn't. */
function msFix(ctx: ClaimsContext, expr: string, d: 'json' | 'js' | 'python', at: number): string | undefined {
  let token = msCall(expr);
  if (!token) {
    // A variable set from Date.now() a little earlier: `const now = Date.now();`.
    const id = /^[A-Za-z_$][\w$]*/.exec(expr)?.[0];
    if (id && !/\/\s*1000|\/\s*1e3/.test(expr)) {
      const before = ctx.text.slice(Math.max(0, at - 3000), at);
      const assign = new RegExp(
        `\\b${id.replace(/\$/g, '\\$')}\\s*=\\s*(Date\\.now\\(\\)|new Date\\(\\)\\.getTime\\(\\)|\\+new Date\\(\\)|time\\.time\\(\\)\\s*\\*\\s*1000)\\s*[;\\n]`,
      );
      if (assign.test(before)) token = id;
    }
  }
  if (!token) return undefined;
  const py = d === 'python' || /time\.time/.test(token);
  const sec = py ? (token.startsWith('time.time()') ? 'int(time.time())' : `int(${token} / 1000)`) : `Math.floor(${token} / 1000)`;
  const e = expr.trim().replace(/^int\((.*)\)$/, '$1');
  if (e.replace(/\s+/g, '') === token.replace(/\s+/g, '')) return sec;
  const split = splitOffset(e);
  if (split && split.base.replace(/\s+/g, '') === token.replace(/\s+/g, '')) {
    const off = split.offsetText.replace(/\s*\*\s*1000$|\s*\*\s*1e3$/, '');
    const offText = off !== split.offsetText ? off : String(Math.round(split.offset / 1000));
    return `${sec} ${split.offset < 0 ? '-' : '+'} ${offText}`;
  }
  return py ? `int((${e}) / 1000)` : `Math.floor((${e}) / 1000)`;
}

function headSpan(text: string, o: ObjectHit): { start: number; end: number } {
  const first = o.members[0]!;
  const eol = text.indexOf('\n', o.start);
  if (eol < 0 || eol > o.end) return { start: o.start, end: o.end };
  return { start: o.start, end: Math.max(first.valueEnd, o.start + 1) };
}

function isAssertion(ctx: ClaimsContext, o: ObjectHit, get: (k: string) => Member | undefined): boolean {
  const text = ctx.text;
  if (!get('iss') && !get('sub')) return false;
  const issM = get('iss');
  const subM = get('sub');
  if (issM && subM) {
    // Two different expressions (ISSUER and user.id): a token about a user, not an assertion.
    const code = (m: Member) =>
      m.shorthand ? m.key : literalAt(text, m.valueStart, m.valueEnd).kind === 'expr' ? text.slice(m.valueStart, m.valueEnd) : undefined;
    const a = code(issM);
    const b = code(subM);
    if (a !== undefined && b !== undefined && a.replace(/\s+/g, '') !== b.replace(/\s+/g, '')) return false;
  }
  const around = text.slice(Math.max(0, o.start - 400), Math.min(text.length, o.end + 200));
  if (ASSERTION_WORDS.test(around)) return true;
  const lit = (k: string) => {
    const m = get(k);
    return m ? literalAt(text, m.valueStart, m.valueEnd) : undefined;
  };
  const aud = lit('aud');
  if (aud?.kind === 'string' && /^https?:\/\/\S*\/token\/?$/i.test(aud.value) && get('sub')) return true;
  const iss = get('iss');
  const sub = get('sub');
  if (iss && sub && get('aud') && !iss.shorthand && text.slice(iss.valueStart, iss.valueEnd) === text.slice(sub.valueStart, sub.valueEnd)) return true;
  return false;
}

/** Mistakes in one claims-set object. */
export function claimsMistakes(ctx: ClaimsContext, o: ObjectHit): Mistake[] {
  const text = ctx.text;
  const get = (k: string) => o.members.find((m) => m.key === k);
  const assertion = isAssertion(ctx, o, get);
  const d = codeDialect(ctx, o);
  const container = { start: o.start, end: o.end };
  const out: Mistake[] = [];
  const cause = (fallback: CauseId): CauseId => (assertion ? 'client.assertion-claims' : fallback);
  const what = assertion ? 'client assertion' : 'claims';

  const times = new Map<string, TimeInfo>();
  for (const name of TIME_CLAIMS) {
    const m = get(name);
    if (!m) continue;
    const t = readTimeMember(ctx, m, name, d);
    times.set(name, t);
    if (t.problem && t.replacement !== undefined) {
      const to = t.replacement;
      out.push({
        causeId: cause('token.malformed'),
        error: assertion ? 'invalid_client' : undefined,
        start: m.valueStart,
        end: m.valueEnd,
        message: `${t.detail ?? `${name} is written wrongly`}; servers reject such a ${what}.`,
        fixes: [
          {
            title: t.problem === 'string' ? `Write ${name} as a number: ${short(to)}` : `Convert ${name} to seconds: ${short(to)}`,
            preferred: true,
            edits: [{ start: m.valueStart, end: m.valueEnd, newText: to }],
          },
        ],
        container,
      });
    }
  }

  const exp = times.get('exp');
  const iat = times.get('iat');
  // Lifetime (client assertions: servers cap it at minutes to a day).
  if (assertion && exp) {
    let life: number | undefined;
    let fix: string | undefined;
    let from = 'iat';
    if (exp.seconds !== undefined && iat?.seconds !== undefined) {
      life = exp.seconds - iat.seconds;
      fix = String(iat.seconds + SHORT_LIFETIME_SECONDS);
    } else if (exp.seconds !== undefined && !iat) {
      life = exp.seconds - ctx.now;
      from = 'now';
      fix = String(ctx.now + SHORT_LIFETIME_SECONDS);
    } else if (exp.code !== undefined) {
      const split = splitOffset(exp.code);
      const sq = (s: string) => s.replace(/\s+/g, '');
      if (
        split &&
        ((iat?.code !== undefined && sq(split.base) === sq(iat.code)) ||
          (isNowSeconds(split.base) && (!iat || iat.code === undefined || isNowSeconds(iat.code))))
      ) {
        life = split.offset;
        fix = `${split.base} + ${SHORT_LIFETIME_SECONDS}`;
        if (!iat || sq(split.base) !== sq(iat.code ?? '')) from = 'now';
      }
    }
    if (life !== undefined && fix !== undefined && life > ctx.maxLifetime) {
      out.push({
        causeId: 'client.assertion-claims',
        error: 'invalid_client',
        start: exp.m.valueStart,
        end: exp.m.valueEnd,
        message: `exp is ${duration(life)} after ${from}: this client assertion lives longer than the ${duration(ctx.maxLifetime)} allowed; servers reject long-lived assertions (keep it to minutes).`,
        fixes: [
          {
            title: `Expire ${duration(SHORT_LIFETIME_SECONDS)} after ${from === 'iat' ? 'iat' : 'now'}: ${short(fix)}`,
            preferred: true,
            edits: [{ start: exp.m.valueStart, end: exp.m.valueEnd, newText: fix }],
          },
        ],
        container,
      });
    }
  }
  // iat in the future.
  if (iat && iat.seconds !== undefined && iat.problem !== 'milliseconds' && iat.seconds - ctx.leeway > ctx.now) {
    const to = nowCode(ctx, d);
    out.push({
      causeId: cause('token.not-yet-valid'),
      error: assertion ? 'invalid_client' : undefined,
      start: iat.m.valueStart,
      end: iat.m.valueEnd,
      message: `iat is ${duration(iat.seconds - ctx.now)} in the future; a ${what} issued later than now is rejected (a clock running ahead, or a wrong unit).`,
      fixes: [{ title: `Set iat to now: ${short(to)}`, preferred: true, edits: [{ start: iat.m.valueStart, end: iat.m.valueEnd, newText: to }] }],
      container,
    });
  }

  if (!assertion) return out;

  // iss and sub must both be the client_id.
  const issM = get('iss');
  const subM = get('sub');
  const strLit = (m?: Member) => {
    if (!m || m.shorthand) return undefined;
    const l = literalAt(text, m.valueStart, m.valueEnd);
    return l.kind === 'string' && !isTemplated(l.value) ? l : undefined;
  };
  const iss = strLit(issM);
  const sub = strLit(subM);
  const clientId = ctx.file.clientIds.length === 1 ? ctx.file.clientIds[0] : undefined;
  if (iss && sub && issM && subM) {
    const setTo = (_m: Member, l: Extract<Literal, { kind: 'string' }>, v: string): FixEdit => ({
      start: l.innerStart,
      end: l.innerEnd,
      newText: JSON.stringify(v).slice(1, -1),
    });
    if (iss.value !== sub.value) {
      const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
      const target = clientId ?? (isUrl(iss.value) && !isUrl(sub.value) ? sub.value : isUrl(sub.value) && !isUrl(iss.value) ? iss.value : undefined);
      const fixes: FixAction[] = [];
      if (target !== undefined) {
        const edits: FixEdit[] = [];
        if (iss.value !== target) edits.push(setTo(issM, iss, target));
        if (sub.value !== target) edits.push(setTo(subM, sub, target));
        fixes.push({ title: `Set iss and sub to the client_id ${quoted(target)}`, preferred: true, edits });
      } else {
        fixes.push({ title: `Set sub to ${quoted(iss.value)} (the iss)`, preferred: true, edits: [setTo(subM, sub, iss.value)] });
        fixes.push({ title: `Set iss to ${quoted(sub.value)} (the sub)`, edits: [setTo(issM, iss, sub.value)] });
      }
      const wrong = target !== undefined && iss.value !== target && sub.value === target ? issM : subM;
      out.push({
        causeId: 'client.assertion-claims',
        error: 'invalid_client',
        start: wrong.valueStart,
        end: wrong.valueEnd,
        message: `iss ${quoted(iss.value)} and sub ${quoted(sub.value)} differ; in a client assertion both must be the client_id${clientId ? ` (${quoted(clientId)} in this file)` : ''} (RFC 7523 §3).`,
        fixes,
        container,
      });
    } else if (clientId !== undefined && iss.value !== clientId) {
      out.push({
        causeId: 'client.assertion-claims',
        error: 'invalid_client',
        start: issM.valueStart,
        end: subM.valueEnd > issM.valueStart ? Math.max(issM.valueEnd, issM.valueStart) : issM.valueEnd,
        message: `iss and sub are ${quoted(iss.value)}, but the request in this file sends client_id ${quoted(clientId)}; a client assertion's iss and sub must be that client_id.`,
        fixes: [
          {
            title: `Set iss and sub to the client_id ${quoted(clientId)}`,
            preferred: true,
            edits: [setTo(issM, iss, clientId), setTo(subM, sub, clientId)],
          },
        ],
        container,
      });
    }
  }

  // A unique jti.
  if (!get('jti') && !o.opaque) {
    const keyQuote = o.members[o.members.length - 1]!.keyQuote || (d === 'json' ? '"' : '');
    const colon = /^\s*:\s*/.exec(text.slice(o.members[0]!.keyEnd, o.members[0]!.valueStart))?.[0] ?? ': ';
    const edits: FixEdit[] = [];
    let value: string;
    if (d === 'js') value = 'crypto.randomUUID()';
    else if (d === 'python') {
      value = 'str(uuid.uuid4())';
      if (!/^\s*import uuid\b|^\s*import .*\buuid\b/m.test(text)) {
        const firstImport = /^(import |from )/m.exec(text);
        edits.push({ start: firstImport ? firstImport.index : 0, end: firstImport ? firstImport.index : 0, newText: 'import uuid\n' });
      }
    } else value = quoteString(ctx.randomId(), keyQuote === "'" ? "'" : '"');
    const multiline = text.slice(o.start, o.members[o.members.length - 1]!.keyStart).includes('\n');
    edits.push(insertMember(text, o, `${keyText('jti', keyQuote)}${colon}${value}`, multiline));
    out.push({
      causeId: 'client.assertion-claims',
      error: 'invalid_client',
      ...headSpan(text, o),
      message: 'This client assertion has no jti; servers require a unique one per assertion to stop replays (RFC 7523 §3, OpenID Connect Core §9).',
      fixes: [{ title: 'Add a random jti', preferred: true, edits: sortEdits(edits) }],
      container,
    });
  }

  // aud must be the token endpoint used in this file.
  const audM = get('aud');
  const aud = strLit(audM);
  if (aud && audM) {
    const want = audienceFix(aud.value, ctx.file.tokenEndpoints);
    if (want) {
      out.push({
        causeId: 'client.assertion-claims',
        error: 'invalid_client',
        start: audM.valueStart,
        end: audM.valueEnd,
        message: `aud ${quoted(aud.value)} is not the token endpoint this file sends the assertion to, ${quoted(want)} (${describeUrlDifference(aud.value, want)}); the server rejects an assertion meant for another audience.`,
        fixes: [
          { title: `Set aud to ${want}`, preferred: true, edits: [{ start: aud.innerStart, end: aud.innerEnd, newText: JSON.stringify(want).slice(1, -1) }] },
        ],
        container,
      });
    }
  }
  return out;
}

/**
 * The token endpoint an assertion's aud should have named, when it names none
 * of the file's token endpoints (nor an issuer that is a prefix of one).
 */
export function audienceFix(aud: string, endpoints: readonly string[]): string | undefined {
  if (!endpoints.length || isTemplated(aud) || !/^https?:\/\//i.test(aud)) return undefined;
  if (endpoints.includes(aud)) return undefined;
  if (endpoints.some((e) => e.startsWith(`${aud.replace(/\/+$/, '')}/`) && aud.length > 10)) {
    // The issuer (a prefix of the token endpoint) is accepted by most servers — unless it only
    // differs from the endpoint by a trailing slash.
    if (!endpoints.some((e) => e === `${aud.replace(/\/+$/, '')}/` || `${e}/` === aud)) return undefined;
  }
  if (endpoints.length === 1) return endpoints[0];
  const host = (u: string) => /^https?:\/\/([^/?#]*)/i.exec(u)?.[1]?.toLowerCase();
  const same = endpoints.filter((e) => host(e) === host(aud));
  return same.length === 1 ? same[0] : undefined;
}

// ---------------------------------------------------------------------------
// JOSE headers

/** The algorithm that fits the key this code uses, judged from the text around the header. */
export function keyAlgorithm(text: string, at: number): 'RS256' | 'ES256' | 'HS256' | undefined {
  const around = text.slice(Math.max(0, at - 2500), Math.min(text.length, at + 2500));
  if (/BEGIN EC PRIVATE KEY|prime256v1|P-256|namedCurve|\bcrv\b|ecdsa|ECDSA|ES256/.test(around)) return 'ES256';
  if (/PRIVATE KEY|importPKCS8|private_key|privateKey|PrivateKey|\.pem\b|createPrivateKey|\bRSA\b|RS256/.test(around)) return 'RS256';
  if (/client_secret|clientSecret|\bsecret\b|TextEncoder\(\)\.encode|createSecretKey|HMAC|hmac|HS256/.test(around)) return 'HS256';
  return undefined;
}

function algFixes(o: ObjectHit, text: string, replace: (alg: string) => FixEdit[]): FixAction[] {
  const fit = keyAlgorithm(text, o.start);
  const order = fit ? [fit] : ['RS256', 'ES256', 'HS256'];
  return order.map((alg, i) => ({
    title: `Use ${alg}${alg === 'HS256' ? ' (a client secret)' : alg === 'RS256' ? ' (an RSA private key)' : ' (an EC P-256 private key)'}`,
    preferred: i === 0,
    edits: replace(alg),
  }));
}

export function headerMistakes(ctx: ClaimsContext, o: ObjectHit, nearAssertion: boolean): Mistake[] {
  const text = ctx.text;
  const get = (k: string) => o.members.find((m) => m.key === k);
  const container = { start: o.start, end: o.end };
  const out: Mistake[] = [];
  const algM = get('alg');
  const typM = get('typ');
  const d = codeDialect(ctx, o);
  const before = text.slice(Math.max(0, o.start - 60), o.start);
  const signingCall = /(setProtectedHeader|protectedHeader|protected_header|jwsHeader|JWSHeader)\s*[(:=]\s*\(?\s*$/.test(before);
  if (!algM) {
    const typ = typM ? literalAt(text, typM.valueStart, typM.valueEnd) : undefined;
    const jsonHeader = d === 'json' && typ?.kind === 'string' && /^jwt$/i.test(typ.value) && o.members.length >= 2;
    if (signingCall || jsonHeader) {
      const keyQuote = o.members[0]!.keyQuote;
      const valueQuote = typ?.kind === 'string' ? typ.quote : keyQuote || "'";
      const multiline = text.slice(o.start, o.members[o.members.length - 1]!.keyStart).includes('\n');
      const colon = /^\s*:\s*/.exec(text.slice(o.members[0]!.keyEnd, o.members[0]!.valueStart))?.[0] ?? ': ';
      out.push({
        causeId: 'token.algorithm',
        error: 'invalid_request',
        ...headSpan(text, o),
        message: `This JOSE header has no alg; every JWS header must name its algorithm (RFC 7515 §4.1.1), and servers reject a token without one${nearAssertion ? ' (or read it as alg none)' : ''}.`,
        fixes: algFixes(o, text, (alg) => [insertMember(text, o, `${keyText('alg', keyQuote)}${colon}${quoteString(alg, valueQuote)}`, multiline)]),
        container,
      });
    }
  } else {
    const alg = literalAt(text, algM.valueStart, algM.valueEnd);
    if (alg.kind === 'string' && /^\s*none\s*$/i.test(alg.value) && nearAssertion) {
      out.push({
        causeId: 'token.algorithm',
        error: 'invalid_client',
        start: algM.valueStart,
        end: algM.valueEnd,
        message: 'alg "none" makes an unsigned token: no server accepts an unsigned client assertion. Sign it with the client\'s secret or private key.',
        fixes: algFixes(o, text, (a) => [{ start: alg.innerStart, end: alg.innerEnd, newText: a }]),
        container,
      });
    } else if (alg.kind === 'string' && !isJwsAlgorithm(alg.value)) {
      const canonical = canonicalJwsAlgorithm(alg.value);
      if (canonical) {
        out.push({
          causeId: 'token.algorithm',
          error: 'invalid_request',
          start: algM.valueStart,
          end: algM.valueEnd,
          message: `alg ${quoted(alg.value)} is not an algorithm name: they are case-sensitive, this one is "${canonical}" (RFC 7518 §3.1).`,
          fixes: [{ title: `Write alg as ${canonical}`, preferred: true, edits: [{ start: alg.innerStart, end: alg.innerEnd, newText: canonical }] }],
          container,
        });
      }
    }
  }
  if (typM) {
    const typ = literalAt(text, typM.valueStart, typM.valueEnd);
    if (typ.kind === 'string' && !isTemplated(typ.value) && !goodTyp(typ.value)) {
      out.push({
        causeId: 'token.wrong-type',
        error: 'invalid_request',
        start: typM.valueStart,
        end: typM.valueEnd,
        message: `typ ${quoted(typ.value)} is not a JWT media type; a JWT (and a client assertion) says "JWT" (RFC 7519 §5.1), and strict servers reject other values.`,
        fixes: [{ title: 'Set typ to JWT', preferred: true, edits: [{ start: typ.innerStart, end: typ.innerEnd, newText: 'JWT' }] }],
        container,
      });
    }
  }
  return out;
}

function goodTyp(v: string): boolean {
  if (v !== v.trim()) return false;
  const t = v.toLowerCase().replace(/^application\//, '');
  return t === 'jwt' || t === 'jose' || t === 'jose+json' || /^[a-z0-9.-]+\+jwt$/.test(t) || /^[a-z0-9.-]+\+jose$/.test(t);
}

// ---------------------------------------------------------------------------
// Client assertions already signed

/** Mistakes of a decoded client assertion: nothing can be edited in a signed token, so the fix is to copy corrected claims. */
export function signedAssertionMistakes(ctx: ClaimsContext, f: Finding): Mistake[] {
  const r = tokenOf(f);
  if (!r || r.type.type !== 'client-assertion' || !r.claims) return [];
  const claims: Record<string, unknown> = { ...r.claims };
  const said: string[] = [];
  for (const t of r.times) {
    if (t.claim === 'auth_time' || t.seconds === undefined) continue;
    if (t.problem === 'string' || t.problem === 'milliseconds') {
      said.push(timeProblemText(t) ?? `${t.claim} is written wrongly`);
      claims[t.claim] = Math.floor(t.seconds);
    }
  }
  const num = (k: string) => (typeof claims[k] === 'number' ? claims[k] : undefined);
  const iat = num('iat');
  const exp = num('exp');
  if (exp !== undefined && iat !== undefined && exp - iat > ctx.maxLifetime) {
    said.push(`it lives ${duration(exp - iat)} (exp − iat), longer than the ${duration(ctx.maxLifetime)} allowed`);
    claims.exp = iat + SHORT_LIFETIME_SECONDS;
  }
  if (iat !== undefined && iat - ctx.leeway > ctx.now) {
    said.push(`iat is ${duration(iat - ctx.now)} in the future`);
    claims.iat = ctx.now;
    claims.exp = ctx.now + SHORT_LIFETIME_SECONDS;
  }
  const clientId = ctx.file.clientIds.length === 1 ? ctx.file.clientIds[0] : undefined;
  if (typeof claims.iss === 'string' && typeof claims.sub === 'string') {
    if (claims.iss !== claims.sub) {
      said.push(`iss ${quoted(claims.iss)} and sub ${quoted(claims.sub)} differ (both must be the client_id)`);
      const target = clientId ?? (/^https?:\/\//.test(claims.iss) ? claims.sub : claims.iss);
      claims.iss = target;
      claims.sub = target;
    } else if (clientId !== undefined && claims.iss !== clientId) {
      said.push(`iss and sub are ${quoted(claims.iss)}, not the client_id ${quoted(clientId)} sent with it`);
      claims.iss = clientId;
      claims.sub = clientId;
    }
  }
  if (claims.jti === undefined) {
    said.push('it has no jti');
    claims.jti = ctx.randomId();
  }
  if (typeof claims.aud === 'string') {
    const want = audienceFix(claims.aud, ctx.file.tokenEndpoints);
    if (want) {
      said.push(`aud ${quoted(claims.aud)} is not the token endpoint ${quoted(want)} used here (${describeUrlDifference(claims.aud, want)})`);
      claims.aud = want;
    }
  }
  const out: Mistake[] = [];
  const container = { start: f.start, end: f.end };
  if (said.length) {
    out.push({
      causeId: 'client.assertion-claims',
      error: 'invalid_client',
      start: f.start,
      end: f.end,
      message: `This client assertion's claims are wrong: ${said.join('; ')}. It is signed, so it cannot be edited in place: copy the corrected claims and sign them again.`,
      fixes: [],
      copyText: JSON.stringify(claims, null, 2),
      container,
    });
  }
  const alg = typeof r.header?.alg === 'string' ? r.header.alg : '';
  if (alg.toLowerCase() === 'none') {
    const header = { ...r.header, alg: keyAlgorithm(ctx.text, f.start) ?? 'RS256' };
    out.push({
      causeId: 'token.algorithm',
      error: 'invalid_client',
      start: f.start,
      end: f.end,
      message:
        'This client assertion has alg "none": it is unsigned, and no server accepts an unsigned client assertion. Sign it with the client\'s secret or private key.',
      fixes: [],
      copyText: JSON.stringify(header, null, 2),
      container,
    });
  }
  return out;
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export function sortEdits(edits: FixEdit[]): FixEdit[] {
  return edits.sort((a, b) => a.start - b.start);
}
