// Shared by the editor integration tests (hover, lenses, command, panel, settings).
// Not a test file itself: index.ts runs only *.test.js.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokenDoctorApi } from '../../src/vscode/extension';
import { inWebWorker } from './suite';

export { inWebWorker };

export const EXTENSION_ID = 'token-doctor.token-doctor';

export async function api(): Promise<TokenDoctorApi> {
  const ext = vscode.extensions.getExtension<TokenDoctorApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

// The suite runs in Node's extension host and in the browser worker host (vscode.dev), where
// Buffer, process and Node built-ins do not exist: these helpers use Web APIs only.

/** UTF-8 bytes of a string. */
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** base64url (no padding) of bytes, or of a string's UTF-8 bytes. */
export function base64url(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? utf8(input) : input;
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The UTF-8 text a base64url (or base64) segment holds. */
export function fromBase64url(segment: string): string {
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** base64url of a value's JSON: a JWT header or payload. */
export const json64 = (value: unknown): string => base64url(JSON.stringify(value));

/** `length` bytes, each `fill`: a made-up signature. */
export const filled = (length: number, fill: number): Uint8Array => new Uint8Array(length).fill(fill);

/**
 * Skips the current test or suite in the web worker host, printing why. For what cannot run
 * there at all (a child process, Node's fs); prefer making a test web-safe.
 */
export function skipInWebWorker(context: Mocha.Context, reason: string): void {
  if (!inWebWorker) return;
  // In a before() hook the whole suite is skipped: name the suite, not its first test.
  const runnable = context.test;
  const inHook = runnable !== undefined && 'type' in runnable && runnable.type === 'hook';
  const what = inHook ? runnable.parent?.fullTitle() : runnable?.fullTitle();
  console.log(`skipped in the web worker host: ${what ?? 'a test'}: ${reason}`);
  context.skip();
}

/** 32 bytes of made-up signature. */
const SIG = base64url(filled(32, 7));

/** A made-up HS256/RS256 JWT with the given claims (the signature is not real). */
export function jwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const sig = header.alg === 'RS256' ? base64url(filled(256, 9)) : SIG;
  return `${json64(header)}.${json64(claims)}.${sig}`;
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
  await vscode.workspace.fs.writeFile(uri, utf8(content));
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
export async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
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
