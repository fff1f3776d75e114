// Hostile text stays harmless in a real VS Code: an .http file whose variables expand
// exponentially is opened, hovered and lensed without holding the extension host, and a
// token whose claims hold markup, bidi overrides and terminal escapes (beside an error that
// quotes the token) is shown as text in hover and panel, never whole.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, hoverText, jwt, lensTitles, nowSeconds, openFile, positionOf, show, until } from './editor-helpers';

describe('hostile text in the editor', function () {
  this.timeout(60_000);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an .http file whose variables each use the next a dozen times opens, hovers and lenses at once', async () => {
    const bomb = Array.from({ length: 8 }, (_, i) => `@v${i} = ${i === 7 ? 'eyJ' : `{{v${i + 1}}}`.repeat(12)}`).join('\n');
    const doc = await openFile('bomb.http', `${bomb}\n\nGET https://api.example.test/orders\nAuthorization: Bearer {{v0}}\n`);
    await show(doc);
    const t = await api();
    await until(async () => (await t.testing.analysis(doc)) !== undefined, 'the analysis of the bomb file', 30_000);
    await hoverText(doc, positionOf(doc, '{{v0}}\n', 2));
    const lenses = await lensTitles(doc);
    assert.ok(Array.isArray(lenses));
    // The host still answers: a command round trip after all of it.
    assert.ok((await vscode.commands.getCommands(true)).includes('tokenDoctor.diagnoseToken'));
  });

  it('claims with markup, bidi overrides and terminal escapes are shown as text; the token never whole', async () => {
    const now = nowSeconds();
    const token = jwt({
      sub: '<img src=x onerror=alert(1)>',
      aud: 'api://orders\u202Esredro//:ipa',
      iss: '\u001b]0;pwned\u0007\u001b[2J https://idp.example.test/',
      exp: now - 3600,
      '<script>alert(1)</script>': '[x](command:workbench.action.terminal.new)',
    });
    const content = `Authorization: Bearer ${token}\n{"error":"invalid_token","error_description":"the token ${token} has expired"}\n`;
    const doc = await openFile('hostile.log', content);
    await show(doc);
    const t = await api();
    await until(async () => (await t.testing.analysis(doc)) !== undefined, 'the analysis', 30_000);

    for (const at of [positionOf(doc, token, 20), positionOf(doc, 'invalid_token', 3)]) {
      const hover = await until(() => hoverText(doc, at), 'a hover');
      assert.ok(!hover.includes(token.slice(0, 40)) && !hover.includes(token.slice(-40)), 'the hover holds no 40 characters of the token');
      // eslint-disable-next-line no-control-regex
      assert.ok(!/[\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B-\u001F]/.test(hover), 'no raw bidi or control character in the hover');
    }

    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(positionOf(doc, token, 20), positionOf(doc, token, 20)) });
    await vscode.commands.executeCommand('tokenDoctor.diagnoseToken');
    const html = (await until(() => t.testing.panelHtml(), 'the panel')) ?? '';
    assert.ok(html.includes('\\u202E'), 'the bidi override is shown as \\u202E');
    assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(html), 'no raw bidi character in the panel');
    assert.ok(!html.includes('<img src=x') && !html.includes('<script>alert'), 'markup is escaped');
    assert.ok(!html.includes(token.slice(0, 40)) && !html.includes(token.slice(-40)), 'the panel holds no 40 characters of the token');
  });
});
