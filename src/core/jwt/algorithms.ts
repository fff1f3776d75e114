/**
 * What each JOSE algorithm implies about the size of the parts of a compact
 * token, so that a cut-off token can be told from a whole one.
 * Sizes are in bytes after base64url decoding.
 */

/** Signature size in bytes: `exact` lengths, or a `min` for RSA, whose size follows the key. */
export type SignatureSize = { readonly exact?: readonly number[]; readonly min?: number };

// 1024-bit RSA keys (128 bytes) still exist; anything between 128 and 256 is a cut signature.
const RSA: SignatureSize = { min: 128 };

/**
 * Every JWS `alg` the engine knows (RFC 7518, RFC 8037, RFC 8812, draft ML-DSA
 * for JOSE), with its signature size. The one list of algorithm names: size
 * checks, the case-fixing quick fix and descriptions all read it.
 */
const JWS_ALGORITHMS: ReadonlyMap<string, SignatureSize> = new Map<string, SignatureSize>([
  ['HS256', { exact: [32] }],
  ['HS384', { exact: [48] }],
  ['HS512', { exact: [64] }],
  ['RS256', RSA],
  ['RS384', RSA],
  ['RS512', RSA],
  ['PS256', RSA],
  ['PS384', RSA],
  ['PS512', RSA],
  ['ES256', { exact: [64] }],
  ['ES384', { exact: [96] }],
  ['ES512', { exact: [132] }],
  ['ES256K', { exact: [64] }],
  ['EdDSA', { exact: [64, 114] }],
  ['Ed25519', { exact: [64] }],
  ['Ed448', { exact: [114] }],
  ['ML-DSA-44', { exact: [2420] }],
  ['ML-DSA-65', { exact: [3309] }],
  ['ML-DSA-87', { exact: [4627] }],
  ['none', { exact: [0] }],
]);

const BY_LOWER_CASE = new Map<string, string>([...JWS_ALGORITHMS.keys()].map((a) => [a.toLowerCase(), a]));

/** Whether `alg` is a JWS algorithm name exactly as registered (names are case-sensitive). */
export function isJwsAlgorithm(alg: string): boolean {
  return JWS_ALGORITHMS.has(alg);
}

/** The registered name `alg` was meant to be when it differs only in case or surrounding spaces (`rs256`, ` ES256`). */
export function canonicalJwsAlgorithm(alg: string): string | undefined {
  return BY_LOWER_CASE.get(alg.trim().toLowerCase());
}

/** Signature sizes by JWS `alg`; undefined for algorithms not in the table. */
export function signatureSize(alg: string): SignatureSize | undefined {
  return JWS_ALGORITHMS.get(alg);
}

/** True when `bytes` is a plausible signature length for `alg` (unknown algs pass). */
export function signatureFits(alg: string, bytes: number): boolean {
  const size = signatureSize(alg);
  if (!size) return true;
  if (size.exact) return size.exact.includes(bytes);
  if (bytes === 128) return true;
  return bytes >= 256;
}

/** The smallest plausible signature length for `alg`, for messages. */
export function expectedSignatureBytes(alg: string): number | undefined {
  const size = signatureSize(alg);
  if (!size) return undefined;
  if (size.exact) return size.exact[0];
  return 256;
}

/** Authentication-tag and IV sizes by JWE `enc`. */
export function contentEncryption(enc: string): { iv: number; tag: number } | undefined {
  switch (enc) {
    case 'A128GCM':
    case 'A192GCM':
    case 'A256GCM':
      return { iv: 12, tag: 16 };
    case 'A128CBC-HS256':
      return { iv: 16, tag: 16 };
    case 'A192CBC-HS384':
      return { iv: 16, tag: 24 };
    case 'A256CBC-HS512':
      return { iv: 16, tag: 32 };
    default:
      return undefined;
  }
}

/** JWE key-management algorithms whose encrypted-key segment is empty by design. */
export function hasEmptyEncryptedKey(alg: string): boolean {
  return alg === 'dir' || alg === 'ECDH-ES';
}

export const ALGORITHM_FAMILIES: Readonly<Record<string, string>> = {
  HS: 'HMAC with a shared secret',
  RS: 'RSA PKCS#1 v1.5 signature',
  PS: 'RSA-PSS signature',
  ES: 'ECDSA signature',
  Ed: 'EdDSA signature',
  ML: 'ML-DSA (post-quantum) signature',
};

/** A short human description of a JWS `alg`. */
export function describeAlg(alg: string): string {
  if (alg === 'none') return 'unsigned (alg none)';
  if (alg === 'EdDSA') return 'EdDSA signature';
  const prefix = alg.slice(0, 2);
  return Object.prototype.hasOwnProperty.call(ALGORITHM_FAMILIES, prefix) ? ALGORITHM_FAMILIES[prefix]! : 'unknown algorithm';
}
