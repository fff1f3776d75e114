import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, expiredToken, fromBase64url, jwt, nowSeconds, openFile, positionOf, show } from './editor-helpers';

const DIAGNOSE = 'tokenDoctor.diagnoseToken';
type Outcome = { source: string; findings: number };

async function diagnose(arg?: unknown): Promise<Outcome> {
  return await vscode.commands.executeCommand<Outcome>(DIAGNOSE, ...(arg === undefined ? [] : [arg]));
}

async function panelHtml(): Promise<string> {
  const html = (await api()).testing.panelHtml();
  assert.ok(html, 'the panel is not open');
  return html;
}

describe('Diagnose Token', () => {
  before(api);
  const token = expiredToken();

  it('diagnoses the selection first', async () => {
    const doc = await openFile('select.log', `first line\nBearer ${token}\n{"error":"invalid_client"}\n`);
    const editor = await show(doc);
    const start = positionOf(doc, token);
    editor.selection = new vscode.Selection(start, start.translate(0, token.length));
    assert.deepEqual(await diagnose(), { source: 'selection', findings: 1 });
    const html = await panelHtml();
    assert.match(html, /Diagnosis of the selection in select\.log/);
    assert.match(html, /key-2026/);
    assert.doesNotMatch(html, /invalid_client/, 'only the selection is diagnosed');
  });

  it('else the finding under the cursor', async () => {
    const doc = await openFile('cursor.log', `first line\n{"error":"invalid_client","error_description":"Client authentication failed."}\n`);
    const editor = await show(doc);
    const at = positionOf(doc, 'invalid_client', 2);
    editor.selection = new vscode.Selection(at, at);
    assert.deepEqual(await diagnose(), { source: 'cursor', findings: 1 });
    const html = await panelHtml();
    assert.match(html, /cursor\.log, line 2/);
    assert.match(html, /invalid_client/);
  });

  it('else the clipboard', async () => {
    const doc = await openFile('plain.txt', 'nothing to see here\n');
    const editor = await show(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.env.clipboard.writeText(`Authorization: Bearer ${token}`);
    assert.deepEqual(await diagnose(), { source: 'clipboard', findings: 1 });
    assert.match(await panelHtml(), /Diagnosis of the clipboard/);
  });

  it('else asks for input (an injected source)', async () => {
    const doc = await openFile('plain2.txt', 'nothing here either\n');
    await show(doc);
    let asked = 0;
    const outcome = await (
      await api()
    ).diagnose({
      readClipboard: () => Promise.resolve('no token on the clipboard'),
      askInput: () => {
        asked++;
        return Promise.resolve('{"error":"unsupported_grant_type"}');
      },
    });
    assert.equal(asked, 1);
    assert.deepEqual(outcome, { source: 'input', findings: 1 });
    assert.match(await panelHtml(), /unsupported_grant_type/);
  });

  it('else shows a real input box, which the user can accept', async () => {
    const doc = await openFile('plain3.txt', 'nothing\n');
    await show(doc);
    await vscode.env.clipboard.writeText('');
    const pending = diagnose();
    // Accepting the empty box resolves the command; it would hang without the box.
    let outcome: Outcome | undefined;
    for (let i = 0; i < 40 && !outcome; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      outcome = await Promise.race([pending, new Promise<undefined>((r) => setTimeout(r, 50, undefined))]);
    }
    assert.deepEqual(outcome, { source: 'none', findings: 0 });
  });

  it('takes text as an argument', async () => {
    assert.deepEqual(await diagnose(`Bearer ${token}`), { source: 'argument', findings: 1 });
    assert.deepEqual(await diagnose({ text: '{"error":"invalid_scope"}' }), { source: 'argument', findings: 1 });
  });
});

describe('diagnosis panel', () => {
  before(api);

  const hostile = jwt(
    {
      iss: 'https://login.example.test/',
      sub: '<img src=x onerror=alert(1)>',
      name: '"><script>alert(2)</script>',
      aud: "'; background:url(x)",
      exp: nowSeconds() - 7200,
      iat: nowSeconds() - 9000,
    },
    { alg: 'HS256', typ: 'JWT', kid: '<b>k</b>' },
  );

  it('has a strict Content-Security-Policy with a fresh nonce per render', async () => {
    await vscode.commands.executeCommand(DIAGNOSE, `Bearer ${hostile}`);
    const first = await panelHtml();
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(first)?.[1] ?? '').replace(/&#39;/g, "'");
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const nonce = /script-src 'nonce-([A-Za-z0-9_-]{16,})'/.exec(csp)?.[1];
    assert.ok(nonce, `no script nonce in ${csp}`);
    const scripts = [...first.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]!, new RegExp(`nonce="${nonce}"`));
    assert.match(scripts[0]!, /src="[^"]*media\/panel\.js"/);
    assert.doesNotMatch(first, /<[^>]*\sstyle\s*=/i, 'no style attributes (the CSP forbids them)');
    assert.doesNotMatch(first, /<[^>]*\son[a-z]+\s*=/i, 'no inline event handlers');
    await vscode.commands.executeCommand(DIAGNOSE, `Bearer ${hostile}`);
    const again = /script-src &#39;nonce-([A-Za-z0-9_-]+)&#39;/.exec(await panelHtml())?.[1];
    assert.ok(again);
    assert.notEqual(again, nonce, 'the nonce was reused');
  });

  it('escapes hostile claim and header values', async () => {
    await vscode.commands.executeCommand(DIAGNOSE, `Bearer ${hostile}`);
    const html = await panelHtml();
    assert.doesNotMatch(html, /<img/);
    assert.doesNotMatch(html, /<script>alert/);
    assert.doesNotMatch(html, /<b>k<\/b>/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
    assert.match(html, /&#60;b&#62;k&#60;\/b&#62;/);
  });

  it('shows header, claims with descriptions, signature status and the checklist', async () => {
    await vscode.commands.executeCommand(DIAGNOSE, `Bearer ${expiredToken()}`);
    const html = await panelHtml();
    assert.match(html, /<h3>Header<\/h3>/);
    assert.match(html, /<h3>Claims<\/h3>/);
    assert.match(html, /Issuer: who minted the token/);
    assert.match(html, /not verified/);
    assert.match(html, /The token has expired/);
    assert.match(html, /li class="check auto failed"/, 'the exp check should fail with its evidence');
    assert.match(html, /data-tick="/, 'manual checks can be ticked');
    assert.match(html, /data-copy="snippet-\d+"/, 'fix steps have copyable snippets');
  });

  it('accepts only well-formed messages naming what it shows; ticks survive a re-render', async () => {
    const text = `Bearer ${expiredToken()}`;
    await vscode.commands.executeCommand(DIAGNOSE, text);
    const doctor = await api();
    const html = await panelHtml();
    const key = /data-tick="([^"]+)"/.exec(html)?.[1];
    assert.ok(key);
    for (const bad of [
      null,
      42,
      'copy',
      [],
      {},
      { type: 'run', command: 'workbench.action.quit' },
      { type: 'copy', id: 'nope-1' },
      { type: 'copy', id: 'decoded-0', extra: 1 },
      { type: 'tick', key, checked: 'yes' },
      { type: 'tick', key: 'made/up/key', checked: true },
    ]) {
      assert.equal(await doctor.testing.postFromPanel(bad), false, `accepted ${JSON.stringify(bad)}`);
    }
    assert.equal(await doctor.testing.postFromPanel({ type: 'tick', key, checked: true }), true);
    await vscode.commands.executeCommand(DIAGNOSE, text);
    assert.ok((await panelHtml()).includes(`data-tick="${key}" checked`), 'the tick was lost');

    assert.equal(await doctor.testing.postFromPanel({ type: 'copy', id: 'redacted-0' }), true);
    const redacted = await vscode.env.clipboard.readText();
    assert.match(redacted, /\.REDACTED$/);
    const claims = JSON.parse(fromBase64url(redacted.split('.')[1]!));
    assert.equal(claims.sub, '<redacted>');
    assert.equal(claims.iss, 'https://login.example.test/');
  });

  it('is one reusable panel', async () => {
    await vscode.commands.executeCommand(DIAGNOSE, '{"error":"invalid_request"}');
    await vscode.commands.executeCommand(DIAGNOSE, '{"error":"access_denied"}');
    const panels = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('tokenDoctor.diagnosis'));
    assert.equal(panels.length, 1);
  });
});

describe('copy commands', () => {
  before(api);

  it('copy the decoded JSON and a redacted token of the finding under the cursor', async () => {
    const token = expiredToken({ email: 'someone@example.test' });
    const doc = await openFile('copy.log', `Bearer ${token}\n`);
    const editor = await show(doc);
    const at = positionOf(doc, token, 20);
    editor.selection = new vscode.Selection(at, at);
    const decoded = await vscode.commands.executeCommand<string>('tokenDoctor.copyDecoded');
    assert.equal(await vscode.env.clipboard.readText(), decoded);
    assert.equal(JSON.parse(decoded).header.kid, 'key-2026');
    const redacted = await vscode.commands.executeCommand<string>('tokenDoctor.copyRedacted');
    assert.ok(redacted && !redacted.includes(token.split('.')[2]!), 'the signature was copied');
    assert.ok(!fromBase64url(redacted.split('.')[1]!).includes('someone@example.test'), 'the email was copied');
  });
});
