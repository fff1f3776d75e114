import type { CauseId, CauseRef } from '../model';
import { redactText } from '../redact';
import { codeInfo, rfcDescribed, statusInfo, type Ctx } from '../knowledge/oauthCodes';
import type { Signal } from './signals';
import { topicCause, topicsOf } from '../knowledge/wording';

/** Accumulates scores and evidence per cause. */
export class Scores {
  private readonly m = new Map<CauseId, { score: number; evidence: string[]; specific: boolean; established: boolean; order: number }>();
  private n = 0;
  add(id: CauseId, score: number, evidence?: string, specific = false): void {
    let e = this.m.get(id);
    if (!e) {
      e = { score: 0, evidence: [], specific: false, established: false, order: this.n++ };
      this.m.set(id, e);
    }
    e.score += score;
    if (specific) e.specific = true;
    if (evidence && !e.evidence.includes(evidence) && e.evidence.length < 6) e.evidence.push(evidence);
  }
  /** The text itself establishes this cause: it comes first whatever the other scores. */
  establish(id: CauseId): void {
    const e = this.m.get(id);
    if (e) e.established = true;
  }
  has(id: CauseId): boolean {
    return this.m.has(id);
  }
  score(id: CauseId): number {
    return this.m.get(id)?.score ?? 0;
  }
  isSpecific(id: CauseId): boolean {
    return this.m.get(id)?.specific ?? false;
  }
  ranked(max = 6): CauseRef[] {
    return [...this.m.entries()]
      .filter(([, v]) => v.score > 0)
      .sort((a, b) => Number(b[1].established) - Number(a[1].established) || b[1].score - a[1].score || a[1].order - b[1].order)
      .slice(0, max)
      .map(([id, v]) => (v.established ? { id, evidence: v.evidence, established: true } : { id, evidence: v.evidence }));
  }
}

const VENDOR_W = [120, 95, 80, 70, 60, 50, 45, 40];
/** A message rule of no provider (common wording such as "Too Many Requests"): as strong as the wording. */
const RULE_W = [80, 63, 53, 46, 40, 33, 30, 26];
/** A provider catalog entry the text names: its own order holds against the error code, the wording and the status. */
const CATALOG_W = [400, 300, 250, 220, 200, 180, 160, 140];
/** Catalog wording several providers use, or of a provider the text does not name: weak evidence. */
const WEAK_W = [15, 12, 10, 8, 6, 5, 4, 3];
/** A wrapper (an exception class, an event type): the error it carries says more. */
const WRAP_W = [45, 35, 28, 24, 20, 16, 14, 12];
const CODE_W = [75, 55, 45, 38, 32, 26, 22, 18];
const STATUS_W = [25, 20, 16, 13, 10, 8, 6];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function quote(s: string, max = 140): string {
  // Evidence quotes the error's own words: a token among them is cut to its first characters, and a long quote at a word.
  const t = redactText(s.replace(/\s+/g, ' ').trim());
  if (t.length <= max) return `"${t}"`;
  const cut = t.lastIndexOf(' ', max - 1);
  return `"${t.slice(0, cut > max / 2 ? cut : max - 1)}…"`;
}

const GRANT_WORDS_RE = /\brefresh[_ ]token\b|\bauthori[sz]ation code\b/i;

export const DEVICE_RE = /device_code|device code|user_code|authorization_pending|device flow|device authori[sz]ation|grant-type:device/i;

export interface Ranked {
  causes: CauseRef[];
  ctx: Ctx;
  /** True when the first cause rests on something specific (a vendor code, the wording, a token). */
  specific: boolean;
}

/**
 * Ranks the causes of one incident from all its signals: vendor codes and
 * messages first, then the error code, the description's wording, the status.
 */
