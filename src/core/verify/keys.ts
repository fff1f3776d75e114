/**
 * Keys the user gives, read into one shape: a JWK (public or private, any
 * type) with a name. A PEM (SPKI public key, X.509 certificate, PKCS#8
 * private key) is imported and exported again by jose, a shared secret
 * becomes an `oct` JWK through jose's base64url, a JWK Set becomes one key
 * per member. Nothing here is hand-made crypto: jose imports and exports
 * every key, and the rest only reads JWK members.
 *
 * Pure (Web Crypto through jose, no Node built-ins), so the extension host,
 * a browser worker and the command line read keys alike.
 */
import { base64url, calculateJwkThumbprint, exportJWK, importPKCS8, importSPKI, importX509, type JWK } from 'jose';
import { printable } from './printable';

/** A key ready for checks, with what people call it. */
export interface UserKey {
  /** "orders-api (JWKS) · kid 2026-1", "key.pem", "secret from $HS_SECRET". */
  readonly name: string;
  readonly jwk: JWK;
  /** Only tokens whose iss is this are checked with it without being asked (see scopedTo). */
  readonly issuer?: string;
  /**
   * Set when the key came from a URL the token itself named (jku, x5u): the
   * token chose it, so a signature it verifies proves nothing unless the user
   * trusts that host. The text says so wherever the result is shown.
   */
  readonly untrusted?: string;
}

/** How the bytes of a shared secret are written: said explicitly, never guessed. */
export type SecretEncoding = 'utf8' | 'base64' | 'base64url';

export interface LoadedKeys {
  readonly keys: UserKey[];
  /** Why parts of the text gave no key ("PKCS#1 RSA PRIVATE KEY is not supported: convert it with …"). */
  readonly problems: string[];
}

const encoder = new TextEncoder();

/** The bytes of a shared secret written in `encoding`; undefined when the text is not that encoding. */
export function secretBytes(text: string, encoding: SecretEncoding): Uint8Array | undefined {
  if (encoding === 'utf8') return encoder.encode(text);
  const compact = text.replace(/\s+/g, '');
  if (!compact) return undefined;
  // Standard base64 differs from base64url only in two letters of its alphabet and its padding;
  // jose decodes the base64url spelling of the same bytes.
  if (encoding === 'base64' ? /[^A-Za-z0-9+/=]/.test(compact) : /[^A-Za-z0-9_\-=]/.test(compact)) return undefined;
  const url = compact.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  try {
    return base64url.decode(url);
  } catch {
    return undefined;
  }
}

/** A shared secret as a key (an `oct` JWK). */
export function secretKey(bytes: Uint8Array, name: string, extra: Partial<Pick<UserKey, 'issuer'>> & { kid?: string } = {}): UserKey {
  const jwk: JWK = { kty: 'oct', k: base64url.encode(bytes), ...(extra.kid ? { kid: extra.kid } : {}) };
  return { name, jwk, ...(extra.issuer ? { issuer: extra.issuer } : {}) };
}

/** Members that make a JWK private; the public key is the JWK without them. */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'priv'] as const;

export function isPrivate(jwk: JWK): boolean {
  return PRIVATE_MEMBERS.some((m) => (jwk as Record<string, unknown>)[m] !== undefined);
}

/** The public half of an asymmetric JWK (the same JWK when it is public or a secret). */
export function publicJwk(jwk: JWK): JWK {
  if (jwk.kty === 'oct' || !isPrivate(jwk)) return jwk;
  const out: Record<string, unknown> = { ...jwk };
  for (const m of PRIVATE_MEMBERS) delete out[m];
  return out;
}

/** Bytes of a base64url member, from its length (no decoding needed to size a key). */
function memberBytes(v: unknown): number {
  if (typeof v !== 'string') return 0;
  const n = v.replace(/=+$/, '').length;
  return Math.floor((n * 3) / 4);
}

