/**
 * Redaction: what of a token may be shown, copied into a bug report or logged.
 * Pure (no vscode, no Node built-ins); never throws.
 *
 * A redacted token keeps what a diagnosis needs (the header, issuer, audience,
 * times, scopes, client ids) and masks what identifies a person or lets the
 * token be replayed: personal claims and the signature. It stays a compact
 * token, so anyone can paste it into a decoder and see the same structure.
 */
import { base64url } from 'jose';
import type { TokenReport } from './model';

/** Claims that identify a person (OpenID Connect standard claims and common vendor ones). */
const PERSONAL_CLAIMS: ReadonlySet<string> = new Set([
  'sub',
  'name',
  'given_name',
  'family_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'email',
  'phone_number',
  'address',
  'birthdate',
  'gender',
  'picture',
  'profile',
  'website',
  'zoneinfo',
  'oid',
  'upn',
  'unique_name',
  'username',
  'cognito:username',
  'uid',
  'login_hint',
  'ipaddr',
  'ip',
  'sid',
  'session_state',
  'employee_id',
]);

/** What a masked value is replaced with. */
export const MASK = '<redacted>';
/** What replaces the signature (and a JWE's key, IV, ciphertext and tag). */
export const SIGNATURE_MASK = 'REDACTED';

/** Whether a claim is personal and is masked in a redacted token. */
export function isPersonalClaim(name: string): boolean {
  return PERSONAL_CLAIMS.has(name) || /(^|_)(email|phone|name|address)$/i.test(name);
}

/** Looks like a compact token (a nested token or a refresh token in a claim): masked too. */
function looksLikeToken(v: unknown): boolean {
  return typeof v === 'string' && /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\./.test(v);
}

/** A copy of the claims with personal values and embedded tokens masked. */
export function redactClaims(claims: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(claims)) {
    // defineProperty: a claim named __proto__ is a claim like any other, not the object's prototype.
    Object.defineProperty(out, k, { value: isPersonalClaim(k) || looksLikeToken(v) ? MASK : v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function encodeJson(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}

/**
 * A redacted compact token rebuilt from a decoded report: header as decoded,
 * claims with personal values masked, signature replaced. For a JWE only the
 * header is kept. Parts that did not decode are replaced by the mask.
 */
export function redactToken(report: TokenReport): string {
  const header = report.header ? encodeJson(report.header) : SIGNATURE_MASK;
  if (report.format === 'jwe') return [header, SIGNATURE_MASK, SIGNATURE_MASK, SIGNATURE_MASK, SIGNATURE_MASK].join('.');
  const payload = report.claims ? encodeJson(redactClaims(report.claims)) : SIGNATURE_MASK;
  return `${header}.${payload}.${SIGNATURE_MASK}`;
}

/**
 * Text safe for a log line or an error message: every compact token in it is
 * cut to its first 10 characters. Linear in the text.
 */
export function redactText(text: string): string {
  return text.replace(/eyJ[A-Za-z0-9_-]{0,}(?:\.[A-Za-z0-9_-]*){1,4}/g, (t) => `${t.slice(0, 10)}…[${t.length} chars redacted]`);
}
