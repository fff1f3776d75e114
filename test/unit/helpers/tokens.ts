import * as jose from 'jose';

/** Real tokens for tests, made by jose at test time (never hand-assembled). */
export const NOW = 1_795_300_000; // 2026-11-21T22:26:40Z, a fixed clock for every time check

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
}

const claims = { sub: 'user-1', scope: 'orders:read', client_id: 'app' };

async function sign(alg: string, key: jose.CryptoKey | Uint8Array, header: jose.JWTHeaderParameters = { alg }): Promise<string> {
  return new jose.SignJWT(claims)
    .setProtectedHeader({ ...header, alg })
    .setIssuer('https://idp.example.com/')
    .setAudience('https://api.example.com')
    .setIssuedAt(NOW - 600)
    .setExpirationTime(NOW + 3000)
    .sign(key);
}

let made: Promise<Made> | undefined;

/** All the tokens the suites use, made once per process. */
export function tokens(): Promise<Made> {
  made ??= (async () => {
    const secret = new TextEncoder().encode('s'.repeat(64));
    const rsa = await jose.generateKeyPair('RS256', { modulusLength: 2048 });
    const ps = await jose.generateKeyPair('PS384', { modulusLength: 2048 });
    const es = await jose.generateKeyPair('ES256');
    const es512 = await jose.generateKeyPair('ES512');
    const ed = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const enc = await jose.generateKeyPair('RSA-OAEP-256', { modulusLength: 2048 });
    const ecdh = await jose.generateKeyPair('ECDH-ES', { crv: 'P-256' });
    const dirKey = new Uint8Array(16).fill(7);
    const payload = new TextEncoder().encode(JSON.stringify({ sub: 'user-1', exp: NOW + 3000 }));
    return {
      hs256: await sign('HS256', secret, { alg: 'HS256', typ: 'JWT' }),
      hs512: await sign('HS512', secret),
      rs256: await sign('RS256', rsa.privateKey, { alg: 'RS256', kid: 'key-1', typ: 'at+jwt' }),
      ps384: await sign('PS384', ps.privateKey),
      es256: await sign('ES256', es.privateKey),
      es512: await sign('ES512', es512.privateKey),
      eddsa: await sign('EdDSA', ed.privateKey),
      none: new jose.UnsecuredJWT(claims).setIssuedAt(NOW - 60).setExpirationTime(NOW + 600).encode(),
      jweRsaOaep: await new jose.CompactEncrypt(payload).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' }).encrypt(enc.publicKey),
      jweDir: await new jose.CompactEncrypt(payload).setProtectedHeader({ alg: 'dir', enc: 'A128GCM' }).encrypt(dirKey),
      jweEcdh: await new jose.CompactEncrypt(payload).setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128CBC-HS256' }).encrypt(ecdh.publicKey),
    };
  })();
  return made;
}

/** A token signed with HS256 over arbitrary claims and header (for claim-analysis tests). */
export async function hs(claimsSet: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const secret = new TextEncoder().encode('k'.repeat(32));
  return new jose.CompactSign(new TextEncoder().encode(JSON.stringify(claimsSet)))
    .setProtectedHeader({ alg: 'HS256', ...header })
    .sign(secret);
}
