import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encryptTo, keyring, pemOf, signWith, tamper, withKid, type Keyring } from './helpers/keys';
import { json, startServer, type TestServer } from './helpers/server';
import { KEYS_TIMEOUT_MS, NOW, WORK_TIMEOUT_MS } from './helpers/tokens';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'dist/cli.js');

/** Runs the command line without blocking this process (the loopback server here must answer it). */
function run(args: string[], input = '', env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (code) => done({ code, out, err }));
    child.stdin.end(input);
  });
}

const CLAIMS = { iss: 'https://idp.example.com/', sub: 'user-1', aud: 'api', iat: NOW - 600, exp: NOW + 3000 };

/** Every run of 40 characters of `secret` that appears in `text` (the contract allows none). */
function copiedRuns(text: string, secret: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 40 <= secret.length; i += 8) if (text.includes(secret.slice(i, i + 40))) out.push(secret.slice(i, i + 40));
  return out;
}

describe('token-doctor scan with keys (--key, --secret-env, --jwks-url)', function () {
  this.timeout(WORK_TIMEOUT_MS);
  let k: Keyring;
  let dir: string;
  let server: TestServer;
  let good: string;
  let rotated: string;
  let hs: string;
  const secret = 'a shared secret of thirty-two bytes!';
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    k = await keyring();
    dir = mkdtempSync(join(tmpdir(), 'td-cli-keys-'));
    good = await signWith('RS256', k.rsa.privateJwk, CLAIMS, { kid: '2026-key-1', typ: 'at+jwt' });
    rotated = await signWith('RS256', k.rsa.privateJwk, CLAIMS, { kid: '2025-key-1' });
    hs = await signWith('HS256', new TextEncoder().encode(secret), CLAIMS);
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [withKid(k.rsa.publicJwk, '2026-key-1'), withKid(k.p256.publicJwk, '2026-key-2')] }));
    writeFileSync(join(dir, 'rsa-private.pem'), await pemOf(k.rsa.privateJwk, 'RS256'));
    writeFileSync(join(dir, 'secret.txt'), `${secret}\n`);
    server = await startServer();
    server.route('/jwks', json({ keys: [withKid(k.rsa.publicJwk, '2026-key-1')] }, 'application/jwk-set+json'));
    server.route('/moved', (_req, res) => {
      res.writeHead(301, { location: '/jwks' });
      res.end();
    });
  });
  after(() => server.close());
  beforeEach(() => server.requests.splice(0));

  it('--json: signature per contract.md on every jwt finding, an invalid one established and first', async () => {
    const text = `a ${good}\nb ${tamper(good)}\nc ${rotated}\n`;
    const r = await run(['scan', '--json', '--now', String(NOW), '--key', join(dir, 'jwks.json')], text);
    assert.equal(r.code, 0, r.err);
    const { findings } = JSON.parse(r.out);
    assert.deepEqual(
      findings.map((f: { signature: { status: string } }) => f.signature.status),
      ['verified', 'invalid', 'no-key'],
    );
    for (const f of findings) {
      for (const m of Object.keys(f.signature)) assert.ok(['status', 'kid', 'key', 'reason'].includes(m), `signature.${m} is not in the contract`);
    }
    assert.deepEqual(findings[0].signature, {
      status: 'verified',
      kid: '2026-key-1',
      key: `${join(dir, 'jwks.json')} · kid 2026-key-1`,
      reason: `verified with ${join(dir, 'jwks.json')} · kid 2026-key-1 (kid 2026-key-1 matches)`,
    });
    assert.deepEqual(findings[0].causes, []);
    assert.deepEqual(
      findings[1].causes.map((c: { id: string; established?: boolean }) => [c.id, c.established]),
      [['token.signature', true]],
    );
    assert.equal(findings[2].signature.kid, '2025-key-1');
    assert.match(findings[2].signature.reason, /kid 2025-key-1 is not among the keys given \(they hold 2026-key-1\)/);
    assert.equal(findings[2].causes[0].id, 'token.signature');
    assert.equal(findings[2].causes[0].established, undefined);
  });

  it('no keys: no signature member, no request', async () => {
    const r = await run(['scan', '--json', '--now', String(NOW)], `a ${good}\n`);
    const { findings } = JSON.parse(r.out);
    assert.equal(findings[0].signature, undefined);
    assert.deepEqual(server.requests, []);
  });

  it('--fail-on established fails on a signature that does not verify', async () => {
    const key = ['--key', join(dir, 'jwks.json')];
    assert.equal((await run(['scan', '--fail-on', 'established', '--now', String(NOW), ...key], good)).code, 0);
    assert.equal((await run(['scan', '--fail-on', 'established', '--now', String(NOW), ...key], tamper(good))).code, 1);
    assert.equal((await run(['scan', '--fail-on', 'token.signature', '--now', String(NOW), ...key], tamper(good))).code, 1);
  });

  it('--jwks-url: one request, to exactly that URL; a redirect is refused', async () => {
    const r = await run(['scan', '--json', '--now', String(NOW), '--jwks-url', `${server.base}/jwks`], `a ${good}\nb ${rotated}\nc ${good}\n`);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(server.requests, ['/jwks']);
    const { findings } = JSON.parse(r.out);
    assert.equal(findings[0].signature.status, 'verified');
    assert.equal(findings[0].signature.key, `${server.base}/jwks (JWKS) · kid 2026-key-1`);
    server.requests.splice(0);
    const moved = await run(['scan', '--json', '--jwks-url', `${server.base}/moved`], good);
    assert.equal(moved.code, 2);
    assert.match(moved.err, /redirects to .*\/jwks; only the URL shown is fetched/);
    assert.deepEqual(server.requests, ['/moved']);
    const plain = await run(['scan', '--jwks-url', 'http://example.com/jwks'], good);
    assert.equal(plain.code, 2);
    assert.match(plain.err, /only https URLs are fetched/);
  });

  it('shared secrets from a file (its final line break aside) or an environment variable, never an argument', async () => {
    const file = await run(['scan', '--json', '--now', String(NOW), '--key', join(dir, 'secret.txt')], hs);
    assert.equal(JSON.parse(file.out).findings[0].signature.key, `secret in ${join(dir, 'secret.txt')} without its final line break`);
    const env = await run(['scan', '--json', '--now', String(NOW), '--secret-env', 'TD_SECRET'], hs, { TD_SECRET: secret });
    assert.equal(JSON.parse(env.out).findings[0].signature.key, 'secret from $TD_SECRET');
    const b64 = await run(['scan', '--json', '--now', String(NOW), '--secret-env', 'TD_SECRET:base64'], hs, {
      TD_SECRET: Buffer.from(secret).toString('base64'),
    });
    assert.equal(JSON.parse(b64.out).findings[0].signature.status, 'verified');
    const wrong = await run(['scan', '--json', '--now', String(NOW), '--secret-env', 'TD_SECRET'], hs, { TD_SECRET: 'another secret' });
    assert.equal(JSON.parse(wrong.out).findings[0].signature.status, 'invalid');
    for (const r of [file, env, b64]) assert.ok(!r.out.includes(secret) && !r.err.includes(secret), 'the secret never appears');
    const arg = await run(['scan', `--secret=${secret}`], hs);
    assert.equal(arg.code, 2);
    assert.match(arg.err, /secrets are never read from arguments/);
    assert.ok(!arg.err.includes(secret));
    const unset = await run(['scan', '--secret-env', 'TD_NOT_SET'], hs);
    assert.equal(unset.code, 2);
    assert.match(unset.err, /TD_NOT_SET is not set/);
  });

  it('decrypts a JWE (RSA-OAEP-256, a PEM private key): the nested token is diagnosed, its causes are the finding’s', async () => {
    const expired = await signWith('RS256', k.rsa.privateJwk, { ...CLAIMS, iat: NOW - 7200, exp: NOW - 3600 }, { kid: '2026-key-1', typ: 'at+jwt' });
    const jwe = await encryptTo('RSA-OAEP-256', 'A256GCM', k.rsa.publicJwk, expired, { cty: 'JWT' });
    const r = await run(['scan', '--json', '--now', String(NOW), '--key', join(dir, 'rsa-private.pem'), '--key', join(dir, 'jwks.json')], `token=${jwe}\n`);
    assert.equal(r.code, 0, r.err);
    const [f] = JSON.parse(r.out).findings;
    assert.equal(f.kind, 'jwe');
    assert.equal(f.decryption.status, 'decrypted');
    assert.equal(f.decryption.key, join(dir, 'rsa-private.pem'));
    assert.equal(f.decryption.signature.status, 'verified');
    assert.deepEqual(
      f.causes.map((c: { id: string; established?: boolean }) => [c.id, c.established]),
      [['token.expired', true]],
    );
    assert.deepEqual(copiedRuns(r.out, expired), [], 'the token inside is never copied into the output');
    const text = await run(['scan', '--now', String(NOW), '--key', join(dir, 'rsa-private.pem')], `token=${jwe}\n`);
    assert.match(text.out, /sealed {2}✔ decrypted with .*rsa-private\.pem/);
    assert.match(text.out, /inside {2}access token \(RFC 9068\)/);
    assert.deepEqual(copiedRuns(text.out, expired), []);
    const none = await run(['scan', '--json', '--key', join(dir, 'jwks.json')], jwe);
    assert.equal(JSON.parse(none.out).findings[0].decryption.status, 'no-key');
  });

  it('worker threads get the results too (a folder, --jobs 2), and SARIF levels follow established causes', async () => {
    const folder = join(dir, 'logs');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'a.log'), `ok ${good}\n`);
    writeFileSync(join(folder, 'b.log'), `bad ${tamper(good)}\n`);
    const r = await run(['scan', '--json', '--jobs', '2', '--now', String(NOW), '--key', join(dir, 'jwks.json'), folder]);
    assert.equal(r.code, 0, r.err);
    const findings = JSON.parse(r.out).findings;
    assert.deepEqual(
      findings.map((f: { file: string; signature: { status: string } }) => [f.file.replace(/\\/g, '/').split('/').pop(), f.signature.status]),
      [
        ['a.log', 'verified'],
        ['b.log', 'invalid'],
      ],
    );
    const sarif = JSON.parse((await run(['scan', '--format', 'sarif', '--now', String(NOW), '--key', join(dir, 'jwks.json')], tamper(good))).out);
    const result = sarif.runs[0].results[0];
    assert.equal(result.ruleId, 'token.signature');
    assert.equal(result.level, 'error');
  });

  it('decode --key checks the token read from standard input', async () => {
    const r = await run(['decode', '--json', '--now', String(NOW), '--key', join(dir, 'jwks.json')], good);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).signature.status, 'verified');
    const text = await run(['decode', '--now', String(NOW), '--key', join(dir, 'jwks.json')], tamper(good));
    assert.match(text.out, /signed {2}✗ signature invalid: the signature does not verify/);
  });

  it('a key file that cannot be used stops the scan with one line', async () => {
    const bad = join(dir, 'pkcs1.pem');
    writeFileSync(bad, '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n');
    const r = await run(['scan', '--key', bad], good);
    assert.equal(r.code, 2);
    assert.match(r.err, /no key in .*pkcs1\.pem: a PKCS#1 "RSA PRIVATE KEY" cannot be read; convert it/);
    assert.equal(r.err.trim().split('\n').length, 1);
    const missing = await run(['scan', '--key', join(dir, 'nope.json')], good);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read the key file .*nope\.json: no such file/);
  });
});
