/**
 * `causes[].established` (../shared/contract.md): whether the text itself
 * establishes a cause, read from what the engine already reports. A token's
 * own causes come from its decoded text: a readable exp in the past, an nbf
 * or iat in the future, a cut-off or damaged token, a segment that does not
 * decode, `alg: none`, wrong claims in a client assertion. The mistakes of a
 * token request are in the request's text. What an error response suggests
 * stays suspected. Established causes come first, in the engine's order.
 */
import { isTokenFinding, type CauseRef, type Finding, type TokenReport } from '../core/model';

export interface CauseOut extends CauseRef {
  readonly established: boolean;
}

function tokenEstablishes(id: string, t: TokenReport, now: number, leeway: number): boolean {
  const time = (claim: string) => t.times.find((x) => x.claim === claim)?.seconds;
  switch (id) {
    case 'token.expired': {
      const exp = time('exp');
      return exp !== undefined && exp + leeway < now;
    }
    case 'token.not-yet-valid': {
      const nbf = time('nbf');
      const iat = time('iat');
      return (nbf !== undefined && nbf - leeway > now) || (iat !== undefined && iat - leeway > now);
    }
    case 'token.truncated':
      return t.damage.some((d) => d.kind === 'truncated');
    case 'token.altered':
      return t.damage.some((d) => d.kind !== 'truncated' && d.kind !== 'standard-base64' && d.kind !== 'padding');
    case 'token.malformed':
      return (
        t.segmentErrors.length > 0 ||
        t.damage.some((d) => d.kind === 'standard-base64' || d.kind === 'padding') ||
        t.times.some((x) => x.problem !== undefined && x.problem !== 'fractional')
      );
    case 'token.algorithm':
      return typeof t.header?.alg === 'string' && t.header.alg.toLowerCase() === 'none';
    case 'client.assertion-claims':
      return t.type.type === 'client-assertion' && t.claims !== undefined;
    default:
      return false;
  }
}

/** The finding's causes with `established`, established ones first (otherwise in the engine's order). */
export function causesOut(f: Finding, now: number, leeway: number): CauseOut[] {
  const causes = f.causes;
  if (!causes.length) return [];
  let out: CauseOut[];
  if (f.kind === 'token-request') out = causes.map((c) => ({ id: c.id, evidence: c.evidence, established: true }));
  else if (isTokenFinding(f)) {
    const t = f.token;
    // The engine marks what a check with the user's keys proves (a failed signature, a forbidden alg, the token inside a JWE).
    out = causes.map((c) => ({ id: c.id, evidence: c.evidence, established: c.established === true || tokenEstablishes(c.id, t, now, leeway) }));
  } else out = causes.map((c) => ({ id: c.id, evidence: c.evidence, established: false }));
  if (out.some((c, i) => c.established && i > 0 && !out[i - 1]!.established)) {
    out = [...out.filter((c) => c.established), ...out.filter((c) => !c.established)];
  }
  return out;
}
