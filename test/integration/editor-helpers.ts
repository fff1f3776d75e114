// Shared by the editor integration tests (hover, lenses, command, panel, settings).
// Not a test file itself: index.ts runs only *.test.js.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokenDoctorApi } from '../../src/vscode/extension';

export const EXTENSION_ID = 'token-doctor.token-doctor';

export async function api(): Promise<TokenDoctorApi> {
  const ext = vscode.extensions.getExtension<TokenDoctorApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** 32 bytes of made-up signature. */
const SIG = Buffer.alloc(32, 7).toString('base64url');

/** A made-up HS256/RS256 JWT with the given claims (the signature is not real). */
export function jwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const sig = header.alg === 'RS256' ? Buffer.alloc(256, 9).toString('base64url') : SIG;
  return `${b64(header)}.${b64(claims)}.${sig}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An access token that expired three hours ago. */
export function expiredToken(extra: Record<string, unknown> = {}): string {
  const now = nowSeconds();
  return jwt(
    { iss: 'https://login.example.test/', sub: 'user-42', aud: 'api://orders', scope: 'orders.read', iat: now - 4 * 3600, exp: now - 3 * 3600, ...extra },
    { alg: 'RS256', typ: 'at+jwt', kid: 'key-2026' },
  );
}

/** Writes a file into the test workspace (a throwaway copy) and opens it. */
export async function openFile(name: string, content: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, 'generated', name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  return vscode.workspace.openTextDocument(uri);
}

export async function show(document: vscode.TextDocument): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The position of the n-th occurrence (0-based) of `needle`, plus `delta` characters. */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 0, nth = 0): vscode.Position {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle.slice(0, 20)}…" not found in ${document.uri.path}`);
  }
  return document.positionAt(at + delta);
}

function markdownOf(c: vscode.MarkdownString | vscode.MarkedString): string {
  return typeof c === 'string' ? c : 'value' in c ? c.value : '';
}

/** The hover text Token Doctor gives at a position ('' when none). Other hover providers are ignored. */
export async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents.map(markdownOf))
    .filter((v) => v.startsWith('**Token Doctor**'))
    .join('\n\n');
}

/** Token Doctor's hovers themselves, for looking at their flags. */
export async function hoverContents(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.MarkdownString[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c && c.value.startsWith('**Token Doctor**'));
}

/** Resolved CodeLens titles of a document, in order. */
export async function lensTitles(document: vscode.TextDocument): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 1000)) ?? [];
  return lenses.map((l) => l.command?.title ?? '');
}

export async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('tokenDoctor').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Waits until `probe` returns a truthy value (settings and editors settle asynchronously). */
export async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Markdown with code spans removed: what remains is what could render as links or HTML. */
export function outsideCode(markdown: string): string {
  return markdown.replace(/(`+)[\s\S]*?\1/g, '');
}