/** "RSA 2048-bit public key", "EC P-256 private key", "256-bit shared secret", "Ed25519 public key". */
export function describeKey(jwk: JWK): string {
  const part = isPrivate(jwk) ? 'private key' : 'public key';
  switch (jwk.kty) {
    case 'oct':
      return `${memberBytes(jwk.k) * 8}-bit shared secret`;
    case 'RSA': {
      let bytes = memberBytes(jwk.n);
      // A leading zero byte in n does not count towards the modulus size.
      if (bytes % 2 === 1) bytes--;
      return `RSA ${bytes * 8}-bit ${part}`;
    }
    case 'EC':
      return `EC ${printable(String(jwk.crv ?? '?'), 20)} ${part}`;
    case 'OKP':
      return `${printable(String(jwk.crv ?? 'OKP'), 20)} ${part}`;
    case 'AKP':
      return `${typeof jwk.alg === 'string' ? printable(jwk.alg, 20) : 'ML-DSA'} ${part}`;
    default:
      return `${printable(String(jwk.kty), 20)} key`;
  }
}

/** The key's size in bytes when it is a shared secret, else undefined. */
export function secretLength(jwk: JWK): number | undefined {
  return jwk.kty === 'oct' ? memberBytes(jwk.k) : undefined;
}

/** The RFC 7638 thumbprint of the key's public half: how a key is recognised without showing it. */
export async function thumbprint(jwk: JWK): Promise<string | undefined> {
  if (jwk.kty === 'oct') return undefined;
  try {
    return await calculateJwkThumbprint(publicJwk(jwk));
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JWK as far as its shape goes: an object with a known kty and the members that type needs. */
function jwkProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'it is not a JSON object';
  const kty = v.kty;
  if (typeof kty !== 'string') return 'it has no kty';
  const need: Record<string, string[]> = { RSA: ['n', 'e'], EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'], oct: ['k'], AKP: ['pub'] };
  const members = need[kty];
  if (!members) return `kty ${JSON.stringify(kty)} is not a key type JOSE knows`;
  const absent = members.filter((m) => typeof v[m] !== 'string');
  if (absent.length) return `a ${kty} key needs ${absent.join(', ')}`;
  return undefined;
}

/** The name of one key of a set: the set's name with the key's kid, or its position. */
function memberName(base: string, jwk: JWK, index: number, count: number): string {
  if (typeof jwk.kid === 'string' && jwk.kid) return base === jwk.kid ? base : `${base} · kid ${printable(jwk.kid, 100)}`;
  return count === 1 ? base : `${base} · key ${index + 1}`;
}

/** Keys from a parsed JSON value: one JWK, or a JWK Set ({ "keys": [...] }). */
export function keysFromJson(value: unknown, name: string, extra: Pick<UserKey, 'issuer' | 'untrusted'> = {}): LoadedKeys {
  const problems: string[] = [];
  const list: unknown[] = isObject(value) && Array.isArray(value.keys) ? value.keys : [value];
  if (isObject(value) && value.keys !== undefined && !Array.isArray(value.keys)) return { keys: [], problems: ['"keys" is not an array'] };
  const ok: JWK[] = [];
  list.forEach((v, i) => {
    const p = jwkProblem(v);
    if (p) problems.push(list.length === 1 ? `not a JWK: ${p}` : `key ${i + 1} of the set is skipped: ${p}`);
    else ok.push(v as JWK);
  });
  const keys = ok.map((jwk, i) => ({ name: memberName(name, jwk, i, ok.length), jwk, ...clean(extra) }));
  if (!keys.length && !problems.length) problems.push('the key set is empty');
  return { keys, problems };
}

function clean(extra: Pick<UserKey, 'issuer' | 'untrusted'>): Pick<UserKey, 'issuer' | 'untrusted'> {
  return { ...(extra.issuer ? { issuer: extra.issuer } : {}), ...(extra.untrusted ? { untrusted: extra.untrusted } : {}) };
}

/** PEM labels jose cannot import, and what to do instead. */
const UNSUPPORTED_PEM: Record<string, string> = {
  'RSA PRIVATE KEY': 'a PKCS#1 "RSA PRIVATE KEY" cannot be read; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.p8.pem',
  'RSA PUBLIC KEY': 'a PKCS#1 "RSA PUBLIC KEY" cannot be read; convert it to SPKI with: openssl rsa -RSAPublicKey_in -in key.pem -pubout -out pub.pem',
  'EC PRIVATE KEY': 'a SEC1 "EC PRIVATE KEY" cannot be read; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.p8.pem',
  'ENCRYPTED PRIVATE KEY': 'an encrypted private key cannot be read; decrypt it first with: openssl pkcs8 -in key.pem -out key.p8.pem',
};

/** Algorithms a PEM is imported with, in turn, to learn its type (each import fails for other types). */
const PEM_ALGS = ['RS256', 'ES256', 'ES384', 'ES512', 'EdDSA', 'ECDH-ES', 'ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];

async function pemToJwk(pem: string, label: string): Promise<JWK | undefined> {
  for (const alg of PEM_ALGS) {
    try {
      const key =
        label === 'CERTIFICATE'
          ? await importX509(pem, alg, { extractable: true })
          : label === 'PRIVATE KEY'
            ? await importPKCS8(pem, alg, { extractable: true })
            : await importSPKI(pem, alg, { extractable: true });
      const jwk = await exportJWK(key);
      delete (jwk as Record<string, unknown>).alg;
      delete (jwk as Record<string, unknown>).key_ops;
      delete (jwk as Record<string, unknown>).ext;
      return jwk;
    } catch {
      // Not this type: try the next one.
    }
  }
  return undefined;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** Keys from every PEM block in the text. */
export async function keysFromPem(text: string, name: string, extra: Pick<UserKey, 'issuer'> = {}): Promise<LoadedKeys> {
  const keys: UserKey[] = [];
  const problems: string[] = [];
  const blocks = [...text.matchAll(PEM_BLOCK)];
  for (const [i, m] of blocks.entries()) {
    const label = m[1]!;
    const where = blocks.length > 1 ? `block ${i + 1} (${label}): ` : '';
    const unsupported = UNSUPPORTED_PEM[label];
    if (unsupported) {
      problems.push(`${where}${unsupported}`);
      continue;
    }
    if (label !== 'PUBLIC KEY' && label !== 'CERTIFICATE' && label !== 'PRIVATE KEY') {
      problems.push(`${where}a PEM "${label}" is not a key`);
      continue;
    }
    const jwk = await pemToJwk(m[0], label);
    if (!jwk) {
      problems.push(`${where}not a key type JOSE can use (RSA, EC P-256/384/521, Ed25519, X25519, ML-DSA)`);
      continue;
    }
    const what = label === 'CERTIFICATE' ? 'certificate' : label === 'PRIVATE KEY' ? 'private key' : 'public key';
    keys.push({ name: blocks.length > 1 ? `${name} · ${what} ${i + 1}` : name, jwk, ...clean(extra) });
  }
  if (!blocks.length) problems.push('no PEM block (-----BEGIN …-----) in the text');
  return { keys, problems };
}

/** What a text holds, by its look: JSON (a JWK or JWK Set), PEM, or neither (then only a secret, said explicitly). */
export function keyTextKind(text: string): 'json' | 'pem' | 'other' {
  const t = text.trim();
  if (t.startsWith('{')) return 'json';
  if (/-----BEGIN [A-Z0-9 ]+-----/.test(t)) return 'pem';
  return 'other';
}

/**
 * Keys from a text the user gave (pasted, a file's content, a fetched JWKS):
 * a JWK, a JWK Set, or PEM blocks. A text that is neither is a shared secret
 * only when `secret` says how it is written; otherwise it is a problem, never a guess.
 */
export async function loadKeyText(text: string, name: string, options: { secret?: SecretEncoding; issuer?: string } = {}): Promise<LoadedKeys> {
  const extra = options.issuer ? { issuer: options.issuer } : {};
  if (options.secret) {
    const bytes = secretBytes(text, options.secret);
    if (!bytes) return { keys: [], problems: [`the text is not ${options.secret === 'utf8' ? 'UTF-8' : options.secret}`] };
    if (bytes.length === 0) return { keys: [], problems: ['the secret is empty'] };
    return { keys: [secretKey(bytes, name, extra)], problems: [] };
  }
  switch (keyTextKind(text)) {
    case 'json': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        return { keys: [], problems: [`the text starts like JSON but does not parse: ${err instanceof Error ? err.message : String(err)}`] };
      }
      return keysFromJson(value, name, extra);
    }
    case 'pem':
      return keysFromPem(text, name, extra);
    default:
      return {
        keys: [],
        problems: ['the text is neither a JWK, a JWK Set nor PEM; if it is a shared secret, say how it is written (UTF-8, base64 or base64url)'],
      };
  }
}

/** Whether a key may be used on a token from `iss` without the user picking it (its issuer scope matches). */
export function scopedTo(key: UserKey, iss: unknown): boolean {
  if (!key.issuer || typeof iss !== 'string') return false;
  const norm = (s: string) => s.trim().replace(/\/+$/, '');
  return norm(key.issuer) === norm(iss);
}
