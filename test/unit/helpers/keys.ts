import * as jose from 'jose';

/**
 * Real keys for the signature and decryption tests, made by jose once per
 * mocha run and shared by every test file (the promise lives on globalThis,
 * as in ./tokens). One RSA key pair serves every RSA algorithm: a JWK is not
 * bound to one algorithm, so each use imports it with its own alg. A hook
 * that awaits `keyring()` sets `this.timeout(KEYS_TIMEOUT_MS)`.
 */
export interface Pair {
  readonly publicJwk: jose.JWK;
  readonly privateJwk: jose.JWK;
}

export interface Keyring {
  rsa: Pair;
  /** Two P-256 keys: the second one signs what the first must not verify. */
  p256: Pair;
  p256b: Pair;
  p384: Pair;
  p521: Pair;
  ed25519: Pair;
  x25519: Pair;
  /** 64 random bytes: an HMAC secret for every HS alg. */
  secret: Uint8Array;
}

async function pair(alg: string, options: jose.GenerateKeyPairOptions = {}): Promise<Pair> {
  const { publicKey, privateKey } = await jose.generateKeyPair(alg, { ...options, extractable: true });
  return { publicJwk: await jose.exportJWK(publicKey), privateJwk: await jose.exportJWK(privateKey) };
}

async function make(): Promise<Keyring> {
  return {
    rsa: await pair('RS256', { modulusLength: 2048 }),
    p256: await pair('ES256'),
    p256b: await pair('ES256'),
    p384: await pair('ES384'),
    p521: await pair('ES512'),
    ed25519: await pair('Ed25519'),
    x25519: await pair('ECDH-ES', { crv: 'X25519' }),
    secret: globalThis.crypto.getRandomValues(new Uint8Array(64)),
  };
}

const SHARED = Symbol.for('token-doctor.unit-test-keyring');

export function keyring(): Promise<Keyring> {
  const holder = globalThis as unknown as Record<symbol, Promise<Keyring> | undefined>;
  return (holder[SHARED] ??= make());
}

/** A JWK with a kid (and any other members). */
export function withKid(jwk: jose.JWK, kid: string, extra: Partial<jose.JWK> = {}): jose.JWK {
  return { ...jwk, kid, ...extra };
}

/** Signs claims with `alg`: the private JWK (or the secret) is imported by jose for that alg. */
export async function signWith(
  alg: string,
  key: jose.JWK | Uint8Array,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
  options: jose.SignOptions = {},
): Promise<string> {
  const k = key instanceof Uint8Array ? key : await jose.importJWK(key, alg);
  return new jose.CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ ...header, alg }).sign(k, options);
}

/** A PEM (SPKI or PKCS#8) of a JWK, exported by jose. */
export async function pemOf(jwk: jose.JWK, alg: string): Promise<string> {
  const k = (await jose.importJWK(jwk, alg, { extractable: true })) as jose.CryptoKey;
  return 'd' in jwk ? jose.exportPKCS8(k) : jose.exportSPKI(k);
}

/** Encrypts a plaintext (a nested token or a JSON text) with `alg`/`enc` to the key. */
export async function encryptTo(
  alg: string,
  enc: string,
  key: jose.JWK | Uint8Array,
  plaintext: string,
  header: Record<string, unknown> = {},
  parameters: jose.JWEKeyManagementHeaderParameters = {},
): Promise<string> {
  const k = key instanceof Uint8Array ? key : await jose.importJWK(key, alg);
  return new jose.CompactEncrypt(new TextEncoder().encode(plaintext))
    .setProtectedHeader({ ...header, alg, enc })
    .setKeyManagementParameters(parameters)
    .encrypt(k);
}

/** A JWT with the last character of its payload changed (the signature no longer fits). */
export function tamper(token: string): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const claims = JSON.parse(new TextDecoder().decode(jose.base64url.decode(p)));
  claims.scope = 'admin';
  return `${h}.${jose.base64url.encode(JSON.stringify(claims))}.${s}`;
}
