// Restricted Mode and virtual workspaces: what package.json declares, and the features at work
// on documents that are not files on a disk (a virtual document from a content provider, an
// in-memory file system, an untitled buffer): in github.dev every document is such a one.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, expiredToken, hoverText, lensTitles, positionOf, until, utf8 } from './editor-helpers';

/** A minimal in-memory file system, as virtual workspaces (github.dev, Remote Repositories) provide. */
class MemoryFs implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const data = this.files.get(uri.path);
    if (data) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: data.length };
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }
  createDirectory(): void {}
  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('rename');
  }
}

describe('workspaces: Restricted Mode and virtual file systems', function () {
  this.timeout(30_000);
  const subscriptions: vscode.Disposable[] = [];
  before(api);
  after(() => {
    for (const s of subscriptions.splice(0)) s.dispose();
  });

  it('declares full support for untrusted and virtual workspaces, saying what works', () => {
    const caps = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON?.capabilities;
    assert.equal(caps?.untrustedWorkspaces?.supported, true);
    assert.match(caps.untrustedWorkspaces.description, /Restricted Mode/);
    assert.equal(caps?.virtualWorkspaces?.supported, true);
    assert.match(caps.virtualWorkspaces.description, /virtual file systems/);
  });

  it('hovers and sums up a token in a read-only virtual document (a content provider)', async () => {
    const token = expiredToken();
    const scheme = 'token-doctor-virtual';
    subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(scheme, { provideTextDocumentContent: () => `GET /orders\nAuthorization: Bearer ${token}\n` }),
    );
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme, path: '/request.log' }));
    const hover = await until(() => hoverText(doc, positionOf(doc, token, 10)), 'a hover on the virtual document');
    assert.match(hover, /expired/);
    const lenses = await until(async () => (await lensTitles(doc)).filter((t) => t.startsWith('JWT')), 'a CodeLens on the virtual document');
    assert.match(lenses[0]!, /expired/);
  });

  it('underlines and fixes a token request in a file of an in-memory file system', async () => {
    const scheme = 'token-doctor-memfs';
    const fs = new MemoryFs();
    subscriptions.push(vscode.workspace.registerFileSystemProvider(scheme, fs, { isCaseSensitive: true }));
    const uri = vscode.Uri.from({ scheme, path: '/token.http' });
    await vscode.workspace.fs.writeFile(
      uri,
      utf8('POST https://login.example.test/oauth/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credential&client_id=orders\n'),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await until(() => {
      const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Token Doctor');
      return ours.length ? ours : undefined;
    }, 'a Token Doctor diagnostic on the in-memory file');
    assert.match(diagnostics[0]!.message, /client_credentials/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostics[0]!.range);
    assert.ok(
      actions.some((a) => /client_credentials/.test(a.title)),
      `actions: ${actions.map((a) => a.title).join(' | ')}`,
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('hovers a token in an untitled buffer, which has no file at all', async () => {
    const token = expiredToken();
    const doc = await vscode.workspace.openTextDocument({ content: `token=${token}`, language: 'plaintext' });
    const hover = await until(() => hoverText(doc, positionOf(doc, token, 5)), 'a hover on the untitled buffer');
    assert.match(hover, /expired/);
  });
});
