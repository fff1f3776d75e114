import { readTime, timeProblemText } from './times';
import { quoted } from '../text/quote';
import { inferType } from './type';
import { claimText } from './claims';
import { duration } from '../text/time';
import type { CauseId, CauseRef, Damage, Finding, SecurityNote, TimeClaim, TokenCheck, TokenReport } from '../model';
import type { Structure } from './structure';
import { isPlainObject } from './segments';

/** A lifetime above this is called long (and is rejected for client assertions by many servers). */
export const LONG_LIFETIME_SECONDS = 24 * 3600;

export interface TokenContext {
  readonly start: number;
  readonly end: number;
  readonly structure: Structure;
  readonly damage: readonly Damage[];
  readonly usedAs?: string;
  readonly nested?: TokenReport;
  readonly now: number;
  readonly leeway: number;
  /** What the user's keys said about this token (AnalysisOptions.checks), when they were tried. */
  readonly check?: TokenCheck;
}

/**
 * Turns a decoded token into a finding: times, type, security notes and
 * ranked causes with evidence. Reads claims, does not verify them.
 *
 * The analysis runs on first access to `token`, `causes` or `summary` and is
 * kept: a scan only pays for locating and decoding, and a hover or a report
 * pays for the findings it shows. The lazy members are own enumerable
 * getters, so spreading, JSON and structured clone see plain values.
 */
export function tokenFinding(context: () => TokenContext, start: number, end: number, format: 'jws' | 'jwe'): Finding {
  let ctx: TokenContext | undefined;
  let report: TokenReport | undefined;
  let causes: CauseRef[] | undefined;
  let summary: string | undefined;
  const c = () => (ctx ??= context());
  const r = () => (report ??= tokenReport(c()));
  const k = () => (causes ??= tokenCauses(r(), c()));
  return {
    kind: format === 'jwe' ? 'jwe' : 'jwt',
    start,
    end,
    get causes() {
      return k();
    },
    get ruledOut() {
      return ruledOutBy(r());
    },
    get summary() {
      return (summary ??= summarize(r(), k(), c().now));
    },
    get token() {
      return r();
    },
  };
}

