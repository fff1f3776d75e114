// Node host only (a loopback HTTP server serves discovery and key sets): left out of the web worker bundle.
// Verify Signature…, Decrypt… and Manage Keys in a real VS Code: SecretStorage, the analysis
// cache, hovers, lenses and the panel are the real ones; only the prompts are scripted (KeyUi),
// and key documents come from a loopback HTTP server that records every request.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import * as vscode from 'vscode';
import type { KeyUi } from '../../src/vscode/keys/commands';
import { api, hoverText, lensTitles, openFile, positionOf, setting, until } from './editor-helpers';

const VERIFY = 'tokenDoctor.verifySignature';
const DECRYPT = 'tokenDoctor.decrypt';
const MANAGE = 'tokenDoctor.manageKeys';

interface Loopback {
  readonly base: string;
  readonly requests: string[];
  route(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

function serve(): Promise<Loopback> {
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(path);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        route: (p, h) => routes.set(p, h),
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

function json(value: unknown) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify(value);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  };
}

/** Prompts answered from a script; every question and message is logged. */
interface Script {
  picks?: RegExp[];
  inputs?: string[];
  asks?: Array<string | undefined>;
  tells?: Array<string | undefined>;
  file?: vscode.Uri;
}

function scripted(script: Script): KeyUi & { log: string[] } {
  const log: string[] = [];
  const picks = [...(script.picks ?? [])];
  const inputs = [...(script.inputs ?? [])];
  const asks = [...(script.asks ?? [])];
  const tells = [...(script.tells ?? [])];
  return {
    log,
    pick(items, options) {
      const want = picks.shift();
      log.push(
        `pick ${options.title}: ${items.map((i) => `${i.label}${i.description ? ` [${i.description}]` : ''}${i.detail ? ` {${i.detail}}` : ''}`).join(' | ')}`,
      );
      const chosen = want ? items.find((i) => i.kind !== vscode.QuickPickItemKind.Separator && want.test(i.label)) : undefined;
      if (want && !chosen) log.push(`no item matches ${String(want)}`);
      return Promise.resolve(chosen);
    },
    input(options) {
      log.push(`input ${options.title ?? ''}: ${options.prompt ?? ''}`);
      return Promise.resolve(inputs.shift());
    },
    ask(message, detail, ...actions) {
      log.push(`ask ${message} (${detail}) [${actions.join(', ')}]`);
      return Promise.resolve(asks.shift());
    },
    tell(kind, message, ...actions) {
      log.push(`tell ${kind} ${message} [${actions.join(', ')}]`);
      return Promise.resolve(tells.shift());
    },
    openFile() {
      log.push('openFile');
      return Promise.resolve(script.file);
    },
  };
}

type Outcome = { status: string; key?: string; reason?: string; fetched?: string[] };

/** Hover Markdown with its backslash escapes removed: the text a person reads. */
async function hoverPlain(doc: vscode.TextDocument, at: vscode.Position): Promise<string> {
  return (await hoverText(doc, at)).replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** The argument the hover's "Verify signature…" link passes for the token at `needle`. */
function targetAt(doc: vscode.TextDocument, needle: string) {
  return { uri: doc.uri.toString(), offset: doc.offsetAt(positionOf(doc, needle, 5)), nth: 0 };
}

describe('keys: verify, decrypt, manage (a loopback key server)', function () {
  this.timeout(60_000);
  let server: Loopback;
  let rsa: jose.GenerateKeyPairResult;
  let rsaJwk: jose.JWK;
  let ec: jose.GenerateKeyPairResult;
  let iss: string;
  const now = Math.floor(Date.now() / 1000);

  const sign = (key: jose.CryptoKey, header: jose.JWTHeaderParameters, claims: Record<string, unknown> = {}) =>
    new jose.SignJWT({ iss, sub: 'user-1', aud: 'api://orders', scope: 'orders.read', iat: now - 60, exp: now + 3600, ...claims })
      .setProtectedHeader(header)
      .sign(key);

  before(async function () {
    this.timeout(120_000);
    await api();
    server = await serve();
    iss = `${server.base}/tenant`;
    rsa = await jose.generateKeyPair('RS256', { extractable: true });
    ec = await jose.generateKeyPair('ES256', { extractable: true });
    rsaJwk = { ...(await jose.exportJWK(rsa.publicKey)), kid: 'k1', use: 'sig' };
    server.route('/tenant/.well-known/openid-configuration', json({ issuer: iss, jwks_uri: `${server.base}/tenant/jwks` }));
    server.route('/tenant/jwks', json({ keys: [rsaJwk, { ...(await jose.exportJWK(ec.publicKey)), kid: 'k2' }] }));
    server.route('/jku', json({ keys: [{ ...(await jose.exportJWK(ec.publicKey)), kid: 'attacker' }] }));
    server.route('/moved', (_req, res) => {
      res.writeHead(302, { location: '/tenant/jwks' });
      res.end();
    });
  });
  afterEach(async () => {
    const doctor = await api();
    doctor.testing.useKeyUi(undefined);
    await doctor.testing.resetKeys();
    await setting('keys.pbes2MaxIterations', undefined);
    server.requests.splice(0);
  });
  after(() => server.close());

  it('hovering, lenses, scanning and the panel make no request; verifying fetches only the URLs shown', async () => {
    const doctor = await api();
    const token = await sign(rsa.privateKey, { alg: 'RS256', kid: 'k1', typ: 'at+jwt' });
    const jku = await sign(ec.privateKey, { alg: 'ES256', kid: 'attacker', jku: `${server.base}/jku` });
    const doc = await openFile('keys-quiet.log', `GET /orders\nAuthorization: Bearer ${token}\nnext: ${jku}\n`);
    assert.match(await hoverPlain(doc, positionOf(doc, token, 5)), /Signature not verified/);
    await hoverPlain(doc, positionOf(doc, jku, 5));
    const titles = await lensTitles(doc);
    assert.ok(titles.includes('Verify signature…'), titles.join(' | '));
    doctor.scan(doc.getText());
    await vscode.commands.executeCommand('tokenDoctor.showDiagnosis', targetAt(doc, token));
    assert.match(doctor.testing.panelHtml() ?? '', /data-keys="verify"/);
    await vscode.commands.executeCommand('tokenDoctor.copyDecoded', targetAt(doc, token));
    assert.deepEqual(server.requests, [], 'no request without a user action');
    assert.deepEqual(doctor.testing.requests(), []);

    // The user picks OpenID discovery (the item shows its URL), then agrees to the jwks_uri shown.
    const ui = scripted({ picks: [/Fetch the issuer's keys/], asks: ['Fetch'] });
    doctor.testing.useKeyUi(ui);
    const outcome = await vscode.commands.executeCommand<Outcome>(VERIFY, targetAt(doc, token));
    assert.equal(outcome.status, 'verified', ui.log.join('\n'));
    assert.match(
      ui.log.join('\n'),
      new RegExp(`Fetch the issuer's keys \\(OpenID discovery\\) \\[${server.base}/tenant/\\.well-known/openid-configuration\\]`),
    );
    assert.match(ui.log.join('\n'), new RegExp(`ask Fetch the issuer's keys from ${server.base}/tenant/jwks\\?`));
    assert.deepEqual(server.requests, ['/tenant/.well-known/openid-configuration', '/tenant/jwks']);
    assert.deepEqual(outcome.fetched, [`${server.base}/tenant/.well-known/openid-configuration`, `${server.base}/tenant/jwks`]);
    assert.doesNotMatch(ui.log.join('\n'), /jku/, 'the jku item is not offered for a token without one');

    // The result drives the hover, the lens and the open panel, with no further request.
    const host = new URL(server.base).host;
    await until(async () => /✔ verified with/.test(await hoverPlain(doc, positionOf(doc, token, 5))), 'the hover to show the result');
    const md = await hoverPlain(doc, positionOf(doc, token, 5));
    assert.ok(md.includes(`✔ verified with ${host} (JWKS) · kid k1`), md);
    assert.match(md, /Ruled out: The signature does not verify/);
    await until(async () => (await lensTitles(doc)).includes(`✔ verified with ${host} (JWKS) · kid k1`), 'the lens to show the result');
    // The open panel re-renders after a short debounce: wait for it, as for the hover and the lens.
    const html = await until(() => {
      const h = doctor.testing.panelHtml() ?? '';
      return /<span class="badge verified">verified<\/span>/.test(h) ? h : undefined;
    }, 'the open panel to show the result');
    assert.match(html, /kid k1 matches/);
    assert.match(html, /Keys tried, in order/);

    // Again: the key set comes from the cache, and the pick says how old it is.
    server.requests.splice(0);
    const again = scripted({ picks: [/Fetch the issuer's keys/], asks: ['Fetch'] });
    doctor.testing.useKeyUi(again);
    await vscode.commands.executeCommand<Outcome>(VERIFY, targetAt(doc, token));
    assert.deepEqual(server.requests, []);
    assert.match(again.log.join('\n'), /Cached (just now|\d+ s ago)/);

    // A key URL the token names itself: offered with a warning, fetched only after a modal yes.
    const fromJku = scripted({ picks: [/key URL the token names \(jku\)/], asks: ['Fetch anyway'] });
    doctor.testing.useKeyUi(fromJku);
    const j = await vscode.commands.executeCommand<Outcome>(VERIFY, targetAt(doc, jku));
    assert.equal(j.status, 'verified');
    assert.match(j.key ?? '', /jku from the token/);
    assert.match(fromJku.log.join('\n'), /ask Fetch .*\/jku, the key URL the token names itself\?/);
    assert.deepEqual(server.requests, ['/jku']);
    assert.match(fromJku.log.join('\n'), /trust it only if you trust that host/);
  });

  it('a redirect is shown as a new choice, never followed', async () => {
    const doctor = await api();
    const token = await sign(rsa.privateKey, { alg: 'RS256', kid: 'k1' });
    const doc = await openFile('keys-redirect.log', `token ${token}\n`);
    const ui = scripted({ picks: [/Fetch a JWK Set URL/], inputs: [`${server.base}/moved`], tells: [undefined] });
    doctor.testing.useKeyUi(ui);
    const outcome = await vscode.commands.executeCommand<Outcome>(VERIFY, targetAt(doc, token));
    assert.equal(outcome.status, 'cancelled');
    assert.deepEqual(server.requests, ['/moved']);
    assert.match(ui.log.join('\n'), new RegExp(`redirects to ${server.base}/tenant/jwks.*\\[Fetch ${server.base}/tenant/jwks\\]`));
  });

  it('key rotation, a tampered token and the RS/HS confusion become the diagnosis', async () => {
    const doctor = await api();
    const rotated = await sign(rsa.privateKey, { alg: 'RS256', kid: '2025-old' });
    const good = await sign(rsa.privateKey, { alg: 'RS256', kid: 'k1' });
    const [h, , s] = good.split('.');
    const tampered = `${h}.${jose.base64url.encode(JSON.stringify({ iss, sub: 'admin', exp: now + 3600 }))}.${s}`;
    const pem = await jose.exportSPKI(rsa.publicKey);
    const confused = await new jose.SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(iss).sign(new TextEncoder().encode(pem));
    const text = `c ${confused}\na ${rotated}\nb ${tampered}\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n`;
    const doc = await openFile('keys-facts.log', text);
    const jwks = JSON.stringify({ keys: [rsaJwk] });
    for (const [token, input] of [
      [rotated, jwks],
      [tampered, jwks],
      [confused, pem],
    ] as const) {
      const ui = scripted({ picks: [/Paste a key/], inputs: [input] });
      doctor.testing.useKeyUi(ui);
      await vscode.commands.executeCommand<Outcome>(VERIFY, targetAt(doc, token));
    }
    await until(async () => /no key for kid 2025-old/.test(await hoverPlain(doc, positionOf(doc, rotated, 5))), 'the rotation to show');
    const rot = await hoverPlain(doc, positionOf(doc, rotated, 5));
    assert.match(rot, /kid 2025-old is not among the keys given \(they hold k1\)/);
    assert.match(rot, /Likely cause: \*\*The signature does not verify\*\*/);
    const bad = await hoverPlain(doc, positionOf(doc, tampered, 5));
    assert.match(bad, /✗ signature invalid/);
    const err = await hoverPlain(doc, positionOf(doc, 'invalid_token', 3));
    assert.match(err, /1\. \*\*The signature does not verify\*\*/, err);
    const conf = await hoverPlain(doc, positionOf(doc, confused, 5));
    assert.match(conf, /✗ algorithm not allowed for this key/);
    assert.match(conf, /RS\/HS confusion/);
    assert.deepEqual(server.requests, []);
  });

  it('decrypts a JWE from a key file and diagnoses the token inside; Save Key stores it; Manage Keys removes it', async () => {
    const doctor = await api();
    const inner = await sign(rsa.privateKey, { alg: 'RS256', kid: 'k1', typ: 'at+jwt' }, { exp: now - 7200, iat: now - 9000 });
    const cek = new Uint8Array(32).map((_, i) => i + 1);
    const jwe = await new jose.CompactEncrypt(new TextEncoder().encode(inner)).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' }).encrypt(cek);
    const doc = await openFile('keys-jwe.log', `token=${jwe}\n`);
    assert.match(await hoverPlain(doc, positionOf(doc, jwe, 5)), /Encrypted: not decrypted · \[Decrypt…\]/);
    assert.ok((await lensTitles(doc)).includes('Decrypt…'));
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const keyFile = vscode.Uri.joinPath(folder, 'generated', 'cek.jwk');
    await vscode.workspace.fs.writeFile(keyFile, Buffer.from(JSON.stringify({ kty: 'oct', k: jose.base64url.encode(cek) })));
    const ui = scripted({ picks: [/Choose a key file/, /For any token/], file: keyFile, tells: ['Save Key…'], inputs: ['orders cek'] });
    doctor.testing.useKeyUi(ui);
    const outcome = await vscode.commands.executeCommand<Outcome>(DECRYPT, targetAt(doc, jwe));
    assert.equal(outcome.status, 'decrypted', ui.log.join('\n'));
    assert.equal(outcome.key, 'cek.jwk');
    await until(async () => /✔ decrypted with cek\.jwk/.test(await hoverPlain(doc, positionOf(doc, jwe, 5))), 'the hover to show the decryption');
    const md = await hoverPlain(doc, positionOf(doc, jwe, 5));
    assert.match(md, /Likely cause: \*\*The token has expired\*\*/, md);
    assert.match(md, /`api:\/\/orders`/, 'the claims inside are shown');
    const stored = await doctor.testing.storedKeys();
    assert.deepEqual(
      stored.map((k) => [k.name, k.source, k.from, k.jwks.length]),
      [['orders cek', 'file', 'cek.jwk', 1]],
    );
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('tokenDoctor')).includes(jose.base64url.encode(cek)), 'never in settings');

    // Manage Keys lists it; removing it forgets what it proved.
    const manage = scripted({ picks: [/orders cek/, /Remove/], asks: ['Remove'] });
    doctor.testing.useKeyUi(manage);
    await vscode.commands.executeCommand(MANAGE);
    assert.match(manage.log.join('\n'), /\$\(key\) orders cek \[256-bit shared secret\] \{for any token \(when picked\) · from cek\.jwk\}/);
    assert.deepEqual(await doctor.testing.storedKeys(), []);
    await until(async () => /Encrypted: not decrypted/.test(await hoverPlain(doc, positionOf(doc, jwe, 5))), 'the result to be forgotten');
  });

  it('a key stored for an issuer checks that issuer’s tokens as they show, without asking and without the network', async () => {
    const doctor = await api();
    const requestsBefore = doctor.testing.requests().length;
    const add = scripted({ picks: [/Add a key/, /Paste a key/, /For another issuer/], inputs: [JSON.stringify({ keys: [rsaJwk] }), 'issuer keys', iss] });
    doctor.testing.useKeyUi(add);
    await vscode.commands.executeCommand(MANAGE);
    const stored = await doctor.testing.storedKeys();
    assert.equal(stored[0]?.issuer, iss, add.log.join('\n'));
    doctor.testing.useKeyUi(scripted({}));
    const token = await sign(rsa.privateKey, { alg: 'RS256', kid: 'k1' });
    const other = await new jose.SignJWT({ sub: 'y' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('https://elsewhere.example/')
      .sign(rsa.privateKey);
    const doc = await openFile('keys-auto.log', `mine ${token}\nother ${other}\n`);
    await until(
      async () => /✔ verified with issuer keys · kid k1/.test(await hoverPlain(doc, positionOf(doc, token, 5))),
      'the scoped key to verify the token',
    );
    assert.match(await hoverPlain(doc, positionOf(doc, other, 5)), /Signature not verified/, 'a key is only used on its own issuer’s tokens');
    assert.deepEqual(server.requests, []);
    assert.equal(doctor.testing.requests().length, requestsBefore);
  });

  it('PBES2 only after a yes, within the iteration cap; the panel’s buttons run the commands', async () => {
    const doctor = await api();
    const inner = await sign(rsa.privateKey, { alg: 'RS256', kid: 'k1' });
    const jwe = await new jose.CompactEncrypt(new TextEncoder().encode(inner))
      .setProtectedHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' })
      .setKeyManagementParameters({ p2c: 2000 })
      .encrypt(new TextEncoder().encode('hunter2'));
    const doc = await openFile('keys-pbes2.log', `jwe ${jwe}\n`);
    await setting('keys.pbes2MaxIterations', 1000);
    const capped = scripted({});
    doctor.testing.useKeyUi(capped);
    assert.equal((await vscode.commands.executeCommand<Outcome>(DECRYPT, targetAt(doc, jwe))).status, 'unsupported');
    assert.match(capped.log.join('\n'), /p2c is 2000, above the cap of 1000/);
    assert.ok(!capped.log.some((l) => l.startsWith('input')), 'no password asked above the cap');
    await setting('keys.pbes2MaxIterations', undefined);
    // From the panel: its Decrypt… button.
    await vscode.commands.executeCommand('tokenDoctor.showDiagnosis', targetAt(doc, jwe));
    const ui = scripted({ asks: ['Enter a password…'], inputs: ['hunter2'] });
    doctor.testing.useKeyUi(ui);
    assert.equal(await doctor.testing.postFromPanel({ type: 'keys', action: 'decrypt', item: 0 }), true);
    await until(() => doctor.testing.lastKeyOutcome()?.status === 'decrypted', 'the panel’s Decrypt… to finish');
    assert.match(ui.log.join('\n'), /ask Decrypt with a password \(PBES2-HS256\+A128KW\)\? \(The token asks for 2000 rounds of PBKDF2/);
    await until(() => /<span class="badge verified">decrypted<\/span>/.test(doctor.testing.panelHtml() ?? ''), 'the open panel to show the decryption');
    assert.equal(await doctor.testing.postFromPanel({ type: 'keys', action: 'format-disk', item: 0 }), false);
    assert.equal(await doctor.testing.postFromPanel({ type: 'keys', action: 'verify', item: 7 }), false);
  });
});
