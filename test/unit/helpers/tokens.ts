import { generateKeyPair as nodeGenerateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import * as jose from 'jose';

/**
 * The one token builder of the unit tests: real tokens made by jose at test
 * time (never hand-assembled). A test that needs a damaged token damages one
 * of these.
 *
 * Key generation is the slowest thing the suite does (an RSA-2048 key takes
 * from a few hundred milliseconds to several seconds on a loaded machine), so
 * keys are made once per mocha run, not once per test file: every test file
 * is bundled with its own copy of this module, so the promise lives on
 * globalThis where all copies find it. A hook that awaits `tokens()` still
 * sets `this.timeout(KEYS_TIMEOUT_MS)`, since the first file to ask pays.
 */
export const NOW = 1_795_300_000; // 2026-11-21T22:26:40Z, a fixed clock for every time check

/** Timeout for a hook or test that awaits `tokens()` (the first one generates the keys). */
export const KEYS_TIMEOUT_MS = 60_000;
/** Timeout for a test that does real work (large or hostile texts, child processes). */
export const WORK_TIMEOUT_MS = 30_000;

export interface Made {
  hs256: string;
  hs512: string;
  rs256: string;
  ps384: string;
  es256: string;
  es512: string;
  eddsa: string;
  none: string;
  jweRsaOaep: string;
  jweDir: string;
  jweEcdh: string;
  /** An ES256 JWS whose payload is `hs256` itself (no cty header). */
  nested: string;
}

const claims = { sub: 'user-1', scope: 'orders:read', client_id: 'app' };

async function sign(alg: string, key: jose.CryptoKey | KeyObject | Uint8Array, header: jose.JWTHeaderParameters = { alg }): Promise<string> {
  return new jose.SignJWT(claims)
    .setProtectedHeader({ ...header, alg })
    .setIssuer('https://idp.example.com/')
    .setAudience('https://api.example.com')
    .setIssuedAt(NOW - 600)
    .setExpirationTime(NOW + 3000)
    .sign(key);
}

async function make(): Promise<Made> {
  const secret = new TextEncoder().encode('s'.repeat(64));
  // One RSA key serves RS256, PS384 and RSA-OAEP-256 (a Node KeyObject is not bound
  // to one algorithm the way a WebCrypto key is): one slow key generation instead of three.
  const rsa = await promisify(nodeGenerateKeyPair)('rsa', { modulusLength: 2048 });
  const es = await jose.generateKeyPair('ES256');
  const es512 = await jose.generateKeyPair('ES512');
  const ed = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const ecdh = await jose.generateKeyPair('ECDH-ES', { crv: 'P-256' });
  const dirKey = new Uint8Array(16).fill(7);
  const payload = new TextEncoder().encode(JSON.stringify({ sub: 'user-1', exp: NOW + 3000 }));
  const hs256 = await sign('HS256', secret, { alg: 'HS256', typ: 'JWT' });
  return {
    hs256,
    hs512: await sign('HS512', secret),
    rs256: await sign('RS256', rsa.privateKey, { alg: 'RS256', kid: 'key-1', typ: 'at+jwt' }),
    ps384: await sign('PS384', rsa.privateKey),
    es256: await sign('ES256', es.privateKey),
    es512: await sign('ES512', es512.privateKey),
    eddsa: await sign('EdDSA', ed.privateKey),
    none: new jose.UnsecuredJWT(claims)
      .setIssuedAt(NOW - 60)
      .setExpirationTime(NOW + 600)
      .encode(),
    jweRsaOaep: await new jose.CompactEncrypt(payload).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' }).encrypt(rsa.publicKey),
    jweDir: await new jose.CompactEncrypt(payload).setProtectedHeader({ alg: 'dir', enc: 'A128GCM' }).encrypt(dirKey),
    jweEcdh: await new jose.CompactEncrypt(payload).setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128CBC-HS256' }).encrypt(ecdh.publicKey),
    nested: await new jose.CompactSign(new TextEncoder().encode(hs256)).setProtectedHeader({ alg: 'ES256' }).sign(es.privateKey),
  };
}

const SHARED = Symbol.for('token-doctor.unit-test-tokens');

/** All the tokens the suites use, made once per process (shared by every test file). */
export function tokens(): Promise<Made> {
  const holder = globalThis as unknown as Record<symbol, Promise<Made> | undefined>;
  return (holder[SHARED] ??= make());
}

/** A token signed with HS256 over arbitrary claims and header (for claim-analysis tests). No key generation. */
export async function hs(claimsSet: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const secret = new TextEncoder().encode('k'.repeat(32));
  return new jose.CompactSign(new TextEncoder().encode(JSON.stringify(claimsSet))).setProtectedHeader({ alg: 'HS256', ...header }).sign(secret);
}

const DIR_KEY_BYTES: Record<string, number> = { A128GCM: 16, A192GCM: 24, A256GCM: 32, 'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64 };

/** A JWE with `alg: dir` and the given content encryption over a JSON payload. No key generation. */
export async function dirJwe(payloadSet: Record<string, unknown>, enc = 'A256GCM'): Promise<string> {
  const bytes = DIR_KEY_BYTES[enc];
  if (!bytes) throw new Error(`no dir key size for ${enc}`);
  return new jose.CompactEncrypt(new TextEncoder().encode(JSON.stringify(payloadSet)))
    .setProtectedHeader({ alg: 'dir', enc })
    .encrypt(new Uint8Array(bytes).fill(9));
}
