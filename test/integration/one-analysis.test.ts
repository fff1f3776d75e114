// One analysis per document version: a setting changes what every surface says, together,
// and an edit is reflected by the next hover without waiting for a whole re-analysis.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, base64url, filled, hoverText, json64, lensTitles, openFile, positionOf, setting, show, until } from './editor-helpers';

const SOURCE = 'Token Doctor';
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

describe('one analysis per document version', function () {
  this.timeout(60_000);

  after(async () => {
    await setting('assertion.maxLifetimeSeconds', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a two-hour client assertion is flagged everywhere once the lifetime setting is one hour, and nowhere before', async () => {
    const content = [
      '// client_assertion for the token endpoint',
      "const claims = { iss: 'app-1', sub: 'app-1', aud: 'https://idp.example.test/token', jti: 'j-1', iat: 1795300000, exp: 1795307200 };",
      '',
    ].join('\n');
    const doc = await openFile('lifetime.ts', content);
    await show(doc);
    const at = positionOf(doc, 'exp: 1795307200', 5);
    const t = await api();

    // The default (one day) allows two hours: nothing anywhere.
    await until(async () => (await t.testing.analysis(doc)) !== undefined, 'the first analysis');
    assert.equal(ours(doc.uri).length, 0, 'no squiggle with the default lifetime');
    assert.equal((await hoverText(doc, at)).length, 0, 'no hover with the default lifetime');
    assert.ok(!(await lensTitles(doc)).some((l) => /lifetime|after iat/i.test(l)), 'no lens with the default lifetime');

    await setting('assertion.maxLifetimeSeconds', 3600);
    const squiggles = await until(() => (ours(doc.uri).length ? ours(doc.uri) : undefined), 'the squiggle after the setting changed', 10_000);
    assert.match(squiggles?.[0]?.message ?? '', /2 h after iat/);
    const hover = await until(async () => hoverText(doc, at), 'a hover on the claims set', 10_000);
    assert.match(hover, /2 h after iat/, hover);
    const lenses = await lensTitles(doc);
    assert.ok(
      lenses.some((l) => /2 h after iat/.test(l)),
      lenses.join(' | '),
    );

    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at) });
    await vscode.commands.executeCommand('tokenDoctor.diagnoseToken');
    const html = await until(() => t.testing.panelHtml(), 'the panel');
    assert.match(html ?? '', /2 h after iat/, 'the panel says what the squiggle says');

    const cli = t.scan(content, { now: 1795300000, fileName: '/x/lifetime.ts', languageId: 'typescript' });
    assert.ok(
      cli.mistakes.some((m) => /2 h after iat/.test(m.message)),
      'the API (and command line) read the same setting',
    );
  });

  it('an edit is in the next hover: the edited token is diagnosed, the others are reused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = (exp: number) => `${json64({ alg: 'HS256', typ: 'JWT' })}.${json64({ sub: 'u', exp })}.${base64url(filled(32, 1))}`;
    const lines: string[] = [];
    // Over a megabyte, so the document has several pieces.
    for (let i = 0, size = 0; size < 1.3 * 1024 * 1024; i++) {
      const line = i % 40 === 0 ? `line ${i} Bearer ${token(now + 3600)}` : `line ${i} GET /orders/${i} 200 12ms padding padding padding`;
      lines.push(line);
      size += line.length + 1;
    }
    const doc = await openFile('edited.log', lines.join('\n'));
    const editor = await show(doc);
    const t = await api();
    const before = await until(async () => t.testing.analysis(doc), 'the first analysis', 30_000);
    assert.ok(before);
    const count = before.findings.length;
    assert.ok(count > 100, `${count} findings`);

    // Replace the last token with an expired one: only its piece is analysed again.
    const lastAt = doc.getText().lastIndexOf('Bearer ') + 'Bearer '.length;
    const old = doc.getText().slice(lastAt, doc.getText().indexOf('\n', lastAt) < 0 ? undefined : doc.getText().indexOf('\n', lastAt));
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(lastAt), doc.positionAt(lastAt + old.length)), token(now - 7200)));
    const hover = await hoverText(doc, doc.positionAt(lastAt + 10));
    assert.match(hover, /expired/, 'the hover right after the edit sees the new token');
    const after = await t.testing.analysis(doc);
    assert.equal(after?.findings.length, count, 'the same number of findings');
    assert.equal(after?.findings[0], before.findings[0], 'findings in pieces the edit did not reach are reused as they were');
  });
});
