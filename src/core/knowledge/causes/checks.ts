import { claimText } from '../../jwt/claims';
import { quoted } from '../../text/quote';
import { type Finding, problemOf, tokenOf } from '../../model';
import type { AutoCheckId, CheckStatus } from './schema';

export interface CheckContext {
  /** The finding the check is about (a token or a problem). */
  readonly finding: Finding;
  /** The token most relevant to it: itself, or the nearest token finding. */
  readonly token?: Finding;
  readonly now?: number;
  readonly leeway: number;
}

type Outcome = { status: CheckStatus; evidence?: string };
const unknown: Outcome = { status: 'unknown' };
const pass = (evidence?: string): Outcome => ({ status: 'passed', ...(evidence ? { evidence } : {}) });
const fail = (evidence?: string): Outcome => ({ status: 'failed', ...(evidence ? { evidence } : {}) });

function hasCause(f: Finding | undefined, id: string): string | undefined {
  const c = f?.causes.find((x) => x.id === id);
  return c ? (c.evidence[0] ?? id) : undefined;
}

function time(t: Finding | undefined, claim: 'exp' | 'nbf' | 'iat'): { seconds?: number; iso?: string; raw: unknown; problem?: string } | undefined {
  return tokenOf(t)?.times.find((x) => x.claim === claim);
}

function claims(t: Finding | undefined): Record<string, unknown> | undefined {
  return tokenOf(t)?.claims;
}