/** The claims a decrypted JWE held directly (not a nested token), when it did. */
function decryptedClaims(check: TokenCheck | undefined): Record<string, unknown> | undefined {
  if (check?.decryption?.status !== 'decrypted' || check.decryption.content !== 'claims' || check.plaintext === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(check.plaintext);
    return isPlainObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function tokenReport(ctx: TokenContext): TokenReport {
  const s = ctx.structure;
  const header = s.header ?? {};
  const opened = s.format === 'jwe' ? decryptedClaims(ctx.check) : undefined;
  const claims = s.claims ?? opened;
  const inner = s.format === 'jwe' && ctx.check?.decryption?.status === 'decrypted' ? ctx.nested : undefined;
  const times: TimeClaim[] = [];
  if (claims) {
    for (const c of ['exp', 'nbf', 'iat', 'auth_time'] as const) {
      if (claims[c] !== undefined) times.push(readTime(c, claims[c], ctx.now));
    }
  }
  const exp = times.find((t) => t.claim === 'exp')?.seconds;
  const from = times.find((t) => t.claim === 'iat')?.seconds ?? times.find((t) => t.claim === 'nbf')?.seconds;
  const lifetimeSeconds = exp !== undefined && from !== undefined ? exp - from : undefined;
  let type = inferType(opened ? { ...header, enc: undefined } : header, claims, ctx.usedAs);
  if (opened) type = { ...type, label: `${type.label}, encrypted (JWE)`, reason: `decrypted; ${type.reason}` };
  else if (inner)
    type = {
      ...inner.type,
      label: `${inner.type.label}, encrypted (JWE)`,
      reason: `decrypted; inside, ${inner.type.reason}`,
    };
  const damage = [...ctx.damage];
  if (s.truncation) damage.unshift({ kind: 'truncated', message: s.truncation });
  const report: TokenReport = {
    format: s.format,
    segmentCount: s.segmentCount,
    header: s.header,
    claims,
    payloadText: s.payloadText,
    segmentErrors: s.segmentErrors,
    damage,
    type,
    // A decrypted JWE's times are those of the token inside it.
    times: inner ? inner.times : times,
    lifetimeSeconds: inner ? inner.lifetimeSeconds : lifetimeSeconds,
    notes: [],
    nested: ctx.nested,
    isNested: ctx.nested !== undefined || (typeof header.cty === 'string' && header.cty.toUpperCase() === 'JWT'),
    signatureBytes: s.signatureBytes,
    ...(ctx.check?.signature && s.format === 'jws' ? { signature: ctx.check.signature } : {}),
    ...(ctx.check?.decryption && s.format === 'jwe' ? { decryption: ctx.check.decryption } : {}),
  };
  return { ...report, notes: securityNotes(report, s) };
}

function securityNotes(r: TokenReport, s: Structure): SecurityNote[] {
  const notes: SecurityNote[] = [];
  const h = r.header ?? {};
  const alg = typeof h.alg === 'string' ? h.alg : '';
  if (alg.toLowerCase() === 'none') {
    notes.push({
      code: 'alg-none',
      severity: 'error',
      message: 'alg is none: the token is unsigned and anyone can forge it. Receivers must reject it (RFC 8725 §3.1).',
    });
  }
  for (const k of ['jwk', 'jku', 'x5u', 'x5c'] as const) {
    if (h[k] !== undefined) {
      notes.push({
        code: `header-${k}`,
        severity: 'warning',
        message: `The header carries ${k}: a verifier must never trust a key the token brings along; keys come from the issuer's configured JWKS (RFC 8725 §3.10).`,
      });
    }
  }
  if (typeof h.kid === 'string' && (/\.\.|[/\\'";|`$<>]|--|\0/.test(h.kid) || h.kid.length > 256)) {
    notes.push({
      code: 'kid-suspicious',
      severity: 'warning',
      message: `kid ${quoted(h.kid.slice(0, 60))} holds path, quote or shell characters: a sign of a key-lookup injection attempt (RFC 8725 §3.10).`,
    });
  }
  if (h.crit !== undefined)
    notes.push({
      code: 'crit',
      severity: 'info',
      message: `crit lists ${quoted(h.crit)}: a receiver that does not understand those parameters must reject the token.`,
    });
  if (h.b64 === false) notes.push({ code: 'b64-false', severity: 'info', message: 'b64 is false: the payload is not base64url-encoded (RFC 7797).' });
  if (h.zip !== undefined)
    notes.push({
      code: 'zip',
      severity: 'info',
      message: `zip ${quoted(h.zip)}: the plaintext is compressed before encryption, which can leak content lengths.`,
    });
  if (/^(RS|PS)/.test(alg) && r.signatureBytes === 128) {
    notes.push({
      code: 'rsa-1024',
      severity: 'warning',
      message: 'The signature is 128 bytes: an RSA key of 1024 bits, too weak today; use 2048 bits or more.',
    });
  }
  if (r.claims && r.format === 'jws' && r.times.every((t) => t.claim !== 'exp') && r.type.type !== 'dpop-proof' && r.type.type !== 'logout-token') {
    notes.push({
      code: 'no-exp',
      severity: 'warning',
      message: 'There is no exp claim: the token never expires unless the receiver enforces a lifetime itself.',
    });
  }
  if (r.lifetimeSeconds !== undefined && r.lifetimeSeconds > LONG_LIFETIME_SECONDS && r.type.type !== 'refresh-token') {
    notes.push({
      code: 'long-lifetime',
      severity: r.type.type === 'client-assertion' ? 'error' : 'warning',
      message: `Its lifetime is ${duration(r.lifetimeSeconds)} (exp − iat): a stolen copy stays usable that long.`,
    });
  }
  const typ = typeof h.typ === 'string' ? h.typ.toLowerCase() : '';
  if (typ === 'at+jwt' && r.claims && (r.claims.nonce !== undefined || r.claims.at_hash !== undefined)) {
    notes.push({
      code: 'typ-confusion',
      severity: 'warning',
      message: 'typ says access token (at+jwt) but the claims look like an ID token (nonce / at_hash).',
    });
  }
  if (r.type.type === 'dpop-proof' && typ !== 'dpop+jwt') {
    notes.push({
      code: 'dpop-typ',
      severity: 'warning',
      message: `A DPoP proof must have typ dpop+jwt; this one has ${typ ? JSON.stringify(h.typ) : 'none'}.`,
    });
  }
  if (r.type.type === 'access-token' && typ === 'jwt' && r.claims?.nonce !== undefined) {
    notes.push({ code: 'typ-confusion', severity: 'warning', message: 'An access token with a nonce claim: an ID token may be in use as an access token.' });
  }
  if (s.nestedCompact || r.isNested) {
    notes.push({ code: 'nested', severity: 'info', message: 'This token carries another token as its payload (a nested JWT).' });
  }
  return notes;
}

/** Ranked causes for a token on its own (the error detector re-ranks them with context). Causes the token proves come first. */
export function tokenCauses(r: TokenReport, ctx: Pick<TokenContext, 'now' | 'leeway' | 'usedAs'>): CauseRef[] {
  const out = new Map<CauseId, { evidence: string[]; established: boolean }>();
  const add = (id: CauseId, evidence: string, established = false) => {
    const e = out.get(id);
    if (e) {
      e.evidence.push(evidence);
      e.established ||= established;
    } else out.set(id, { evidence: [evidence], established });
  };
  const inner = r.format === 'jwe' && r.decryption?.status === 'decrypted' ? r.nested : undefined;
  for (const d of r.damage) {
    if (d.kind === 'truncated') add('token.truncated', `The token looks cut short: ${d.message}.`, true);
    else if (d.kind === 'standard-base64' || d.kind === 'padding') add('token.malformed', `The token is not base64url: ${d.message}.`, true);
    else add('token.altered', `The token was changed on its way: ${d.message}.`, true);
  }
  if (!r.damage.some((d) => d.kind === 'truncated')) {
    for (const e of r.segmentErrors) add('token.malformed', `The ${e.name} does not decode: ${e.message}.`, true);
  }
  const alg = typeof r.header?.alg === 'string' ? r.header.alg : '';
  if (alg.toLowerCase() === 'none') add('token.algorithm', 'alg is "none": the token is unsigned, and servers reject it (or must).', true);
  checkCauses(r, add);
  if (inner) {
    // The token inside a decrypted JWE is diagnosed like any other; its causes are this token's.
    for (const c of tokenCauses(inner, ctx)) for (const e of c.evidence) add(c.id, `The token inside: ${e}`, c.established === true);
    return ranked(out);
  }

  const isAssertion = r.type.type === 'client-assertion';
  for (const t of r.times) {
    const p = timeProblemText(t);
    if (p) add(isAssertion ? 'client.assertion-claims' : 'token.malformed', `${p}.`, t.problem !== 'fractional');
  }
  const exp = r.times.find((t) => t.claim === 'exp');
  if (exp?.seconds !== undefined && exp.seconds + ctx.leeway < ctx.now) {
    const ev = `exp ${exp.iso ?? exp.seconds} is ${duration(ctx.now - exp.seconds)} before now${ctx.leeway ? ` (leeway ${ctx.leeway} s)` : ''}.`;
    add(isAssertion ? 'client.assertion-claims' : 'token.expired', ev, true);
    if (isAssertion) add('token.expired', ev, true);
  }
  for (const name of ['nbf', 'iat'] as const) {
    const t = r.times.find((x) => x.claim === name);
    if (t?.seconds !== undefined && t.seconds - ctx.leeway > ctx.now) {
      const ev = `${name} ${t.iso ?? t.seconds} is ${duration(t.seconds - ctx.now)} after now: the issuer's clock is ahead, or the token was minted for later.`;
      add(isAssertion ? 'client.assertion-claims' : 'token.not-yet-valid', ev, true);
      if (isAssertion) add('token.not-yet-valid', ev, true);
    }
  }
  if (isAssertion && r.claims) assertionProblems(r, (id, e) => add(id, e, true));
  if (ctx.usedAs === 'bearer' || ctx.usedAs === 'access_token') {
    if (r.type.type === 'id-token') add('token.wrong-type', `An ID token is sent as an access token (${r.type.reason}).`);
    if (r.type.type === 'refresh-token') add('token.wrong-type', `A refresh token is sent as an access token (${r.type.reason}).`);
  }
  return ranked(out);
}

/** The causes in the order found, those the token proves first. */
function ranked(out: Map<CauseId, { evidence: string[]; established: boolean }>): CauseRef[] {
  const all = [...out].map(([id, v]): CauseRef => (v.established ? { id, evidence: v.evidence, established: true } : { id, evidence: v.evidence }));
  return [...all.filter((c) => c.established), ...all.filter((c) => !c.established)];
}

/** What a check with the user's keys proves: a signature that fails, an alg the key forbids, a kid the keys do not hold. */
function checkCauses(r: TokenReport, add: (id: CauseId, evidence: string, established?: boolean) => void): void {
  const sig = r.signature;
  if (sig) {
    if (sig.status === 'invalid') {
      add(
        'token.signature',
        `The signature does not verify with ${sig.key ?? 'the matching key'}${sig.chosenBy ? ` (${sig.chosenBy})` : ''}: the token was changed after it was signed, or another key signed it.`,
        true,
      );
      if (sig.tried.length > 1) add('token.signature', `Tried ${sig.tried.length} keys: ${sig.tried.map((t) => t.key).join(', ')}.`, true);
    } else if (sig.status === 'not-allowed' && (typeof r.header?.alg !== 'string' || r.header.alg.toLowerCase() !== 'none')) {
      add('token.algorithm', `${sentence(sig.reason ?? 'the key given is not allowed for this alg')}`, true);
    } else if (sig.status === 'no-key' && sig.kidMissing) {
      add(
        'token.signature',
        `${sentence(sig.reason ?? 'no key matches the kid')} The signing keys rotated, or the token comes from another issuer or environment.`,
      );
    } else if (sig.status === 'unsupported' && /crit/.test(sig.reason ?? '')) {
      add('token.malformed', sentence(sig.reason!), true);
    }
  }
  const dec = r.decryption;
  if (dec) {
    if (dec.status === 'failed')
      add('token.signature', `Decryption fails with ${dec.key ?? 'the matching key'}: ${sentence(dec.reason ?? 'another key encrypted it')}`, true);
    else if (dec.status === 'no-key' && dec.kidsAvailable?.length && typeof r.header?.kid === 'string' && !dec.kidsAvailable.includes(r.header.kid))
      add('token.signature', `${sentence(dec.reason ?? 'no key matches the kid')} The encryption keys rotated, or the token was made for another receiver.`);
  }
}

/** A reason as a sentence of evidence: ends with a full stop (kid and alg names keep their case). */
function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** Causes a check with the user's keys rules out, with why. */
export function ruledOutBy(r: TokenReport): readonly CauseRef[] | undefined {
  const sig = r.format === 'jwe' ? r.nested?.signature : r.signature;
  if (sig?.status === 'verified') {
    const via = r.format === 'jwe' ? 'the token inside verifies' : 'the signature verifies';
    return [
      { id: 'token.signature', evidence: [`${sentence(`${via} with ${sig.key ?? 'a key given'}${sig.chosenBy ? ` (${sig.chosenBy})` : ''}`)}`] },
      { id: 'token.algorithm', evidence: [`alg ${sig.alg ?? '?'} is what that key is for, and it verifies.`] },
    ];
  }
  if (r.decryption?.status === 'decrypted' && r.decryption.content === 'claims') {
    return [
      { id: 'token.signature', evidence: [`Decrypted with ${r.decryption.key ?? 'a key given'}: its authentication tag matches, so it was not changed.`] },
    ];
  }
  return undefined;
}

function assertionProblems(r: TokenReport, add: (id: CauseId, e: string) => void) {
  const c = r.claims!;
  if (typeof c.iss === 'string' && typeof c.sub === 'string' && c.iss !== c.sub) {
    add('client.assertion-claims', `iss ${quoted(c.iss)} and sub ${quoted(c.sub)} differ; in a client assertion both must be the client_id.`);
  }
  if (c.iss === undefined || c.sub === undefined)
    add('client.assertion-claims', `The assertion has no ${c.iss === undefined ? 'iss' : 'sub'}; both must hold the client_id.`);
  if (c.aud === undefined) add('client.assertion-claims', 'The assertion has no aud; it must name the token endpoint (or the issuer).');
  if (c.jti === undefined) add('client.assertion-claims', 'The assertion has no jti; most servers require a unique one to stop replays.');
  if (r.times.every((t) => t.claim !== 'exp')) add('client.assertion-claims', 'The assertion has no exp; it is required (RFC 7523 §3).');
  if (r.lifetimeSeconds !== undefined && r.lifetimeSeconds > LONG_LIFETIME_SECONDS) {
    add('client.assertion-claims', `Its lifetime is ${duration(r.lifetimeSeconds)}; servers cap assertions at minutes to a day.`);
  }
}

/** One line for a CodeLens: "JWT · RS256 · access token · expired 3 h ago". */
export function summarize(r: TokenReport, causes: readonly CauseRef[], now: number): string {
  const h = r.header ?? {};
  const parts: string[] = [];
  if (r.format === 'jwe') {
    parts.push('JWE', `${claimText(h.alg)} / ${claimText(h.enc)}`, r.decryption?.status === 'decrypted' ? 'decrypted' : 'encrypted');
    if (r.decryption?.status === 'decrypted' && r.type.type !== 'unknown') parts.push(r.type.label.replace(/ \(.*$/, '').replace(/, encrypted.*$/, ''));
    else if (r.decryption?.status === 'failed') parts.push('does not decrypt');
  } else {
    parts.push('JWT', claimText(h.alg ?? '?'));
    if (r.type.type !== 'unknown') parts.push(r.type.label.replace(/ \(.*\)$/, ''));
  }
  const top = causes[0]?.id;
  const exp = r.times.find((t) => t.claim === 'exp');
  if (r.damage.some((d) => d.kind === 'truncated')) parts.push('truncated');
  else if (top === 'token.altered') parts.push(r.damage.find((d) => d.kind !== 'truncated')?.kind.replace('-', ' ') ?? 'altered');
  else if (top === 'token.malformed') parts.push('malformed');
  if (exp?.seconds !== undefined) {
    parts.push(exp.seconds < now ? `expired ${duration(now - exp.seconds)} ago` : `expires in ${duration(exp.seconds - now)}`);
  }
  const nbf = r.times.find((t) => t.claim === 'nbf');
  if (nbf?.seconds !== undefined && nbf.seconds > now) parts.push(`not valid for ${duration(nbf.seconds - now)}`);
  const sig = r.format === 'jwe' ? (r.decryption?.status === 'decrypted' ? r.nested?.signature : undefined) : r.signature;
  if (sig?.status === 'verified') parts.push('signature verified');
  else if (sig?.status === 'invalid') parts.push('signature invalid');
  else if (sig?.status === 'no-key' && sig.kidMissing) parts.push('kid not in the keys');
  if (top === 'token.algorithm') parts.push(typeof h.alg === 'string' && h.alg.toLowerCase() === 'none' ? 'unsigned' : 'algorithm not allowed');
  else if (top === 'client.assertion-claims') parts.push('assertion claims wrong');
  else if (top === 'token.wrong-type') parts.push('wrong token type');
  return parts.join(' · ');
}
