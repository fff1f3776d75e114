/**
 * Ranking error findings with the tokens near them: an expired token next to a
 * 401 makes expiry the likely cause. (Was context.ts; "context" also names the
 * OAuth stage of an error, Ctx, and the inputs of the fix rules.)
 */
import { nearestFinding } from '../findingIndex';
import { claimText } from '../jwt/claims';
import { type CauseId, type CauseRef, type ErrorFinding, type Finding, type AnalysisOptions, isTokenFinding, problemOf, tokenOf } from '../model';
import { codeInfo, ctxOfCause, type Ctx } from '../knowledge/oauthCodes';

const NEAR = 4096;

/** Causes that say why another happened: a token showing one may outrank the other even where the error establishes it. */
const REFINES: Partial<Record<CauseId, readonly CauseId[]>> = {
  'client.authentication-failed': ['client.assertion-claims', 'client.assertion-type'],
  'token.malformed': ['token.truncated', 'token.altered'],
  'token.signature': ['token.algorithm'],
};

/** Where the problem sits in the OAuth picture, read back from a finding. */
export function findingCtx(f: Finding): Ctx {
  const info = codeInfo(f.error);
  if (info) return info.ctx;
  return ctxOfCause(f.causes[0]?.id);
}

function label(t: Finding): string {
  return tokenOf(t)?.type?.label ?? (t.kind === 'jwe' ? 'encrypted token' : 'token');
}

/**
 * Re-ranks problem findings using the tokens found in the same document.
 * A token in the same response (or within a few KB) counts most; otherwise the
 * nearest token anywhere counts a little. Returns new finding objects in the
 * same order.
 */
export function rankWithTokens(problems: ErrorFinding[], tokens: readonly Finding[], text: string, options: AnalysisOptions): ErrorFinding[] {
  const toks = tokens.filter(isTokenFinding).sort((a, b) => a.start - b.start);
  if (!toks.length) return problems;
  return problems.map((p) => rerank(p, toks, text, options));
}

/** How many tokens on each side of a problem are looked at (keeps ranking linear). */
const MAX_NEIGHBOURS = 32;

/** For client errors the token that matters is a client assertion. */
const isAssertion = (t: Finding): boolean => tokenOf(t)?.type?.type === 'client-assertion';
/** For the others, any token a resource server or token endpoint gets: not an assertion, DPoP proof or logout token. */
const isPresented = (t: Finding): boolean => {
  const ty = tokenOf(t)?.type?.type;
  return ty !== 'client-assertion' && ty !== 'dpop-proof' && ty !== 'logout-token';
};

