/**
 * Which of the user's keys may check a token, and why: by the key type the
 * token's alg needs, then by kid, then by the key's own alg, use and
 * key_ops. Pure and synchronous: it reads JWK members and the token's
 * header, it never touches key material. ./verify and ./decrypt try the
 * candidates it returns, in its order.
 */
import type { JWK } from 'jose';
import { describeKey, isPrivate, secretLength, type UserKey } from './keys';

export interface Candidate {
  readonly key: UserKey;
  /** Why it was picked ("kid 2026-1 matches", "the only RSA key; it has no kid"). */
  readonly why: string;
}

/** What the selection found: candidates to try, or a verdict without trying any. */
export interface Selection {
  readonly candidates: readonly Candidate[];
  /** Set when nothing can be tried: the status and why. */
  readonly verdict?: { readonly status: 'no-key' | 'not-allowed' | 'unsupported'; readonly reason: string };
  /** The kids of keys of the right type (for no-key: what the keys hold instead). */
  readonly kidsAvailable: readonly string[];
  readonly kidMissing: boolean;
}

/** The key a JWS alg needs: its type and, for EC and OKP, its curve. */
export interface Need {
  readonly kty: 'oct' | 'RSA' | 'EC' | 'OKP' | 'AKP';
  readonly crv?: readonly string[];
  /** For messages: "an RSA public key", "a shared secret". */
  readonly label: string;
}

/** JWS algorithms jose verifies, with the key each needs. */
export function jwsNeed(alg: string): Need | undefined {
  if (/^HS(256|384|512)$/.test(alg)) return { kty: 'oct', label: 'a shared secret' };
  if (/^(RS|PS)(256|384|512)$/.test(alg)) return { kty: 'RSA', label: 'an RSA public key' };
  if (alg === 'ES256') return { kty: 'EC', crv: ['P-256'], label: 'an EC P-256 public key' };
  if (alg === 'ES384') return { kty: 'EC', crv: ['P-384'], label: 'an EC P-384 public key' };
  if (alg === 'ES512') return { kty: 'EC', crv: ['P-521'], label: 'an EC P-521 public key' };
  if (alg === 'EdDSA' || alg === 'Ed25519') return { kty: 'OKP', crv: ['Ed25519'], label: 'an Ed25519 public key' };
  if (/^ML-DSA-(44|65|87)$/.test(alg)) return { kty: 'AKP', label: `an ${alg} public key` };
  return undefined;
}

/** Why jose cannot check an alg that is a real JWS algorithm, when it cannot. */
function jwsUnsupported(alg: string): string | undefined {
  if (alg === 'ES256K') return 'ES256K (secp256k1) is not in Web Crypto, so it cannot be checked here';
  if (alg === 'Ed448') return 'Ed448 is not supported by jose, so it cannot be checked here';
  return undefined;
}

/** Content-encryption key sizes in bytes, for dir. */
const CEK_BYTES: Record<string, number> = { A128GCM: 16, A192GCM: 24, A256GCM: 32, 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64 };

/** The key a JWE alg needs. `bytes` for a secret of fixed size. */
export interface JweNeed extends Need {
  readonly bytes?: number;
  readonly privateKey: boolean;
  readonly pbes2?: boolean;
}

/** JWE key-management algorithms jose decrypts, with the key each needs. */
export function jweNeed(alg: string, enc: string, header: Record<string, unknown>): JweNeed | undefined {
  if (alg === 'dir') {
    const bytes = CEK_BYTES[enc];
    return { kty: 'oct', label: `a ${bytes ? `${bytes * 8}-bit ` : ''}shared key`, privateKey: false, ...(bytes ? { bytes } : {}) };
  }
  const kw = /^A(128|192|256)(GCM)?KW$/.exec(alg);
  if (kw) return { kty: 'oct', bytes: Number(kw[1]) / 8, label: `a ${kw[1]}-bit key-wrapping key`, privateKey: false };
  if (/^RSA-OAEP(-256|-384|-512)?$/.test(alg)) return { kty: 'RSA', label: 'an RSA private key', privateKey: true };
  if (/^ECDH-ES(\+A(128|192|256)KW)?$/.test(alg)) {
    const epk = header.epk as Record<string, unknown> | undefined;
    const crv = typeof epk?.crv === 'string' ? epk.crv : undefined;
    if (crv === 'X25519') return { kty: 'OKP', crv: ['X25519'], label: 'an X25519 private key', privateKey: true };
    const curves = crv ? [crv] : ['P-256', 'P-384', 'P-521'];
    return { kty: 'EC', crv: curves, label: `an EC ${crv ?? ''} private key`.replace('  ', ' '), privateKey: true };
  }
  if (/^PBES2-HS(256|384|512)\+A(128|192|256)KW$/.test(alg)) return { kty: 'oct', label: 'a password', privateKey: false, pbes2: true };
  return undefined;
}

