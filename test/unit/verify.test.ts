import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as jose from 'jose';
import { analyze } from '../../src/core/analysis/analyze';
import { compactOf } from '../../src/core/jwt/compact';
import { isTokenFinding, type TokenFinding } from '../../src/core/model';
import { checkTokens, checksOf } from '../../src/core/verify/check';
import { decryptJwe } from '../../src/core/verify/decrypt';
import { describeKey, keysFromJson, loadKeyText, secretBytes, secretKey, scopedTo, type UserKey } from '../../src/core/verify/keys';
import { verifyJws } from '../../src/core/verify/verify';
import { encryptTo, keyring, pemOf, signWith, tamper, withKid, type Keyring } from './helpers/keys';
import { KEYS_TIMEOUT_MS, NOW } from './helpers/tokens';

const CLAIMS = { iss: 'https://idp.example.com/', sub: 'user-1', aud: 'https://api.example.com', iat: NOW - 600, exp: NOW + 3000, scope: 'orders:read' };
const EXPIRED = { ...CLAIMS, iat: NOW - 7200, exp: NOW - 3600 };

function key(name: string, jwk: jose.JWK): UserKey {
  return { name, jwk };
}

function jwks(name: string, ...list: jose.JWK[]): UserKey[] {
  return keysFromJson({ keys: list }, name).keys;
}

/** The one token finding of an analysis of `text` with the checks of `keys`. */
async function analysed(text: string, keys: readonly UserKey[]) {
  const first = analyze(text, { now: NOW, leeway: 60, strict: true });
  const compacts = first.findings.filter(isTokenFinding).map((f) => compactOf(f)!);
  const checks = await checkTokens(compacts, keys, { pbes2: { allowed: true, maxIterations: 10_000 } });
  return analyze(text, { now: NOW, leeway: 60, strict: true, checks: checksOf(checks) });
}

function tokenFinding(a: ReturnType<typeof analyze>): TokenFinding {
  const f = a.findings.find(isTokenFinding);
  assert.ok(f, 'a token finding');
  return f;
}