export const EVALUATORS: Record<AutoCheckId, (c: CheckContext) => Outcome> = {
  'token-found': (c) => (c.token ? pass(`a ${tokenOf(c.token)?.type.label ?? 'token'} is in the text`) : unknown),
  'token-exp-future': (c) => {
    const bad = hasCause(c.token, 'token.expired');
    if (bad) return fail(bad);
    const e = time(c.token, 'exp');
    if (!e || e.seconds === undefined) return unknown;
    if (c.now === undefined) return unknown;
    return e.seconds + c.leeway > c.now ? pass(`exp ${e.iso ?? e.seconds} is in the future`) : fail(`exp ${e.iso ?? e.seconds} is in the past`);
  },
  'token-nbf-past': (c) => {
    const bad = hasCause(c.token, 'token.not-yet-valid');
    if (bad) return fail(bad);
    const n = time(c.token, 'nbf');
    if (!n || n.seconds === undefined || c.now === undefined) return n ? unknown : tokenOf(c.token)?.claims ? pass('no nbf claim') : unknown;
    return n.seconds - c.leeway <= c.now ? pass(`nbf ${n.iso ?? n.seconds} has passed`) : fail(`nbf ${n.iso ?? n.seconds} is in the future`);
  },
  'token-iat-past': (c) => {
    const i = time(c.token, 'iat');
    if (!i || i.seconds === undefined || c.now === undefined) return unknown;
    return i.seconds - c.leeway <= c.now ? pass(`iat ${i.iso ?? i.seconds} is not in the future`) : fail(`iat ${i.iso ?? i.seconds} is in the future`);
  },
  'token-structure': (c) => {
    const t = tokenOf(c.token);
    if (!t) return unknown;
    const want = t.format === 'jwe' ? 5 : 3;
    if (t.segmentCount !== want) return fail(`${t.segmentCount} segments instead of ${want}`);
    if (t.segmentErrors.length) return fail(t.segmentErrors[0]!.message);
    return pass(`${want} segments that decode`);
  },
  'token-undamaged': (c) => {
    const t = tokenOf(c.token);
    if (!t) return unknown;
    const d = t.damage.filter((x) => x.kind !== 'truncated');
    return d.length ? fail(d.map((x) => x.message).join('; ')) : pass('no wrapping or encoding damage found');
  },
  'token-not-truncated': (c) => {
    const t = tokenOf(c.token);
    if (!t) return unknown;
    const d = t.damage.find((x) => x.kind === 'truncated');
    if (d) return fail(d.message);
    const bad = hasCause(c.token, 'token.truncated');
    return bad ? fail(bad) : pass('all segments present');
  },
  'token-alg-signed': (c) => {
    const h = tokenOf(c.token)?.header;
    if (!h) return unknown;
    const alg = h['alg'];
    if (alg === undefined) return fail('the header has no alg');
    if (typeof alg === 'string' && alg.toLowerCase() === 'none') return fail('alg is "none"');
    return pass(`alg is ${quoted(alg)}`);
  },
  'token-signature-verifies': (c) => {
    const t = tokenOf(c.token);
    if (!t) return unknown;
    const sig = t.format === 'jwe' ? t.nested?.signature : t.signature;
    if (!sig) return { status: 'unknown', evidence: "not checked yet: Verify Signature… with the issuer's keys (its JWKS) or the shared secret" };
    const why = sig.reason ?? sig.status;
    if (sig.status === 'verified') return pass(why);
    if (sig.status === 'invalid' || sig.status === 'not-allowed') return fail(why);
    return { status: 'unknown', evidence: why };
  },
  'token-key-fits-alg': (c) => {
    const t = tokenOf(c.token);
    const sig = t?.format === 'jwe' ? t.nested?.signature : t?.signature;
    if (!sig) return unknown;
    if (sig.status === 'not-allowed') return fail(sig.reason);
    if (sig.status === 'verified') return pass(`${sig.key ?? 'the key'} verifies alg ${sig.alg ?? '?'}`);
    return unknown;
  },
  'token-aud-present': (c) => {
    const cl = claims(c.token);
    if (!cl) return unknown;
    return cl['aud'] !== undefined ? pass(`aud is ${quoted(cl['aud'])}`) : fail('the token has no aud claim');
  },
  'token-iss-present': (c) => {
    const cl = claims(c.token);
    if (!cl) return unknown;
    return cl['iss'] !== undefined ? pass(`iss is ${quoted(cl['iss'])}`) : fail('the token has no iss claim');
  },
  'token-is-access-token': (c) => {
    const ty = tokenOf(c.token)?.type;
    if (!ty || ty.type === 'unknown') return unknown;
    if (ty.type === 'access-token') return pass(ty.reason);
    if (ty.type === 'id-token' || ty.type === 'refresh-token') return fail(`${ty.label}: ${ty.reason}`);
    return unknown;
  },
  'token-scope-covers': (c) => {
    const cl = claims(c.token);
    const need = problemOf(c.finding)?.fields?.['scope'];
    if (!cl) return unknown;
    const sc = cl['scope'] ?? cl['scp'];
    if (sc === undefined) return unknown;
    const granted = (Array.isArray(sc) ? sc.map(String) : claimText(sc).split(/\s+/)).filter(Boolean);
    if (!need) return { status: 'unknown', evidence: `the token grants "${granted.join(' ')}"` };
    const missing = need.split(/\s+/).filter((x) => x && !granted.includes(x));
    return missing.length ? fail(`"${missing.join(' ')}" is required but the token grants "${granted.join(' ')}"`) : pass(`the token grants "${need}"`);
  },
  'token-has-cnf': (c) => {
    const cl = claims(c.token);
    if (!cl) return unknown;
    const cnf = cl['cnf'] as Record<string, unknown> | undefined;
    return cnf && typeof cnf === 'object' && cnf['jkt'] ? pass(`cnf.jkt is ${claimText(cnf['jkt'])}`) : fail('the token has no cnf.jkt: it is not DPoP-bound');
  },
  'assertion-times-numeric': (c) => {
    const t = tokenOf(c.token);
    if (!t) return unknown;
    const bad = t.times.filter((x) => x.problem === 'string' || x.problem === 'milliseconds' || x.problem === 'not-a-number' || x.problem === 'out-of-range');
    if (bad.length)
      return fail(
        bad
          .map(
            (x) =>
              `${x.claim} is ${x.problem === 'milliseconds' ? 'in milliseconds' : x.problem === 'string' ? 'a string' : x.problem === 'out-of-range' ? 'out of the range of dates' : 'not a number'} (${quoted(x.raw)})`,
          )
          .join('; '),
      );
    return t.times.length ? pass('exp/iat are numbers in seconds') : unknown;
  },
  'assertion-lifetime': (c) => {
    const t = tokenOf(c.token);
    if (!t) return unknown;
    const expired = hasCause(c.token, 'token.expired');
    if (expired) return fail(expired);
    if (t.lifetimeSeconds === undefined) return unknown;
    const min = Math.round(t.lifetimeSeconds / 60);
    return t.lifetimeSeconds <= 3600 ? pass(`lifetime ${min} min`) : fail(`lifetime ${min} min: most servers cap assertions at minutes, some at 24 h`);
  },
  'assertion-iss-sub': (c) => {
    const cl = claims(c.token);
    if (!cl) return unknown;
    if (cl['iss'] === undefined || cl['sub'] === undefined) return fail('iss or sub is missing');
    return cl['iss'] === cl['sub'] ? pass(`iss = sub = ${quoted(cl['iss'])}`) : fail(`iss ${quoted(cl['iss'])} differs from sub ${quoted(cl['sub'])}`);
  },
  'assertion-jti': (c) => {
    const cl = claims(c.token);
    if (!cl) return unknown;
    return cl['jti'] !== undefined ? pass(`jti is ${quoted(cl['jti'])}`) : fail('no jti claim');
  },
  'assertion-aud': (c) => {
    const cl = claims(c.token);
    if (!cl) return unknown;
    const aud = cl['aud'];
    if (aud === undefined) return fail('no aud claim');
    const s = Array.isArray(aud) ? aud.join(' ') : claimText(aud);
    return /^https:\/\//.test(s)
      ? { status: 'unknown', evidence: `aud is "${s}": compare with the token endpoint URL` }
      : fail(`aud "${s}" is not a URL; servers expect the token endpoint (or issuer) URL`);
  },
  'challenge-error-code': (c) => {
    const ch = problemOf(c.finding)?.fields?.['www-authenticate'];
    if (!ch) return unknown;
    return /\berror\s*=/.test(ch) ? pass('the challenge has an error code') : fail(`the challenge "${ch}" has no error code: no token was received`);
  },
  'retry-after': (c) => {
    const ra = problemOf(c.finding)?.fields?.['retry-after'];
    return ra ? { status: 'unknown', evidence: `the server asks to wait: Retry-After ${ra}` } : unknown;
  },
  'dpop-nonce-header': (c) => {
    const n = problemOf(c.finding)?.fields?.['dpop-nonce'];
    return n ? { status: 'unknown', evidence: `DPoP-Nonce: ${n}` } : unknown;
  },
  'error-description': (c) => {
    const d = problemOf(c.finding)?.description;
    return d ? { status: 'unknown', evidence: `error_description: "${d.slice(0, 200)}"` } : unknown;
  },
};