function jweUnsupported(alg: string): string | undefined {
  if (alg === 'RSA1_5') return 'RSA1_5 (RSAES-PKCS1-v1_5) is deprecated and not supported by jose; re-encrypt with RSA-OAEP-256';
  return undefined;
}

function kindOf(jwk: JWK): string {
  return describeKey(jwk).replace(/^RSA \d+-bit/, 'RSA');
}

function fitsType(jwk: JWK, need: Need): boolean {
  if (jwk.kty !== need.kty) return false;
  if (need.crv && !need.crv.includes(String(jwk.crv))) return false;
  return true;
}

interface Pick {
  readonly token: Record<string, unknown>;
  /** The alg the candidates must allow. */
  readonly alg: string;
  readonly need: Need;
  /** 'sig' for JWS, 'enc' for JWE. */
  readonly use: 'sig' | 'enc';
  /** key_ops any one of which lets a key serve. */
  readonly ops: readonly string[];
  /** Extra per-key test (size of a secret, a private half); a reason when the key cannot serve. */
  readonly extra?: (jwk: JWK) => string | undefined;
}

/** The candidates among `keys` for a token, kid matches first, with why each was picked. */
function pick(keys: readonly UserKey[], p: Pick): Selection {
  const kid = typeof p.token.kid === 'string' ? p.token.kid : undefined;
  const byKid: Candidate[] = [];
  const noKid: UserKey[] = [];
  const kidsAvailable: string[] = [];
  const excluded: string[] = [];
  for (const key of keys) {
    const jwk = key.jwk;
    if (!fitsType(jwk, p.need)) continue;
    const keyKid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
    if (keyKid && !kidsAvailable.includes(keyKid)) kidsAvailable.push(keyKid);
    const problem =
      (typeof jwk.alg === 'string' && jwk.alg !== p.alg ? `it is for alg ${jwk.alg}` : undefined) ??
      (typeof jwk.use === 'string' && jwk.use !== p.use ? `its use is ${jwk.use}` : undefined) ??
      (Array.isArray(jwk.key_ops) && !jwk.key_ops.some((o) => p.ops.includes(o)) ? `its key_ops are ${jwk.key_ops.join(', ')}` : undefined) ??
      p.extra?.(jwk);
    if (problem) {
      if (!kid || keyKid === kid) excluded.push(`${key.name}: ${problem}`);
      continue;
    }
    if (kid && keyKid === kid) byKid.push({ key, why: `kid ${kid} matches` });
    else if (!keyKid) noKid.push(key);
  }
  const label = p.need.label.replace(/^an? /, '');
  const loose = noKid.map((key): Candidate => ({
    key,
    why: noKid.length === 1 ? `the only ${label} without a kid${kid ? ` (the token names kid ${kid})` : ''}` : `a ${label} without a kid`,
  }));
  if (!kid && byKid.length === 0) {
    // No kid in the token: every key of the right type is a candidate, with or without a kid.
    for (const key of keys) {
      if (!fitsType(key.jwk, p.need) || loose.some((c) => c.key === key)) continue;
      const keyKid = typeof key.jwk.kid === 'string' ? key.jwk.kid : undefined;
      if (!keyKid) continue;
      const bad = excluded.some((e) => e.startsWith(`${key.name}:`));
      if (!bad) loose.push({ key, why: `the token has no kid; a ${label} (kid ${keyKid})` });
    }
  }
  const candidates = [...byKid, ...loose];
  if (candidates.length) return { candidates, kidsAvailable, kidMissing: false };
  const kidMissing = kid !== undefined && kidsAvailable.length > 0 && !kidsAvailable.includes(kid);
  let reason: string;
  if (!keys.length) reason = 'no keys were given';
  else if (kidMissing) reason = `kid ${kid} is not among the keys given (they hold ${kidsAvailable.join(', ')})`;
  else if (excluded.length) reason = `the keys of the right type cannot serve: ${excluded.join('; ')}`;
  else {
    const kinds = [...new Set(keys.map((k) => kindOf(k.jwk)))];
    reason = `alg ${p.alg} needs ${p.need.label}; the keys given are ${kinds.join(', ')}`;
  }
  return { candidates: [], verdict: { status: 'no-key', reason }, kidsAvailable, kidMissing };
}

