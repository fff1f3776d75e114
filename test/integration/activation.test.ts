import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokenDoctorApi } from '../../src/vscode/extension';
import { tokenOf } from '../../src/core/model';

const EXTENSION_ID = 'token-doctor.token-doctor';

// A made-up HS256 JWT: header {"alg":"HS256","typ":"JWT"}, payload {"sub":"1"},
// and 43 characters of base64url standing in for a 32-byte signature.
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' + '.eyJzdWIiOiIxIn0' + '.c2lnbmF0dXJlLW9mLXRoZS10ZXN0LXRva2VuLTAwMDA';

async function activate(): Promise<TokenDoctorApi> {
  const ext = vscode.extensions.getExtension<TokenDoctorApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const api = await ext.activate();
  assert.ok(ext.isActive, 'extension did not become active');
  return api;
}

describe('activation', () => {
  it('activates in a real VS Code and its engine answers a scan', async () => {
    const api = await activate();
    assert.equal(typeof api?.scan, 'function', 'exports.scan is not a function');
    const result = api.scan('nothing to see here');
    assert.ok(Array.isArray(result.findings), 'scan() result has no findings array');
    assert.ok(Array.isArray(result.notes), 'scan() result has no notes array');
    assert.equal(result.cancelled, false);
  });

  it('declares support for untrusted workspaces in its manifest', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    assert.equal(ext.packageJSON?.capabilities?.untrustedWorkspaces?.supported, true);
  });

  it('finds a JWT through the engine (needs the real engine in src/core)', async () => {
    const api = await activate();
    const prefix = 'Authorization: Bearer ';
    const { findings } = api.scan(`${prefix}${JWT}\n`);
    const kinds = findings.map((f) => f.kind).join(', ') || 'none';
    const jwt = findings.find((f) => f.kind === 'jwt');
    // Messages name kinds and offsets only, never the token itself.
    assert.ok(jwt, `expected a finding of kind 'jwt', got: ${kinds}`);
    assert.ok(
      jwt.start === prefix.length && jwt.end === prefix.length + JWT.length,
      `the jwt finding covers ${jwt.start}..${jwt.end}, expected ${prefix.length}..${prefix.length + JWT.length}`,
    );
    assert.equal(tokenOf(jwt)?.header?.alg, 'HS256');
  });

  it('registers every contributed command, each in the Token Doctor category', async () => {
    await activate();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: Array<{ command: string; category?: string }> = ext.packageJSON.contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.ok(registered.has(c.command), `${c.command} is contributed but has no handler`);
      assert.equal(c.category, 'Token Doctor', c.command);
    }
    // VS Code adds commands of its own for each contributed view (<viewId>.focus, .open...).
    const views: string[] = Object.values(ext.packageJSON.contributes.views ?? {}).flatMap((v) => (v as Array<{ id: string }>).map((x) => x.id));
    const mine = [...registered].filter((id) => id.startsWith('tokenDoctor.') && !views.some((v) => id.startsWith(`${v}.`)));
    for (const id of mine)
      assert.ok(
        contributed.some((c) => c.command === id),
        `${id} is registered but not in package.json`,
      );
  });

  it('describes every setting under tokenDoctor.*', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const props: Record<string, { description?: string; markdownDescription?: string }> = ext.packageJSON.contributes.configuration.properties;
    assert.ok(Object.keys(props).length > 0);
    for (const [key, p] of Object.entries(props)) {
      assert.ok(key.startsWith('tokenDoctor.'), key);
      assert.ok((p.description ?? p.markdownDescription ?? '').length > 10, `${key} has no description`);
    }
  });
});
