// The terminal link provider, as registered in the real VS Code: lines of text from a real
// integrated terminal's point of view (TerminalLinkContext with a real Terminal).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokenDoctorApi } from '../../src/vscode/extension';
import { base64url, filled, inWebWorker, json64 as b64 } from './editor-helpers';

const EXTENSION_ID = 'token-doctor.token-doctor';

// Made-up tokens: an HS256 one with a 32-byte signature, and an expired RS256 one.
const JWT = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'terminal-test', exp: 4102444800 })}.${base64url(filled(32, 9))}`;
const EXPIRED = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ iss: 'https://id.example.test', exp: 1700000000 })}.${base64url(filled(256, 3))}`;

async function provider(): Promise<TokenDoctorApi['terminalLinkProvider']> {
  const ext = vscode.extensions.getExtension<TokenDoctorApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  assert.ok(api.terminalLinkProvider, 'the API exposes no terminalLinkProvider');
  return api.terminalLinkProvider;
}

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('tokenDoctor.diagnosis'));
}

/**
 * A real integrated terminal. The web worker host cannot create terminals itself
 * (createTerminal throws NotSupported there), but it sees the ones the workbench opens.
 */
async function openTerminal(name: string): Promise<vscode.Terminal> {
  if (!inWebWorker) return vscode.window.createTerminal({ name });
  const opened = new Promise<vscode.Terminal>((resolve) => {
    const sub = vscode.window.onDidOpenTerminal((t) => {
      sub.dispose();
      resolve(t);
    });
  });
  await vscode.commands.executeCommand('workbench.action.terminal.new');
  return opened;
}

describe('terminal links', function () {
  this.timeout(30_000);
  let terminal: vscode.Terminal;
  const cancel = new vscode.CancellationTokenSource();

  before(async () => {
    terminal = await openTerminal('Token Doctor link test');
  });

  after(async () => {
    terminal.dispose();
    cancel.dispose();
    const tabs = panelTabs();
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  });

  const links = async (line: string) => (await provider()).provideTerminalLinks({ line, terminal }, cancel.token);
  const marked = (line: string, l: { startIndex: number; length: number }) => line.slice(l.startIndex, l.startIndex + l.length);

  it('marks a bearer token in a curl command line, exactly', async () => {
    const line = `$ curl -H "Authorization: Bearer ${JWT}" https://api.example.test/orders`;
    const found = await links(line);
    assert.equal(found.length, 1, `links: ${found.map((l) => l.finding.kind).join(', ')}`);
    assert.equal(marked(line, found[0]!), JWT);
    assert.equal(found[0]!.finding.kind, 'jwt');
    assert.equal(found[0]!.raw, JWT);
    assert.ok(found[0]!.all.includes(found[0]!.finding), 'the link carries the line analysis it came from');
    assert.match(found[0]!.tooltip ?? '', /Token Doctor/);
  });

  it('marks two tokens on one line separately', async () => {
    const line = `access=${JWT} id=${EXPIRED}`;
    const found = await links(line);
    assert.deepEqual(
      found.map((l) => marked(line, l)),
      [JWT, EXPIRED],
    );
  });

  it('marks the OAuth error code of a JSON error response and diagnoses the whole line', async () => {
    const line = '{"error":"invalid_client","error_description":"Client authentication failed."}';
    const found = await links(line);
    assert.equal(found.length, 1, `links: ${found.map((l) => `${l.finding.kind}:${marked(line, l)}`).join(', ')}`);
    assert.equal(marked(line, found[0]!), 'invalid_client');
    assert.equal(found[0]!.finding.kind, 'oauth-error');
    assert.equal(found[0]!.finding.causes[0]?.id, 'client.authentication-failed');
  });

  it('marks the error in a WWW-Authenticate challenge', async () => {
    const line = '< www-authenticate: Bearer realm="orders", error="invalid_token", error_description="The access token expired"';
    const found = await links(line);
    assert.ok(
      found.some((l) => marked(line, l) === 'invalid_token'),
      `marked: ${found.map((l) => marked(line, l)).join(' | ') || 'nothing'}`,
    );
  });

  it('marks the status of a 401 or 403 response, and no other status', async () => {
    for (const [line, code] of [
      ['HTTP/1.1 401 Unauthorized', '401'],
      ['curl: (22) The requested URL returned error: 403', '403'],
    ] as const) {
      const found = await links(line);
      assert.deepEqual(
        found.map((l) => marked(line, l)),
        [code],
        `line: ${line}`,
      );
    }
    assert.equal((await links('HTTP/1.1 404 Not Found')).length, 0);
  });

  it('marks nothing in noise: ordinary output, numbers, ids, words like error and token', async () => {
    const noise = [
      'npm run build && npm test',
      'Compiled 42 files in 1.3 s',
      'error: cannot find module ./foo (see the token list in docs)',
      'GET /health 200 OK 12ms',
      'Ran 401 tests in 4.2s',
      'npm ERR! code E404',
      'Authorization: Basic dXNlcjpwYXNzd29yZA==',
      'request-id 3f2504e0-4f89-11d3-9a0c-0305e82c3301 finished',
      '{"status":"ok","token_type":"Bearer","expires_in":3599}',
      'commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      '',
    ];
    for (const line of noise) {
      const found = await links(line);
      assert.equal(found.length, 0, `"${line}" got links: ${found.map((l) => `${l.finding.kind}:${marked(line, l)}`).join(', ')}`);
    }
  });

  it('opens the diagnosis panel when a link is activated', async () => {
    const p = await provider();
    const [link] = await links(`token: ${EXPIRED}`);
    assert.ok(link, 'no link to activate');
    p.handleTerminalLink(link);
    const deadline = Date.now() + 10_000;
    while (panelTabs().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(panelTabs().length > 0, 'no Token Doctor diagnosis panel opened');
  });
});
