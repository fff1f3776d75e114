import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, expiredToken, hoverText, lensTitles, openFile, positionOf, setting, show, until } from './editor-helpers';

describe('CodeLens', () => {
  before(api);
  afterEach(async () => {
    for (const key of ['codeLens.enabled', 'codeLens.maxPerDocument', 'leeway', 'maxDocumentSizeMB', 'exclude.languages', 'exclude.files']) {
      await setting(key, undefined);
    }
  });

  const token = expiredToken();
  const log = [
    `2026-11-21T19:04:37Z DEBUG authorization header: Bearer ${token}`,
    '2026-11-21T19:05:02Z ERROR token refresh failed: 400 {"error":"invalid_grant","error_description":"The authorization code has expired."}',
    '',
  ].join('\n');

  it('sums up each finding in one line with a Diagnose action', async () => {
    const doc = await openFile('lens.log', log);
    const titles = await lensTitles(doc);
    assert.ok(
      titles.some((t) => /^JWT · RS256 · access token · expired 3 h/.test(t)),
      `titles: ${titles.join(' | ')}`,
    );
    assert.ok(
      titles.some((t) => t.startsWith('invalid_grant')),
      `titles: ${titles.join(' | ')}`,
    );
    // Every finding has a summary and Diagnose; a token also has its key lens.
    const keyLenses = titles.filter((t) => t === 'Verify signature…').length;
    assert.equal(keyLenses, 1);
    assert.equal(titles.filter((t) => t === 'Diagnose').length, (titles.length - keyLenses) / 2);
  });

  it('matches .http files by name and resolves {{variables}} defined in them', async () => {
    const doc = await openFile('api.http', [`@token = ${token}`, '', 'GET https://api.example.test/orders', 'Authorization: Bearer {{token}}', ''].join('\n'));
    const titles = await lensTitles(doc);
    assert.ok(
      titles.some((t) => /^\{\{token\}\}: JWT · RS256/.test(t)),
      `titles: ${titles.join(' | ')}`,
    );
  });

  it('runs the panel from the Diagnose lens', async () => {
    const doc = await openFile('lens-cmd.log', log);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
    const diagnose = lenses.find((l) => l.command?.title === 'Diagnose');
    assert.ok(diagnose?.command, 'no Diagnose lens');
    const outcome = await vscode.commands.executeCommand<{ source: string; findings: number }>(diagnose.command.command, ...(diagnose.command.arguments ?? []));
    assert.deepEqual(outcome, { source: 'target', findings: 1 });
    assert.match((await api()).testing.panelHtml() ?? '', /key-2026/);
  });

  it('is off when tokenDoctor.codeLens.enabled is false, without a reload', async () => {
    const doc = await openFile('lens-off.log', log);
    assert.ok((await lensTitles(doc)).length > 0);
    await setting('codeLens.enabled', false);
    await until(async () => (await lensTitles(doc)).length === 0, 'lenses to disappear');
    await setting('codeLens.enabled', true);
    await until(async () => (await lensTitles(doc)).length > 0, 'lenses to come back');
  });

  it('gives a crowded line three findings and one "more" lens', async () => {
    const doc = await openFile('minified.json', `[${Array.from({ length: 6 }, () => `"${token}"`).join(',')}]`);
    const titles = await lensTitles(doc);
    assert.equal(titles.length, 10, `titles: ${titles.join(' | ')}`);
    assert.equal(titles.filter((t) => t === 'Diagnose').length, 3);
    assert.equal(titles.filter((t) => t === 'Verify signature…').length, 3);
    assert.equal(titles.filter((t) => t === 'More on this line…').length, 1);
  });

  it('caps lenses per document', async () => {
    const many = Array.from({ length: 30 }, (_, i) => `line ${i} Bearer ${token}`).join('\n');
    const doc = await openFile('many.log', many);
    await setting('codeLens.maxPerDocument', 5);
    await until(async () => (await lensTitles(doc)).length === 15, 'five tokens with three lenses each');
  });
});

describe('settings', () => {
  before(api);
  afterEach(async () => {
    for (const key of ['leeway', 'maxDocumentSizeMB', 'exclude.languages', 'exclude.files']) await setting(key, undefined);
  });

  it('applies the leeway without a reload', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = expiredToken({ iat: now - 3600, exp: now - 120 });
    const doc = await openFile('leeway.log', `Bearer ${token}\n`);
    assert.match(await hoverText(doc, positionOf(doc, token, 10)), /The token has expired/);
    await setting('leeway', 3600);
    await until(async () => !/The token has expired/.test(await hoverText(doc, positionOf(doc, token, 10))), 'the expiry to be forgiven');
  });

  it('skips documents over the size limit with a status-bar note', async () => {
    const token = expiredToken();
    const doc = await openFile('big.log', `Bearer ${token}\n${'x'.repeat(3000)}\n`);
    await show(doc);
    await setting('maxDocumentSizeMB', 0.002);
    const doctor = await api();
    await until(() => doctor.testing.skipReason(), 'the status-bar note');
    assert.match(doctor.testing.skipReason() ?? '', /over the .* limit/);
    assert.equal(await hoverText(doc, positionOf(doc, token, 10)), '');
    assert.deepEqual(await lensTitles(doc), []);
    // Diagnose Token still reads the cursor's line.
    const editor = await show(doc);
    const at = positionOf(doc, token, 10);
    editor.selection = new vscode.Selection(at, at);
    assert.deepEqual(await vscode.commands.executeCommand('tokenDoctor.diagnoseToken'), { source: 'cursor', findings: 1 });
    assert.match(doctor.testing.panelHtml() ?? '', /big\.log, line 1 \(the document is too large to scan whole\)/);
    await setting('maxDocumentSizeMB', undefined);
    await until(() => !doctor.testing.skipReason(), 'the note to go');
    await until(async () => (await hoverText(doc, positionOf(doc, token, 10))) !== '', 'the hover back');
  });

  it('excludes languages and globs', async () => {
    const token = expiredToken();
    const yaml = await openFile('excluded.yaml', `token: ${token}\n`);
    const log = await openFile('fixtures-excluded.log', `Bearer ${token}\n`);
    await setting('exclude.languages', ['yaml']);
    await setting('exclude.files', ['**/fixtures-excluded.log']);
    await until(async () => (await hoverText(yaml, positionOf(yaml, token, 10))) === '', 'no hover in YAML');
    await until(async () => (await hoverText(log, positionOf(log, token, 10))) === '', 'no hover in the excluded file');
    await setting('exclude.languages', undefined);
    await setting('exclude.files', undefined);
    await until(async () => (await hoverText(yaml, positionOf(yaml, token, 10))) !== '', 'the YAML hover back');
  });
});