export function rankSignals(sigs: readonly Signal[], error: string | undefined, deviceFlow: boolean, stated = true): Ranked {
  const sc = new Scores();
  const status = sigs.find((s) => s.status !== undefined)?.status;
  const vendor = sigs.filter((s) => s.causes && s.causes.length);
  const info = codeInfo(error);
  // Where the error happened: a provider's entry or rule says it best (a wrapper does not), then the
  // error code, then a rule of common wording, then the status.
  const said = vendor.filter((s) => s.ctx && s.ctx !== 'unknown' && !s.catalog?.wraps);
  let ctx: Ctx = said.find((s) => s.provider)?.ctx ?? info?.ctx ?? said[0]?.ctx ?? (status ? statusInfo(status)?.ctx : undefined) ?? 'unknown';
  // expired_token is the device flow's "device code expired" at a token endpoint (RFC 8628).
  let codeCauses = info?.causes;
  // An API answers an expired access token with invalid_token (RFC 6750); expired_token in a 400 or 403
  // comes from a token endpoint, where it is the device code that expired.
  if (error === 'expired_token' && (deviceFlow || status === 400 || status === 403)) {
    ctx = 'device';
    codeCauses = ['grant.device-expired'];
  }
  if (info && !vendor.length && info.ctx !== ctx && ctx !== 'device') ctx = info.ctx;
  // Words about a refresh token or an authorization code place an error of unknown place at the token endpoint.
  if (ctx === 'unknown' && [...sigs].some((s) => s.description && GRANT_WORDS_RE.test(s.description))) ctx = 'grant';

  // Wording several providers use speaks only once something else has (see below).
  const weak = vendor.filter((v) => v.catalog && v.catalog.strength < 2);
  // One entry counts once, however many lines of the incident repeat it.
  const counted = new Set<string>();
  for (const v of vendor) {
    if (v.catalog && v.catalog.strength < 2) continue;
    const id = `${v.label}\u0000${v.causes!.join()}\u0000${v.meaning ?? ''}`;
    if (counted.has(id)) continue;
    counted.add(id);
    const label = v.label ?? v.provider ?? 'message';
    const cat = v.catalog;
    // A wrapper (an exception class, an event type) says little: its causes stand only when nothing more specific speaks.
    const wrapped = cat?.wraps === true;
    const w = !cat ? (v.provider ? VENDOR_W : RULE_W) : wrapped ? WRAP_W : cat.strength >= 2 ? CATALOG_W : WEAK_W;
    // A catalog entry's evidence is what the code means (and, for its first cause, what to do);
    // other rules quote the message they read.
    const said = cat && v.meaning ? `${label}: ${v.meaning}` : `${label}${v.description ? ' says ' + quote(v.description, 120) : ''}`;
    v.causes!.forEach((id, i) => {
      sc.add(id, w[i] ?? w[w.length - 1]!, said, true);
      if (i === 0 && cat && v.fix) sc.add(id, 0, `what to do for ${v.vendorCode ?? v.provider ?? 'it'}: ${v.fix}`);
    });
    if (cat && cat.strength >= 2 && !wrapped && v.causes!.length === 1) sc.establish(v.causes![0]!);
  }
  if (codeCauses && error) {
    // An error only implied by a provider's catalog entry adds little to what the entry says itself.
    const k = stated || !vendor.some((v) => v.catalog && v.catalog.strength >= 2 && v.impliedError === error) ? 1 : 0.25;
    // The code's meaning is evidence for the cause it stands for first; for the others the code
    // is only compatible with them (unauthorized_client says "authenticated" of a client that
    // may not have authenticated at all). A provider entry's own evidence makes it redundant there.
    const entry = vendor.find((v) => v.catalog && v.catalog.strength >= 2 && !v.catalog.wraps);
    codeCauses.forEach((id, i) => {
      const said = entry?.causes?.includes(id)
        ? undefined
        : i === 0
          ? `error is "${error}"${info ? ': ' + info.meaning : ''}`
          : `error "${error}" is also returned for this`;
      sc.add(id, (CODE_W[i] ?? 14) * k, said);
    });
  }
  // The wording of descriptions and messages.
  const texts = new Set<string>();
  for (const s of sigs) if (s.description) texts.add(s.description);
  // A vendor rule or a provider's catalog entry already read its message; its words only nudge.
  // (A rule of common wording, "Too Many Requests", is itself wording: it does not read for the others.)
  const interpreted = new Set(
    vendor.filter((v) => (!v.catalog && v.provider) || (v.catalog && v.catalog.strength >= 2 && !v.catalog.wraps)).map((v) => v.description),
  );
  // A wrapper's own words (an error occurred while attempting to decode the Jwt) say nothing of
  // what it wraps: only the rest of its message is read for topics.
  const wrappers = vendor.filter((v) => v.catalog?.wraps && v.catalog.found.length > 8);
  for (const t of texts) {
    // An RFC description quoted as it stands ("The request is missing a required parameter, ...") is
    // the code's own definition: its words name every cause of the code at once, so none of them.
    if (rfcDescribed(t.toLowerCase())) continue;
    let read = t;
    for (const w of wrappers) if (w.description === t) read = read.replace(new RegExp(escapeRe(w.catalog!.found), 'ig'), ' ');
    const hits = topicsOf(read);
    const known = interpreted.has(t);
    const scale = (hits.length >= 3 ? 0.6 : 1) * (known ? 0.3 : 1);
    const perCause = new Set<CauseId>();
    for (const h of hits) {
      const id = topicCause(h.topic, ctx);
      // Words of a message a provider entry already read only reorder the causes found.
      if (!id || (known && !sc.has(id))) continue;
      const first = !perCause.has(id);
      perCause.add(id);
      sc.add(id, (first ? h.weight : 10) * scale, `the message says ${quote(t, 120)} ("${h.words}")`, true);
    }
  }
  // No status stated: the wording may imply one ("Unauthorized", "Forbidden").
  let implied: number | undefined;
  if (status === undefined) {
    const all = [...texts].join(' ');
    if (/\b(?:unauthori[sz]ed|unauthenticated|not authenticated|authentication (?:failed|required)|(?:failed|unable|could not) to authenticate)\b/i.test(all))
      implied = 401;
    else if (/\b(?:forbidden|access (?:is )?denied|not authori[sz]ed|permission denied)\b/i.test(all)) implied = 403;
    if (implied) {
      const si = statusInfo(implied)!;
      si.causes.forEach((id, i) => sc.add(id, STATUS_W[i] ?? 5, `the message says ${quote(all, 80)}: ${si.meaning}`));
    }
  }
  if (status !== undefined) {
    const si = statusInfo(status);
    // The error code outranks the status: with one, the status only refines the order.
    const k = error ? 0.5 : 1;
    if (si) si.causes.forEach((id, i) => sc.add(id, (STATUS_W[i] ?? 5) * k, `HTTP status ${status}: ${si.meaning}`));
  }
  // RFC 6750 §3.1: a Bearer challenge without an error code answers a request without credentials.
  for (const s of sigs) {
    if (!s.challenges) continue;
    for (const ch of s.challenges) {
      const scheme = ch.scheme.toLowerCase();
      if ((scheme === 'bearer' || scheme === 'dpop') && !ch.params.has('error') && status !== 403 && !sigs.some((x) => x.error)) {
        sc.add('token.missing', 90, `WWW-Authenticate: ${ch.scheme} carries no error code, which RFC 6750 reserves for requests that sent no token`, true);
      }
      if (scheme === 'dpop') sc.add('token.dpop', 30, `the server offers the DPoP scheme`);
      // Basic, Digest, Negotiate...: the server wants another kind of credential than a token.
      if (
        scheme !== 'bearer' &&
        scheme !== 'dpop' &&
        s.label !== 'Proxy-Authenticate' &&
        status !== 407 &&
        !ch.params.has('error') &&
        !sigs.some((x) => x.error)
      ) {
        const ask = `WWW-Authenticate: ${ch.scheme} asks for ${scheme === 'basic' ? 'a user name and password (or client_id and secret)' : `${ch.scheme} credentials`}`;
        sc.add('token.missing', 60, `${ask}: none were sent in that scheme, or the request went to an endpoint that does not take Bearer tokens`, true);
        sc.add('client.authentication-failed', 35, `${ask}: at a token endpoint this is client_secret_basic failing`);
        sc.add('apikey.invalid', 20, `${ask}: some APIs take their key as the Basic user name`);
      }
      const req = ch.params.get('scope');
      if (req && sc.has('token.insufficient-scope')) sc.add('token.insufficient-scope', 5, `the challenge asks for scope "${req}"`);
    }
  }
  for (const s of sigs) {
    const ra = s.fields?.['retry-after'];
    if (ra) {
      const k = error ? 0.3 : 1;
      if (status === 503) sc.add('server.unavailable', 30 * k, `Retry-After: ${ra}`);
      else sc.add('server.rate-limited', (status === 429 ? 30 : 15) * k, `Retry-After: ${ra}`);
    }
  }
  // Catalog wording of a provider the text does not name: a tie-breaker among causes found otherwise.
  if (sc.ranked(1).length) {
    for (const v of weak) v.causes!.forEach((id, i) => sc.add(id, WEAK_W[i] ?? 2, `${v.label ?? 'the message'} is wording some providers use for this`));
  }
  const causes = sc.ranked();
  return { causes, ctx, specific: causes.length > 0 && sc.isSpecific(causes[0]!.id) };
}

