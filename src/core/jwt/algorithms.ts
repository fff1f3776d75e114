/**
 * What each JOSE algorithm implies about the size of the parts of a compact
 * token, so that a cut-off token can be told from a whole one.
 * Sizes are in bytes after base64url decoding.
 */

/** Signature sizes by JWS `alg`. `min` applies to RSA, whose size follows the key. */
export function signatureSize(alg: string): { exact?: readonly number[]; min?: number } | undefined {
  switch (alg) {
    case 'HS256':
      return { exact: [32] };
    case 'HS384':
      return { exact: [48] };
    case 'HS512':
      return { exact: [64] };
    case 'ES256':
    case 'ES256K':
      return { exact: [64] };
    case 'ES384':
      return { exact: [96] };
    case 'ES512':
      return { exact: [132] };
    case 'Ed25519':
      return { exact: [64] };
    case 'Ed448':
      return { exact: [114] };
    case 'EdDSA':
      return { exact: [64, 114] };
    case 'ML-DSA-44':
      return { exact: [2420] };
    case 'ML-DSA-65':
      return { exact: [3309] };
    case 'ML-DSA-87':
      return { exact: [4627] };
    case 'RS256':
    case 'RS384':
    case 'RS512':
    case 'PS256':
    case 'PS384':
    case 'PS512':
      // 1024-bit keys (128 bytes) still exist; anything between 128 and 256 is a cut signature.
      return { min: 128 };
    case 'none':
      return { exact: [0] };
    default:
      return undefined;
  }
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
  return ALGORITHM_FAMILIES[alg.slice(0, 2)] ?? 'unknown algorithm';
}