describe('signature checks with keys the user gives (jose, real keys)', function () {
  let k: Keyring;
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    k = await keyring();
  });

  const families: Array<[string, (k: Keyring) => { sign: jose.JWK | Uint8Array; verify: UserKey }]> = [
    ['HS256', (k) => ({ sign: k.secret, verify: secretKey(k.secret, 'hmac secret') })],
    ['HS384', (k) => ({ sign: k.secret, verify: secretKey(k.secret, 'hmac secret') })],
    ['HS512', (k) => ({ sign: k.secret, verify: secretKey(k.secret, 'hmac secret') })],
    ['RS256', (k) => ({ sign: k.rsa.privateJwk, verify: key('rsa.pub', k.rsa.publicJwk) })],
    ['RS384', (k) => ({ sign: k.rsa.privateJwk, verify: key('rsa.pub', k.rsa.publicJwk) })],
    ['RS512', (k) => ({ sign: k.rsa.privateJwk, verify: key('rsa.pub', k.rsa.publicJwk) })],
    ['PS256', (k) => ({ sign: k.rsa.privateJwk, verify: key('rsa.pub', k.rsa.publicJwk) })],
    ['PS384', (k) => ({ sign: k.rsa.privateJwk, verify: key('rsa.pub', k.rsa.publicJwk) })],
    ['PS512', (k) => ({ sign: k.rsa.privateJwk, verify: key('rsa.pub', k.rsa.publicJwk) })],
    ['ES256', (k) => ({ sign: k.p256.privateJwk, verify: key('ec.pub', k.p256.publicJwk) })],
    ['ES384', (k) => ({ sign: k.p384.privateJwk, verify: key('ec.pub', k.p384.publicJwk) })],
    ['ES512', (k) => ({ sign: k.p521.privateJwk, verify: key('ec.pub', k.p521.publicJwk) })],
    ['EdDSA', (k) => ({ sign: k.ed25519.privateJwk, verify: key('ed.pub', k.ed25519.publicJwk) })],
    ['Ed25519', (k) => ({ sign: k.ed25519.privateJwk, verify: key('ed.pub', k.ed25519.publicJwk) })],
  ];
  for (const [alg, pick] of families) {
    it(`verifies ${alg} with the matching key, and finds a tampered payload invalid`, async () => {
      const { sign, verify } = pick(k);
      const token = await signWith(alg, sign, CLAIMS);
      const ok = await verifyJws(token, [verify]);
      assert.equal(ok.status, 'verified', ok.reason);
      assert.equal(ok.key, verify.name);
      assert.equal(ok.alg, alg);
      assert.match(ok.chosenBy ?? '', /without a kid/);
      const bad = await verifyJws(tamper(token), [verify]);
      assert.equal(bad.status, 'invalid');
      assert.deepEqual(
        bad.tried.map((t) => t.outcome),
        ['the signature does not verify with this key'],
      );
    });
  }

  it('picks the key by kid out of a JWK Set and says so', async () => {
    const token = await signWith('ES256', k.p256b.privateJwk, CLAIMS, { kid: 'b' });
    const set = jwks('orders-api (JWKS)', withKid(k.p256.publicJwk, 'a'), withKid(k.p256b.publicJwk, 'b'), withKid(k.rsa.publicJwk, 'r'));
    const r = await verifyJws(token, set);
    assert.equal(r.status, 'verified');
    assert.equal(r.key, 'orders-api (JWKS) · kid b');
    assert.equal(r.chosenBy, 'kid b matches');
    assert.equal(r.kid, 'b');
    assert.equal(r.tried.length, 1, 'only the key with the kid is tried');
  });

  it('tries every key of the right type when the token has no kid', async () => {
    const token = await signWith('ES256', k.p256b.privateJwk, CLAIMS);
    const r = await verifyJws(token, jwks('set', withKid(k.p256.publicJwk, 'a'), withKid(k.p256b.publicJwk, 'b')));
    assert.equal(r.status, 'verified');
    assert.deepEqual(
      r.tried.map((t) => [t.key, t.outcome]),
      [
        ['set · kid a', 'the signature does not verify with this key'],
        ['set · kid b', 'verified'],
      ],
    );
  });

  it('a key with the kid that does not verify: invalid, established, ranked first', async () => {
    const token = await signWith('ES256', k.p256b.privateJwk, EXPIRED, { kid: 'a' });
    const r = await verifyJws(token, jwks('set', withKid(k.p256.publicJwk, 'a')));
    assert.equal(r.status, 'invalid');
    assert.equal(r.key, 'set · kid a');
    const f = tokenFinding(await analysed(`Authorization: Bearer ${token}`, jwks('set', withKid(k.p256.publicJwk, 'a'))));
    assert.equal(f.token.signature?.status, 'invalid');
    assert.deepEqual(
      f.causes.map((c) => [c.id, c.established === true]),
      [
        ['token.signature', true],
        ['token.expired', true],
      ],
    );
    assert.match(f.causes[0]!.evidence[0]!, /does not verify with set · kid a \(kid a matches\)/);
    assert.match(f.summary, /signature invalid/);
  });

  it('key rotation: a kid missing from the JWK Set is no-key, listing the kids it holds', async () => {
    const token = await signWith('RS256', k.rsa.privateJwk, CLAIMS, { kid: '2025-key-1' });
    const set = jwks('https://login.example.com/jwks (JWKS)', withKid(k.rsa.publicJwk, '2026-key-1'), withKid(k.p256.publicJwk, '2026-key-2'));
    const r = await verifyJws(token, set);
    assert.equal(r.status, 'no-key');
    assert.equal(r.kidMissing, true);
    assert.deepEqual(r.kidsAvailable, ['2026-key-1']);
    assert.match(r.reason ?? '', /kid 2025-key-1 is not among the keys given \(they hold 2026-key-1\)/);
    const f = tokenFinding(await analysed(token, set));
    assert.equal(f.causes[0]?.id, 'token.signature');
    assert.equal(f.causes[0]?.established, undefined, 'a kid the keys lack is suspected, not proven');
    assert.match(f.causes[0].evidence[0]!, /rotated/);
    assert.match(f.summary, /kid not in the keys/);
  });

  it('RS/HS confusion: an HMAC token with only an RSA public key is not-allowed, never verified', async () => {
    // The attack: sign HS256 with the public key's PEM text as the HMAC secret.
    const pem = await pemOf(k.rsa.publicJwk, 'RS256');
    const forged = await signWith('HS256', new TextEncoder().encode(pem), CLAIMS, { kid: 'r' });
    const keys = (await loadKeyText(pem, 'issuer.pem')).keys;
    assert.equal(keys.length, 1);
    const r = await verifyJws(forged, keys);
    assert.equal(r.status, 'not-allowed');
    assert.match(r.reason ?? '', /alg HS256 but the key \(issuer\.pem\) is an RSA 2048-bit public key: the RS\/HS confusion/);
    assert.equal(r.tried.length, 0, 'the public key is never used as an HMAC secret');
    const f = tokenFinding(await analysed(forged, keys));
    assert.deepEqual(
      f.causes.map((c) => [c.id, c.established]),
      [['token.algorithm', true]],
    );
    assert.match(f.summary, /algorithm not allowed/);
  });

  it('alg none is not-allowed whatever the keys', async () => {
    const none = new jose.UnsecuredJWT(CLAIMS).encode();
    const r = await verifyJws(none, [secretKey(k.secret, 's'), key('rsa', k.rsa.publicJwk)]);
    assert.equal(r.status, 'not-allowed');
    assert.match(r.reason ?? '', /unsigned/);
    const f = tokenFinding(await analysed(none, [secretKey(k.secret, 's')]));
    assert.equal(f.causes[0]?.id, 'token.algorithm');
    assert.equal(f.causes[0]?.established, true);
  });

  it('verifies with the public half of a private JWK, and skips keys whose alg or use do not fit', async () => {
    const token = await signWith('RS256', k.rsa.privateJwk, CLAIMS);
    assert.equal((await verifyJws(token, [key('rsa private', k.rsa.privateJwk)])).status, 'verified');
    const wrongAlg = await verifyJws(token, [key('for RS512', { ...k.rsa.publicJwk, alg: 'RS512' })]);
    assert.equal(wrongAlg.status, 'no-key');
    assert.match(wrongAlg.reason ?? '', /it is for alg RS512/);
    const enc = await verifyJws(token, [key('enc key', { ...k.rsa.publicJwk, use: 'enc' })]);
    assert.equal(enc.status, 'no-key');
    assert.match(enc.reason ?? '', /its use is enc/);
  });

  it('no key of the type the alg needs: no-key naming what was given', async () => {
    const token = await signWith('ES384', k.p384.privateJwk, CLAIMS);
    const r = await verifyJws(token, [secretKey(k.secret, 's'), key('p256', k.p256.publicJwk)]);
    assert.equal(r.status, 'no-key');
    assert.match(r.reason ?? '', /alg ES384 needs an EC P-384 public key; the keys given are 512-bit shared secret, EC P-256 public key/);
  });

  it('a key the token carries (jwk) is never used: it proves nothing', async () => {
    const attacker = k.p256b;
    const token = await signWith('ES256', attacker.privateJwk, CLAIMS, { jwk: attacker.publicJwk });
    const alone = await verifyJws(token, []);
    assert.equal(alone.status, 'no-key');
    assert.match(alone.notes.join(' '), /carries its own key \(jwk\)\. It was not used: a token that brings its own key proves nothing/);
    const withReal = await verifyJws(token, [key('issuer key', k.p256.publicJwk)]);
    assert.equal(withReal.status, 'invalid');
  });

  it('names jku and x5u without fetching them', async () => {
    const token = await signWith('ES256', k.p256.privateJwk, CLAIMS, { jku: 'https://evil.example/jwks.json' });
    const r = await verifyJws(token, [key('issuer key', k.p256.publicJwk)]);
    assert.equal(r.status, 'verified');
    assert.match(r.notes.join(' '), /names a key URL \(jku: https:\/\/evil\.example\/jwks\.json\)\. It was not fetched/);
  });

  it('crit: an extension nobody here understands is named; a malformed crit is reported', async () => {
    const ext = await signWith(
      'ES256',
      k.p256.privateJwk,
      CLAIMS,
      { crit: ['urn:example:flag'], 'urn:example:flag': true },
      { crit: { 'urn:example:flag': true } },
    );
    const r = await verifyJws(ext, [key('k', k.p256.publicJwk)]);
    assert.equal(r.status, 'verified');
    assert.deepEqual(r.critUnknown, ['urn:example:flag']);
    assert.match(r.notes.join(' '), /must reject the token, whatever its signature/);
    // jose refuses to sign a malformed crit, so the header is written by hand around a real signature.
    const good = await signWith('ES256', k.p256.privateJwk, CLAIMS);
    const badHeader = jose.base64url.encode(JSON.stringify({ alg: 'ES256', crit: ['alg'] }));
    const malformed = `${badHeader}.${good.split('.')[1]}.${good.split('.')[2]}`;
    const m = await verifyJws(malformed, [key('k', k.p256.publicJwk)]);
    assert.equal(m.status, 'unsupported');
    assert.match(m.reason ?? '', /crit lists alg, which JOSE defines itself/);
    const f = tokenFinding(await analysed(malformed, [key('k', k.p256.publicJwk)]));
    assert.equal(f.causes[0]?.id, 'token.malformed');
  });

  it('texts from a token or a key set are made printable: no terminal escapes, no line breaks, no bidi overrides', async () => {
    const hostileKid = 'k\u001b[2J\u001b]8;;https://evil\u0007x\n\u202eevil';
    const token = await signWith('ES256', k.p256.privateJwk, CLAIMS, { kid: hostileKid });
    const r = await verifyJws(token, jwks('set', withKid(k.p256.publicJwk, 'other\u001b[31m')));
    assert.equal(r.status, 'no-key');
    const all = JSON.stringify(r);
    assert.ok(![...(r.reason ?? '')].some((c) => c.charCodeAt(0) < 32 || c === '\u202e'), r.reason);
    assert.ok(!all.includes('\\u001b'), all);
    assert.ok((r.reason ?? '').includes('kid k\\u001B[2J'), r.reason);
  });

  it('an alg jose cannot check is unsupported', async () => {
    const header = jose.base64url.encode(JSON.stringify({ alg: 'ES256K' }));
    const r = await verifyJws(`${header}.${jose.base64url.encode(JSON.stringify(CLAIMS))}.${jose.base64url.encode(new Uint8Array(64))}`, []);
    assert.equal(r.status, 'unsupported');
    assert.match(r.reason ?? '', /secp256k1/);
  });

  it('a verified token rules out signature and algorithm, here and in the error next to it', async () => {
    const token = await signWith('RS256', k.rsa.privateJwk, CLAIMS, { kid: 'r' });
    const text = `GET /orders\nAuthorization: Bearer ${token}\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token", error_description="signature verification failed"\n`;
    const plain = analyze(text, { now: NOW, leeway: 60, strict: true });
    const before = plain.findings.find((f) => f.kind === 'auth-challenge' || f.kind === 'http-status');
    assert.ok(before);
    assert.ok(
      before.causes.some((c) => c.id === 'token.signature'),
      'without keys the wording suggests a bad signature',
    );
    const set = jwks('orders-api (JWKS)', withKid(k.rsa.publicJwk, 'r'));
    const a = await analysed(text, set);
    const t = tokenFinding(a);
    assert.equal(t.token.signature?.status, 'verified');
    assert.deepEqual(
      t.ruledOut?.map((c) => c.id),
      ['token.signature', 'token.algorithm'],
    );
    assert.match(t.summary, /signature verified/);
    const err = a.findings.find((f) => f.start === before.start)!;
    assert.ok(!err.causes.some((c) => c.id === 'token.signature'), 'ruled out');
    assert.match(err.ruledOut?.find((c) => c.id === 'token.signature')?.evidence[0] ?? '', /verifies with orders-api \(JWKS\) · kid r \(kid r matches\)/);
    // The same error next to a token whose signature fails ranks that first.
    const bad = await analysed(text.replace(token, tamper(token)), set);
    const err2 = bad.findings.find((f) => f.kind === before.kind)!;
    assert.equal(err2.causes[0]?.id, 'token.signature');
    assert.match(err2.causes[0].evidence.join(' '), /does not verify with orders-api \(JWKS\) · kid r/);
  });

  it('the check follows the token through damage: a token broken across lines is checked as one', async () => {
    const token = await signWith('ES256', k.p256.privateJwk, CLAIMS);
    const broken = `token: ${token.slice(0, 60)}\n${token.slice(60)}\n`;
    const f = tokenFinding(await analysed(broken, [key('k', k.p256.publicJwk)]));
    assert.equal(compactOf(f), token);
    assert.equal(f.token.signature?.status, 'verified');
  });
});

