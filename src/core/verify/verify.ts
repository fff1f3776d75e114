/**
 * Checks the signature of a compact JWS with keys the user gave, through
 * jose alone: ./select picks the candidates, jose imports each and verifies.
 * A key carried in the token (jwk, x5c) is never used: a token that brings
 * its own key proves nothing by verifying with it. `crit` is checked as
 * RFC 7515 §4.1.11 says, and extensions nobody here understands are named.
 *
 * Pure (Web Crypto through jose), asynchronous, never throws.
 */
import { compactVerify, errors, importJWK } from 'jose';
import type { KeyAttempt, SignatureResult } from '../model';
import { decodeHeader } from '../jwt/structure';
import { publicJwk, type UserKey } from './keys';
import { printableDeep } from './printable';
import { selectForJws } from './select';

/** Header parameters RFC 7515 and RFC 7518 define: crit must not list them. */
const REGISTERED = new Set([
  'alg',
  'jku',
  'jwk',
  'kid',
  'x5u',
  'x5c',
  'x5t',
  'x5t#S256',
  'typ',
  'cty',
  'crit',
  'enc',
  'zip',
  'epk',
  'apu',
  'apv',
  'iv',
  'tag',
  'p2s',
  'p2c',
]);
/** Extensions jose implements (RFC 7797). */
const UNDERSTOOD = new Set(['b64']);

/** What is wrong with crit, when it is present and malformed; the extension names otherwise. */
export function readCrit(header: Record<string, unknown>): { problem?: string; names: string[] } {
  const crit = header.crit;
  if (crit === undefined) return { names: [] };
  if (!Array.isArray(crit) || crit.length === 0 || crit.some((c) => typeof c !== 'string' || c === ''))
    return { problem: 'crit must be a non-empty array of parameter names', names: [] };
  const names = crit as string[];
  if (new Set(names).size !== names.length) return { problem: 'crit lists a parameter twice', names };
  const registered = names.filter((n) => REGISTERED.has(n));
  if (registered.length) return { problem: `crit lists ${registered.join(', ')}, which JOSE defines itself and crit must not name`, names };
  const absent = names.filter((n) => header[n] === undefined);
  if (absent.length) return { problem: `crit lists ${absent.join(', ')}, which the header does not carry`, names };
  return { names };
}

/** Notes about keys the token carries or points at: never used, and why. */
export function embeddedKeyNotes(header: Record<string, unknown>): string[] {
  const notes: string[] = [];
  if (header.jwk !== undefined)
    notes.push('The header carries its own key (jwk). It was not used: a token that brings its own key proves nothing by verifying with it.');
  if (header.x5c !== undefined)
    notes.push(
      'The header carries a certificate chain (x5c). It was not used: without checking that chain against a trusted root, a key the token brings proves nothing.',
    );
  for (const k of ['jku', 'x5u'] as const) {
    if (typeof header[k] === 'string')
      notes.push(
        `The header names a key URL (${k}: ${header[k]}). It was not fetched: the token chose it, so keys from it prove nothing unless you trust that host; fetch it yourself only if you do.`,
      );
  }
  return notes;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Why jose refused a key or a token, in words; `invalid` when it is a failed signature. */
function outcomeOf(err: unknown): { invalid: boolean; text: string } {
  if (err instanceof errors.JWSSignatureVerificationFailed) return { invalid: true, text: 'the signature does not verify with this key' };
  if (err instanceof errors.JOSENotSupported) return { invalid: false, text: `not supported: ${message(err)}` };
  const m = message(err);
  if (/modulusLength|2048 bits/i.test(m)) return { invalid: false, text: `refused: ${m}` };
  return { invalid: false, text: `cannot use this key: ${m}` };
}

function keyName(key: UserKey): string {
  return key.untrusted ? `${key.name} (${key.untrusted})` : key.name;
}

/** Checks `compact` with the keys; the result names keys, never holds them, and every text in it is printable. */
export async function verifyJws(compact: string, keys: readonly UserKey[]): Promise<SignatureResult> {
  return printableDeep(await verifyUnsafe(compact, keys));
}

async function verifyUnsafe(compact: string, keys: readonly UserKey[]): Promise<SignatureResult> {
  const parts = compact.split('.');
  const header = parts.length === 3 ? decodeHeader(parts[0]!) : undefined;
  if (!header) return { status: 'unsupported', reason: 'this is not a whole compact JWS (three segments with a JSON header)', tried: [], notes: [] };
  const alg = header.alg as string;
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const notes = embeddedKeyNotes(header);
  const base = { alg, ...(kid ? { kid } : {}) };
  const crit = readCrit(header);
  if (crit.problem)
    return {
      ...base,
      status: 'unsupported',
      reason: `${crit.problem}; a receiver must reject the token whatever its signature`,
      tried: [],
      notes,
    };
  const critUnknown = crit.names.filter((n) => !UNDERSTOOD.has(n));
  const sel = selectForJws(header, keys);
  const extra = {
    ...(sel.kidsAvailable.length ? { kidsAvailable: sel.kidsAvailable } : {}),
    ...(critUnknown.length ? { critUnknown } : {}),
  };
  if (critUnknown.length)
    notes.push(
      `crit lists ${critUnknown.join(', ')}: a receiver that does not understand ${critUnknown.length === 1 ? 'it' : 'them'} must reject the token, whatever its signature.`,
    );
  if (sel.verdict) {
    return { ...base, ...extra, status: sel.verdict.status, reason: sel.verdict.reason, tried: [], notes, ...(sel.kidMissing ? { kidMissing: true } : {}) };
  }
  const tried: KeyAttempt[] = [];
  const critOption = Object.fromEntries(crit.names.map((n) => [n, true]));
  let firstInvalid: { key: UserKey; why: string } | undefined;
  for (const c of sel.candidates) {
    try {
      const key = await importJWK(publicJwk(c.key.jwk), alg);
      await compactVerify(compact, key, { algorithms: [alg], ...(crit.names.length ? { crit: critOption } : {}) });
      tried.push({ key: keyName(c.key), why: c.why, outcome: 'verified' });
      if (c.key.untrusted) notes.push(`The key came from ${c.key.untrusted}: the signature is only as trustworthy as that source.`);
      const keyKid = typeof c.key.jwk.kid === 'string' ? c.key.jwk.kid : undefined;
      return {
        ...base,
        ...extra,
        ...(kid || keyKid ? { kid: kid ?? keyKid } : {}),
        status: 'verified',
        key: keyName(c.key),
        chosenBy: c.why,
        reason: `verified with ${keyName(c.key)} (${c.why})`,
        tried,
        notes,
      };
    } catch (err) {
      const o = outcomeOf(err);
      tried.push({ key: keyName(c.key), why: c.why, outcome: o.text });
      if (o.invalid) firstInvalid ??= c;
    }
  }
  if (firstInvalid) {
    const only = tried.length === 1;
    return {
      ...base,
      ...extra,
      status: 'invalid',
      key: keyName(firstInvalid.key),
      chosenBy: firstInvalid.why,
      reason: only
        ? `the signature does not verify with ${keyName(firstInvalid.key)} (${firstInvalid.why})`
        : `the signature verifies with none of the ${tried.length} matching keys`,
      tried,
      notes,
    };
  }
  return {
    ...base,
    ...extra,
    status: 'unsupported',
    reason: `no matching key could be used: ${tried.map((t) => `${t.key}: ${t.outcome}`).join('; ')}`,
    tried,
    notes,
  };
}
