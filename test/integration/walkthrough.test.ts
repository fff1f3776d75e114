// The walkthrough (contributes.walkthroughs) and its sample: every step's media is in the
// extension, the steps' buttons run commands that exist, and Open Sample opens a copy of the
// sample in which the hover, the lenses and the quick fixes all have something to show.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, hoverText, lensTitles, positionOf, until } from './editor-helpers';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents?: string[];
}

describe('walkthrough', function () {
  this.timeout(30_000);
  before(api);
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('has steps for the sample, the hover, the panel and the quick fixes, each with its media in the extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = ext.packageJSON.contributes.walkthroughs as { id: string; steps: Step[] }[];
    assert.ok(walkthrough);
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['openSample', 'hover', 'panel', 'quickFixes'],
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media, `${step.id} has no media`);
      const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, media));
      assert.ok(stat.size > 100, `${media} is empty`);
      // Every button is a command link to a registered command.
      const links = [...step.description.matchAll(/\(command:([\w.]+)(?:\?([^)]*))?\)/g)];
      assert.ok(links.length > 0, `${step.id} has no button`);
      for (const [, id, args] of links) {
        assert.ok(registered.has(id!), `${step.id}: ${id} is not a command`);
        if (args) assert.doesNotThrow(() => JSON.parse(decodeURIComponent(args)), `${step.id}: arguments ${args}`);
      }
      assert.ok(step.completionEvents?.length, `${step.id} never completes`);
    }
  });

  it('Open Sample opens an .http copy of the sample, outside the extension, with a hover, lenses and quick fixes', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('tokenDoctor.openSample');
    const doc = editor.document;
    assert.ok(doc.uri.path.endsWith('/token-doctor-sample.http'), doc.uri.toString());
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(!doc.uri.toString().startsWith(ext.extensionUri.toString()), 'the sample opened inside the installed extension');
    // The cursor is on the token, so the hover step's button has something to show.
    assert.match(doc.getText(doc.getWordRangeAtPosition(editor.selection.active, /[\w.-]+/)), /^eyJ/);
    const hover = await until(() => hoverText(doc, positionOf(doc, 'eyJ', 10)), 'a hover on the sample token');
    assert.match(hover, /expired/);
    const lenses = await until(async () => {
      const titles = await lensTitles(doc);
      return titles.some((t) => t.startsWith('{{accessToken}}')) ? titles : undefined;
    }, 'the lenses of the sample');
    assert.ok(
      lenses.some((t) => /invalid_token/.test(t)),
      lenses.join(' | '),
    );
    const diagnostics = await until(() => {
      const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Token Doctor');
      return ours.length ? ours : undefined;
    }, 'the quick-fix diagnostics of the sample');
    assert.ok(diagnostics.some((d) => /client_credentials/.test(d.message)));
  });

  it('the Diagnose button of the panel step opens the panel on the sample token', async () => {
    const doctor = await api();
    await vscode.commands.executeCommand('tokenDoctor.openSample', 'diagnose');
    const html = await until(() => doctor.testing.panelHtml(), 'the panel');
    assert.match(html, /token\.expired/);
  });
});