describe('keys from text: JWK, JWK Set, PEM, secrets said explicitly', function () {
  let k: Keyring;
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    k = await keyring();
  });

  it('reads a JWK, a JWK Set (skipping bad members) and says what is wrong with the rest', async () => {
    const one = await loadKeyText(JSON.stringify(withKid(k.p256.publicJwk, 'x')), 'pasted');
    assert.equal(one.keys.length, 1);
    assert.equal(one.keys[0]!.name, 'pasted · kid x');
    const set = await loadKeyText(JSON.stringify({ keys: [k.rsa.publicJwk, { kty: 'RSA' }, { kty: 'nope' }] }), 'jwks.json');
    assert.equal(set.keys.length, 1);
    assert.deepEqual(set.problems, [
      'key 2 of the set is skipped: a RSA key needs n, e',
      'key 3 of the set is skipped: kty "nope" is not a key type JOSE knows',
    ]);
    assert.match((await loadKeyText('{"keys": ', 'x')).problems[0]!, /does not parse/);
    assert.match((await loadKeyText('just some words', 'x')).problems[0]!, /say how it is written/);
  });

  it('reads PEM: SPKI, PKCS#8 and an X.509 certificate, and explains PKCS#1', async () => {
    const rsaPub = await pemOf(k.rsa.publicJwk, 'RS256');
    const ecPriv = await pemOf(k.p384.privateJwk, 'ES384');
    const spki = await loadKeyText(rsaPub, 'pub.pem');
    assert.equal(describeKey(spki.keys[0]!.jwk), 'RSA 2048-bit public key');
    const pk8 = await loadKeyText(ecPriv, 'key.pem');
    assert.equal(describeKey(pk8.keys[0]!.jwk), 'EC P-384 private key');
    const both = await loadKeyText(`${rsaPub}\n${ecPriv}`, 'bundle.pem');
    assert.deepEqual(
      both.keys.map((x) => x.name),
      ['bundle.pem · public key 1', 'bundle.pem · private key 2'],
    );
    const pkcs1 = await loadKeyText('-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n', 'old.pem');
    assert.equal(pkcs1.keys.length, 0);
    assert.match(pkcs1.problems[0]!, /openssl pkcs8 -topk8/);
  });

  it('an X.509 certificate (made by openssl) verifies tokens signed by its key', async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    const dir = mkdtempSync(join(tmpdir(), 'td-x509-'));
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-subj',
        '/CN=td-test',
        '-days',
        '1',
      ],
      {
        stdio: 'ignore',
      },
    );
    const priv = await jose.importPKCS8(readFileSync(keyFile, 'utf8'), 'ES256');
    const token = await new jose.SignJWT(CLAIMS).setProtectedHeader({ alg: 'ES256' }).sign(priv);
    const cert = await loadKeyText(readFileSync(certFile, 'utf8'), 'cert.pem');
    assert.equal(describeKey(cert.keys[0]!.jwk), 'EC P-256 public key');
    const r = await verifyJws(token, cert.keys);
    assert.equal(r.status, 'verified');
    assert.equal(r.key, 'cert.pem');
  });

  it('secrets: UTF-8, base64 and base64url only when said, the same bytes either way', () => {
    const bytes = new TextEncoder().encode('s3cr3t+/ key');
    assert.deepEqual(secretBytes('s3cr3t+/ key', 'utf8'), bytes);
    assert.deepEqual(secretBytes(Buffer.from(bytes).toString('base64'), 'base64'), bytes);
    assert.deepEqual(secretBytes(Buffer.from(bytes).toString('base64url'), 'base64url'), bytes);
    assert.equal(secretBytes('not base64!', 'base64'), undefined);
    assert.equal(secretBytes('a+b/', 'base64url'), undefined);
  });

  it('scopes a key to an issuer, trailing slashes aside', () => {
    const s = { ...secretKey(new Uint8Array(32), 'x'), issuer: 'https://idp.example.com' };
    assert.ok(scopedTo(s, 'https://idp.example.com/'));
    assert.ok(!scopedTo(s, 'https://other.example.com/'));
    assert.ok(!scopedTo(secretKey(new Uint8Array(32), 'y'), 'https://idp.example.com'));
  });
});