function rerank(p: ErrorFinding, toks: Finding[], _text: string, options: AnalysisOptions): ErrorFinding {
  const ctx = findingCtx(p);
  if (ctx === 'transport' || ctx === 'rate' || ctx === 'server' || ctx === 'device') return p;
  // The nearest token of the kind that matters for this context.
  const best = nearestFinding(p, toks, ctx === 'client' ? isAssertion : isPresented, MAX_NEIGHBOURS);
  if (!best) return p;
  const near = best.distance <= NEAR;
  const weight = near ? 1 : 0.5;
  const where = near ? 'the nearby' : 'the';
  const t = best.finding;
  const scores = new Map<CauseId, { score: number; evidence: string[] }>();
  // A cause the error text itself establishes (a provider code that means exactly it) stays first,
  // unless the token shows a cause that says why it happened (the client did not authenticate
  // because its assertion's claims are wrong).
  p.causes.forEach((c, i) => scores.set(c.id, { score: (c.established ? 10_000 : 0) + 100 - i * 12, evidence: [...c.evidence] }));
  const established = p.causes.find((c) => c.established)?.id;
  const bump = (id: CauseId, by: number, ev: string | readonly string[]): void => {
    const e = scores.get(id) ?? { score: 0, evidence: [] };
    e.score += by + (established && id !== established && REFINES[established]?.includes(id) && e.score < 10_000 ? 10_000 : 0);
    for (const x of typeof ev === 'string' ? [ev] : ev) if (!e.evidence.includes(x) && e.evidence.length < 8) e.evidence.unshift(x);
    scores.set(id, e);
  };
  const tCauses = t.causes ?? [];
  const tl = label(t);
  if (ctx === 'client') {
    for (const [i, c] of tCauses.entries()) {
      const id: CauseId | null =
        c.id === 'client.assertion-claims' || c.id === 'client.assertion-type'
          ? c.id
          : c.id === 'token.expired' || c.id === 'token.not-yet-valid' || c.id === 'token.wrong-audience' || c.id === 'token.wrong-issuer'
            ? 'client.assertion-claims'
            : c.id === 'token.algorithm' || c.id === 'token.malformed'
              ? c.id
              : c.id === 'token.signature'
                ? 'client.authentication-failed'
                : null;
      if (id)
        bump(
          id,
          (150 - i * 15) * weight,
          c.evidence.map((e) => `${where} client assertion: ${e}`),
        );
    }
  } else if (ctx === 'grant') {
    // A refresh token that is itself expired still means invalid_grant; add the evidence.
    // An access token nearby says nothing about the grant being exchanged.
    if (tokenOf(t)?.type?.type === 'refresh-token') {
      for (const c of tCauses) {
        if (c.id === 'token.expired' && scores.has('grant.invalid'))
          bump(
            'grant.invalid',
            5,
            c.evidence.map((e) => `${where} ${tl}: ${e}`),
          );
      }
    }
  } else {
    const ty = tokenOf(t)?.type?.type;
    if ((ty === 'id-token' || ty === 'refresh-token') && (ctx === 'resource' || ctx === 'unknown')) {
      bump('token.wrong-type', 140 * weight, `${where} token is ${tl} (${tokenOf(t)?.type?.reason ?? 'by its claims'}), not an access token`);
    }
    for (const [i, c] of tCauses.entries()) {
      if (!c.id.startsWith('token.') && c.id !== 'transport.proxy-altered') continue;
      if (c.id === 'token.insufficient-scope' && !scores.has('token.insufficient-scope')) continue;
      bump(
        c.id,
        (160 - i * 15) * weight,
        c.evidence.map((e) => `${where} ${tl}: ${e}`),
      );
    }
    // A token that is plainly within its lifetime makes expiry unlikely.
    const exp = tokenOf(t)?.times?.find((x) => x.claim === 'exp');
    if (exp?.seconds !== undefined && !tCauses.some((c) => c.id === 'token.expired')) {
      if (exp.seconds > options.now + options.leeway && scores.has('token.expired')) {
        const e = scores.get('token.expired')!;
        e.score -= 45 * weight;
        e.evidence.unshift(`${where} ${tl} is not expired (exp ${exp.iso ?? exp.seconds}${exp.relative ? ', ' + exp.relative : ''})`);
      }
    }
    // Insufficient scope: say what the token does carry.
    if (scores.has('token.insufficient-scope')) {
      const sc = tokenOf(t)?.claims?.['scope'] ?? tokenOf(t)?.claims?.['scp'] ?? tokenOf(t)?.claims?.['roles'];
      if (sc !== undefined) {
        const granted = Array.isArray(sc) ? sc.join(' ') : claimText(sc);
        const need = problemOf(p)?.fields?.['scope'];
        const missing = need ? need.split(/\s+/).filter((x) => x && !granted.split(/[\s,]+/).includes(x)) : [];
        bump(
          'token.insufficient-scope',
          missing.length ? 40 * weight : 0,
          missing.length ? `${where} ${tl} grants "${granted}" but not "${missing.join(' ')}"` : `${where} ${tl} grants "${granted}"`,
        );
      }
    }
  }
  // A check with the user's keys rules causes out: a nearby token that verifies did not fail its signature.
  const ruledOut: CauseRef[] = [];
  if (near && ctx !== 'client' && ctx !== 'grant') {
    for (const r of t.ruledOut ?? []) {
      if (!scores.has(r.id)) continue;
      scores.delete(r.id);
      ruledOut.push({ id: r.id, evidence: r.evidence.map((e) => `${where} ${tl}: ${e}`) });
    }
  }
  const causes: CauseRef[] = [...scores.entries()]
    .filter(([, v]) => v.score > 0)
    .sort((a, b) => b[1].score - a[1].score)
    .slice(0, 6)
    .map(([id, v]) => (v.score >= 10_000 ? { id, evidence: v.evidence, established: true } : { id, evidence: v.evidence }));
  if (ruledOut.length) return { ...p, causes, ruledOut: [...(p.ruledOut ?? []), ...ruledOut] };
  if (
    !causes.length ||
    (causes[0]!.id === p.causes[0]?.id &&
      causes.length === p.causes.length &&
      causes.every((c, i) => c.id === p.causes[i]?.id) &&
      causes.every((c, i) => c.evidence.length === p.causes[i]!.evidence.length))
  )
    return p;
  return { ...p, causes };
}