/** The keys to try on a JWS, or why none can be. */
export function selectForJws(header: Record<string, unknown>, keys: readonly UserKey[]): Selection {
  const empty = { candidates: [], kidsAvailable: [], kidMissing: false };
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  if (!alg) return { ...empty, verdict: { status: 'unsupported', reason: 'the header has no alg, so there is nothing to check the signature with' } };
  if (alg.toLowerCase() === 'none')
    return {
      ...empty,
      verdict: {
        status: 'not-allowed',
        reason: `alg is ${JSON.stringify(alg)}: the token is unsigned, no key can verify it, and a receiver must reject it`,
      },
    };
  const unsupported = jwsUnsupported(alg);
  if (unsupported) return { ...empty, verdict: { status: 'unsupported', reason: unsupported } };
  const need = jwsNeed(alg);
  if (!need) return { ...empty, verdict: { status: 'unsupported', reason: `alg ${JSON.stringify(alg)} is not a JWS algorithm Token Doctor can check` } };
  const sel = pick(keys, { token: header, alg, need, use: 'sig', ops: ['verify'] });
  if (sel.candidates.length || need.kty !== 'oct') return sel;
  // HMAC alg: an RSA, EC or OKP key that matches by kid (or has none) is the RS/HS confusion.
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const public_ = keys.filter((k) => k.jwk.kty !== 'oct' && (!kid || k.jwk.kid === kid || k.jwk.kid === undefined));
  if (public_.length) {
    const k = public_[0]!;
    const what = describeKey(k.jwk);
    return {
      ...sel,
      verdict: {
        status: 'not-allowed',
        reason:
          `alg ${alg} but the key${kid && k.jwk.kid === kid ? ` for kid ${kid}` : ''} (${k.name}) is an ${what}: the RS/HS confusion. ` +
          'A verifier that used a public key as an HMAC secret would accept tokens anyone can forge; the token must be signed with the asymmetric alg the key is for.',
      },
    };
  }
  return sel;
}

/** The keys to try on a JWE, or why none can be. */
export function selectForJwe(header: Record<string, unknown>, keys: readonly UserKey[], pbes2: { allowed: boolean; maxIterations: number }): Selection {
  const empty = { candidates: [], kidsAvailable: [], kidMissing: false };
  const alg = typeof header.alg === 'string' ? header.alg : '';
  const enc = typeof header.enc === 'string' ? header.enc : '';
  const unsupported = jweUnsupported(alg);
  if (unsupported) return { ...empty, verdict: { status: 'unsupported', reason: unsupported } };
  const need = jweNeed(alg, enc, header);
  if (!need)
    return { ...empty, verdict: { status: 'unsupported', reason: `alg ${JSON.stringify(alg)} is not a JWE key-management algorithm Token Doctor can use` } };
  if (!CEK_BYTES[enc])
    return { ...empty, verdict: { status: 'unsupported', reason: `enc ${JSON.stringify(enc)} is not a JWE content encryption Token Doctor can use` } };
  if (need.pbes2) {
    if (!pbes2.allowed)
      return {
        ...empty,
        verdict: {
          status: 'unsupported',
          reason: `${alg} is password-based (PBES2); trying a password runs up to p2c rounds of PBKDF2, so it is off until you allow it`,
        },
      };
    const p2c = header.p2c;
    if (typeof p2c !== 'number' || !Number.isInteger(p2c) || p2c < 1)
      return { ...empty, verdict: { status: 'unsupported', reason: 'the PBES2 header has no valid p2c (iteration count)' } };
    if (p2c > pbes2.maxIterations)
      return {
        ...empty,
        verdict: {
          status: 'unsupported',
          reason: `p2c is ${p2c}, above the cap of ${pbes2.maxIterations} PBKDF2 iterations: a token can make a decrypter spin this way, so it is not tried`,
        },
      };
  }
  const extra = (jwk: JWK): string | undefined => {
    if (need.privateKey && !isPrivate(jwk)) return 'it is a public key; decrypting needs the private key';
    const len = secretLength(jwk);
    if (need.bytes !== undefined && len !== undefined && len !== need.bytes)
      return `it is ${len * 8} bits; ${alg}${alg === 'dir' ? ` with ${enc}` : ''} needs ${need.bytes * 8}`;
    return undefined;
  };
  return pick(keys, { token: header, alg, need, use: 'enc', ops: ['decrypt', 'unwrapKey', 'deriveKey', 'deriveBits'], extra });
}
