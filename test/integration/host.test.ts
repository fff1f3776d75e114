// Which extension host the suite and the extension run in. The suite runs twice: in Node's
// extension host (out/test/integration/index.js) and in the browser worker host of vscode.dev
// (out/web/integration.js, with the user setting remote.extensionKind). Each bundle is built
// with the host it is meant for, so a web run that silently fell back to Node fails here.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, inWebWorker } from './editor-helpers';

declare const TOKEN_DOCTOR_TEST_HOST: 'node' | 'web';

describe(`extension host (${TOKEN_DOCTOR_TEST_HOST})`, () => {
  it('runs where this bundle was built for: the web run really is in the browser worker', () => {
    const worker = typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';
    assert.equal(worker, TOKEN_DOCTOR_TEST_HOST === 'web', `importScripts is ${worker ? '' : 'not '}a function in the ${TOKEN_DOCTOR_TEST_HOST} run`);
    assert.equal(inWebWorker, worker);
    if (worker) {
      assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'a Node process object in the worker host');
      assert.equal(typeof (globalThis as { Buffer?: unknown }).Buffer, 'undefined', 'Buffer in the worker host');
    } else {
      assert.equal(typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node, 'string');
    }
  });

  it('the extension runs in the same host and says which', async () => {
    const doctor = await api();
    assert.equal(doctor.host, TOKEN_DOCTOR_TEST_HOST);
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it('uses Web Crypto in either host (what the panel nonce and jose need)', () => {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
    assert.equal(bytes.length, 16);
    assert.equal(typeof globalThis.crypto.subtle?.digest, 'function', 'no crypto.subtle (the harness must stay on loopback)');
  });
});