/** A short phrase per cause for one-line summaries. */
export const CAUSE_SHORT: Record<CauseId, string> = {
  'token.expired': 'token expired',
  'token.not-yet-valid': 'token not yet valid',
  'token.malformed': 'token malformed',
  'token.truncated': 'token truncated',
  'token.altered': 'token altered in transit',
  'token.missing': 'no token sent',
  'token.revoked': 'token revoked or unknown',
  'token.wrong-audience': 'token for another audience',
  'token.wrong-issuer': 'token from another issuer',
  'token.signature': 'signature does not verify',
  'token.algorithm': 'algorithm missing or not allowed',
  'token.wrong-type': 'wrong kind of token',
  'token.insufficient-scope': 'scope or permission missing',
  'token.dpop': 'DPoP proof or nonce needed',
  'client.authentication-failed': 'client authentication failed',
  'client.unauthorized': 'client not allowed',
  'client.assertion-claims': 'client assertion claims wrong',
  'client.assertion-type': 'client_assertion_type wrong',
  'grant.invalid': 'code or refresh token rejected',
  'grant.unsupported': 'grant type not supported',
  'grant.pending': 'waiting for the user',
  'grant.device-expired': 'device code expired',
  'request.invalid': 'malformed request',
  'request.invalid-scope': 'scope rejected',
  'request.redirect-uri': 'redirect URI mismatch',
  'request.state': 'state mismatch',
  'request.access-denied': 'access denied',
  'request.interaction-required': 'user interaction required',
  'request.unsupported-response-type': 'response type not allowed',
  'server.error': 'server error',
  'server.unavailable': 'service unavailable',
  'server.rate-limited': 'rate limited',
  'transport.tls': 'TLS certificate problem',
  'transport.network': 'network failure',
  'transport.proxy-altered': 'proxy changed the request',
  'apikey.invalid': 'API key rejected',
};