describe('decrypting JWEs with keys the user gives (jose, real keys)', function () {
  let k: Keyring;
  let inner: string;
  let innerExpired: string;
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    k = await keyring();
    inner = await signWith('ES256', k.p256.privateJwk, { ...CLAIMS }, { typ: 'at+jwt', kid: 'sig-1' });
    innerExpired = await signWith('ES256', k.p256.privateJwk, EXPIRED, { typ: 'at+jwt', kid: 'sig-1' });
  });

  const secretOf = (n: number) => new Uint8Array(n).map((_, i) => (i * 7 + 3) & 0xff);
  const families: Array<[string, string, (k: Keyring) => { enc: jose.JWK | Uint8Array; dec: UserKey }]> = [
    ['dir', 'A128GCM', () => ({ enc: secretOf(16), dec: secretKey(secretOf(16), 'cek') })],
    ['dir', 'A256GCM', () => ({ enc: secretOf(32), dec: secretKey(secretOf(32), 'cek') })],
    ['dir', 'A128CBC-HS256', () => ({ enc: secretOf(32), dec: secretKey(secretOf(32), 'cek') })],
    ['A128KW', 'A128GCM', () => ({ enc: secretOf(16), dec: secretKey(secretOf(16), 'kek') })],
    ['A256KW', 'A256CBC-HS512', () => ({ enc: secretOf(32), dec: secretKey(secretOf(32), 'kek') })],
    ['A128GCMKW', 'A128GCM', () => ({ enc: secretOf(16), dec: secretKey(secretOf(16), 'kek') })],
    ['RSA-OAEP', 'A256GCM', (k) => ({ enc: k.rsa.publicJwk, dec: key('rsa private', k.rsa.privateJwk) })],
    ['RSA-OAEP-256', 'A256GCM', (k) => ({ enc: k.rsa.publicJwk, dec: key('rsa private', k.rsa.privateJwk) })],
    ['ECDH-ES', 'A128GCM', (k) => ({ enc: k.p256.publicJwk, dec: key('ec private', k.p256.privateJwk) })],
    ['ECDH-ES+A128KW', 'A128GCM', (k) => ({ enc: k.p384.publicJwk, dec: key('ec private', k.p384.privateJwk) })],
    ['ECDH-ES+A256KW', 'A256GCM', (k) => ({ enc: k.x25519.publicJwk, dec: key('x25519 private', k.x25519.privateJwk) })],
    ['ECDH-ES', 'A256GCM', (k) => ({ enc: k.x25519.publicJwk, dec: key('x25519 private', k.x25519.privateJwk) })],
  ];
  for (const [alg, enc, pick] of families) {
    it(`${alg} / ${enc}: decrypts, and the nested JWT is diagnosed and verified like any other`, async () => {
      const { enc: to, dec } = pick(k);
      const jwe = await encryptTo(alg, enc, to, innerExpired, { cty: 'JWT' });
      const d = await decryptJwe(jwe, [dec]);
      assert.equal(d.result.status, 'decrypted', d.result.reason);
      assert.equal(d.result.content, 'nested-token');
      assert.equal(d.plaintext, innerExpired);
      const f = tokenFinding(await analysed(`token=${jwe}`, [dec, key('sig', withKid(k.p256.publicJwk, 'sig-1'))]));
      assert.equal(f.kind, 'jwe');
      assert.equal(f.token.decryption?.status, 'decrypted');
      assert.equal(f.token.nested?.signature?.status, 'verified');
      assert.equal(f.token.nested?.claims?.sub, 'user-1');
      assert.equal(f.token.type.type, 'access-token');
      assert.deepEqual(
        f.causes.map((c) => [c.id, c.established]),
        [['token.expired', true]],
      );
      assert.match(f.causes[0]!.evidence[0]!, /^The token inside: exp /);
      assert.match(f.summary, /^JWE · .* · decrypted · access token · expired 1 h ago · signature verified$/);
    });
  }

  it('a JWE holding claims directly: the claims are read and the signature cause is ruled out', async () => {
    const jwe = await encryptTo('dir', 'A256GCM', secretOf(32), JSON.stringify(CLAIMS));
    const f = tokenFinding(await analysed(jwe, [secretKey(secretOf(32), 'cek')]));
    assert.equal(f.token.decryption?.content, 'claims');
    assert.equal(f.token.claims?.scope, 'orders:read');
    assert.deepEqual(f.causes, []);
    assert.deepEqual(
      f.ruledOut?.map((c) => c.id),
      ['token.signature'],
    );
  });

  it('the wrong key fails, a public key cannot decrypt, a key of the wrong size is not tried', async () => {
    const jwe = await encryptTo('RSA-OAEP-256', 'A256GCM', k.rsa.publicJwk, inner, { kid: 'enc-1' });
    const pub = await decryptJwe(jwe, [key('rsa public', withKid(k.rsa.publicJwk, 'enc-1'))]);
    assert.equal(pub.result.status, 'no-key');
    assert.match(pub.result.reason ?? '', /it is a public key; decrypting needs the private key/);
    const dirJwe = await encryptTo('dir', 'A256GCM', secretOf(32), inner);
    const wrong = await decryptJwe(dirJwe, [
      secretKey(
        secretOf(32).map((b) => b ^ 1),
        'other',
      ),
    ]);
    assert.equal(wrong.result.status, 'failed');
    assert.equal(wrong.plaintext, undefined);
    const size = await decryptJwe(dirJwe, [secretKey(secretOf(16), 'short')]);
    assert.equal(size.result.status, 'no-key');
    assert.match(size.result.reason ?? '', /it is 128 bits; dir with A256GCM needs 256/);
    const f = tokenFinding(
      await analysed(dirJwe, [
        secretKey(
          secretOf(32).map((b) => b ^ 1),
          'other',
        ),
      ]),
    );
    assert.equal(f.causes[0]?.id, 'token.signature');
    assert.equal(f.causes[0]?.established, true);
    assert.match(f.summary, /does not decrypt/);
  });

  it('PBES2 only when allowed, and never above the iteration cap', async () => {
    const password = new TextEncoder().encode('correct horse battery staple');
    const jwe = await encryptTo('PBES2-HS256+A128KW', 'A128GCM', password, inner, {}, { p2c: 2048 });
    const pw = secretKey(password, 'password');
    const off = await decryptJwe(jwe, [pw]);
    assert.equal(off.result.status, 'unsupported');
    assert.match(off.result.reason ?? '', /off until you allow it/);
    const on = await decryptJwe(jwe, [pw], { allowed: true, maxIterations: 10_000 });
    assert.equal(on.result.status, 'decrypted');
    const capped = await decryptJwe(jwe, [pw], { allowed: true, maxIterations: 1000 });
    assert.equal(capped.result.status, 'unsupported');
    assert.match(capped.result.reason ?? '', /p2c is 2048, above the cap of 1000/);
    assert.equal(capped.result.tried.length, 0);
  });

  it('RSA1_5 and unknown algorithms are unsupported', async () => {
    const seg = (n: number) => jose.base64url.encode(new Uint8Array(n));
    const header = jose.base64url.encode(JSON.stringify({ alg: 'RSA1_5', enc: 'A128GCM' }));
    const r = await decryptJwe(`${header}.${seg(256)}.${seg(12)}.${seg(40)}.${seg(16)}`, [key('rsa', k.rsa.privateJwk)]);
    assert.equal(r.result.status, 'unsupported');
    assert.match(r.result.reason ?? '', /RSA1_5/);
  });

  it('checkTokens keeps the JWE and the token inside it, so both are found by their text', async () => {
    const jwe = await encryptTo('dir', 'A128GCM', secretOf(16), inner);
    const map = await checkTokens([jwe, jwe], [secretKey(secretOf(16), 'cek'), key('sig', withKid(k.p256.publicJwk, 'sig-1'))]);
    assert.deepEqual([...map.keys()], [jwe, inner]);
    assert.equal(map.get(inner)?.signature?.status, 'verified');
  });
});
