import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, expiredToken, hoverContents, hoverText, jwt, nowSeconds, openFile, outsideCode, positionOf } from './editor-helpers';

const OUR_COMMANDS = [
  'tokenDoctor.showDiagnosis',
  'tokenDoctor.copyDecoded',
  'tokenDoctor.copyRedacted',
  'tokenDoctor.verifySignature',
  'tokenDoctor.decrypt',
  'tokenDoctor.manageKeys',
];

describe('hover', () => {
  before(api);

  const token = expiredToken();
  const cases: Array<[string, string]> = [
    ['client.ts', `const headers = {\n  Authorization: 'Bearer ${token}',\n};\n`],
    ['request.http', `GET https://api.example.test/orders\nAuthorization: Bearer ${token}\n`],
    ['app.log', `2026-11-21T19:04:37Z DEBUG authorization header: Bearer ${token}\n`],
    ['token.json', `{\n  "access_token": "${token}",\n  "token_type": "Bearer"\n}\n`],
    ['config.yaml', `auth:\n  token: ${token}\n`],
    ['notes.md', `# Failing call\n\nThe token was \`${token}\`.\n`],
  ];
  for (const [name, content] of cases) {
    it(`decodes a token in ${name}`, async () => {
      const doc = await openFile(name, content);
      const md = await hoverText(doc, positionOf(doc, token, 40));
      assert.match(md, /JWT · RS256 · access token · expired 3 h/);
      assert.match(md, /alg `RS256` RSA PKCS\\#1/);
      assert.match(md, /kid `key-2026`/);
      assert.match(md, /\| `iss` \| `https:\/\/login\.example\.test\/` \|/);
      assert.match(md, /\| `exp` \| `\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC` · 3 h (\d+ min )?ago \|/);
      assert.match(md, /The token has expired/);
      assert.match(md, /Signature not verified · \[Verify signature…\]\(command:tokenDoctor\.verifySignature\?/);
    });
  }

  it('decodes a token in an untitled buffer', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: `pasted: ${token}\n` });
    const md = await hoverText(doc, positionOf(doc, token, 5));
    assert.match(md, /JWT · RS256 · access token/);
  });

  it('explains an OAuth error and a WWW-Authenticate challenge in a log', async () => {
    const doc = await openFile(
      'errors.log',
      [
        '2026-11-21T19:05:02Z ERROR token refresh failed: 400 {"error":"invalid_grant","error_description":"The refresh token has expired or been revoked."}',
        '2026-11-21T19:04:37Z INFO responded 401 WWW-Authenticate: Bearer realm="orders", error="invalid_token", error_description="The access token expired"',
        '',
      ].join('\n'),
    );
    const grant = await hoverText(doc, positionOf(doc, 'invalid_grant', 3));
    assert.match(grant, /invalid\\_grant/);
    assert.match(grant, /The grant was rejected/);
    assert.match(grant, /Open diagnosis/);
    assert.doesNotMatch(grant, /Copy redacted token/);
    const challenge = await hoverText(doc, positionOf(doc, 'invalid_token', 3));
    assert.match(challenge, /invalid\\_token/);
    assert.match(challenge, /The token has expired/);
  });

  it('gives no hover on look-alikes', async () => {
    const doc = await openFile(
      'lookalikes.ts',
      [
        'const id = "123e4567-e89b-12d3-a456-426614174000";',
        'const pkg = "com.example.orders.api";',
        'const img = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";',
        'const version = "1.20.3";',
        'const notJwt = "eyJub3QiOiJhIGhlYWRlciJ9";',
        'const errorCount = 3;',
        '',
      ].join('\n'),
    );
    for (const needle of ['123e4567', 'com.example', 'iVBORw0', '1.20.3', 'eyJub3Qi', 'errorCount']) {
      assert.equal(await hoverText(doc, positionOf(doc, needle, 2)), '', `unexpected hover on ${needle}`);
    }
  });

  it('gives no hover beside a token, only on it', async () => {
    const doc = await openFile('beside.log', `before ${token} after\n`);
    assert.equal(await hoverText(doc, positionOf(doc, 'before', 1)), '');
    assert.equal(await hoverText(doc, positionOf(doc, 'after', 1)), '');
    assert.notEqual(await hoverText(doc, positionOf(doc, token, token.length - 1)), '');
  });

  it('resolves REST Client variables to the token they hold', async () => {
    const doc = await openFile(
      'vars.rest',
      [`@token = ${token}`, '@auth = Bearer {{token}}', '', 'GET https://api.example.test/orders', 'Authorization: {{auth}}', 'X-Trace: {{missing}}', ''].join(
        '\n',
      ),
    );
    const md = await hoverText(doc, positionOf(doc, '{{auth}}', 3));
    assert.match(md, /\\\{\\\{auth\\\}\\\} is defined in this file/);
    assert.match(md, /JWT · RS256 · access token · expired/);
    assert.equal(await hoverText(doc, positionOf(doc, '{{missing}}', 3)), '');
  });

  it('escapes hostile claim values and trusts only its own commands', async () => {
    const hostile = jwt({
      iss: '[click me](command:workbench.action.quit)',
      sub: '<img src=x onerror=alert(1)>',
      aud: 'https://evil.example/**bold**',
      scope: '`code` | pipe',
      exp: nowSeconds() + 600,
    });
    const doc = await openFile('hostile.txt', `token ${hostile}\n`);
    const [md] = await hoverContents(doc, positionOf(doc, hostile, 10));
    assert.ok(md, 'no hover on the hostile token');
    const outside = outsideCode(md.value);
    assert.doesNotMatch(outside, /<img/, 'raw HTML outside code spans');
    assert.doesNotMatch(outside, /\*\*bold\*\*/);
    const links = [...outside.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.ok(links.length >= 2, 'the hover lost its own links');
    for (const l of links) assert.ok(OUR_COMMANDS.includes(l!), `foreign command link ${l}`);
    assert.equal(md.supportHtml, false);
    assert.deepEqual(md.isTrusted, { enabledCommands: OUR_COMMANDS });
    // The values are still shown, literally, inside code spans.
    assert.ok(md.value.includes('`<img src=x onerror=alert(1)>`'));
  });
});
