// The smoke test of the INSTALLED extension: scripts/run-smoke.mjs installs the .vsix into a
// fresh extensions folder of code-server, then loads a tiny declarative development extension
// (a package.json and this file, no code of the project) whose only job is to run this test.
// It checks that what users install works: it came from the extensions folder, activates,
// hovers, lenses, diagnoses, opens its sample with quick fixes. Runs in Node's extension host
// (out/test/smoke/index.js) and in the browser worker host (out/web/smoke.js): Web APIs only.
// No mocha (the development extension has no node_modules): a list of checks and the plain
// closing line "smoke: N passed, N failed".
import * as vscode from 'vscode';

const EXTENSION_ID = 'token-doctor.token-doctor';
const SMOKE_ID = 'token-doctor-test.token-doctor-smoke';

interface SmokeConfig {
  extensionsDir: string;
  version: string;
  host: 'node' | 'web';
}

interface InstalledApi {
  host: string;
  scan(text: string): { findings: { kind: string }[] };
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const b64 = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const now = Math.floor(Date.now() / 1000);
const EXPIRED = `${b64({ alg: 'RS256', typ: 'at+jwt', kid: 'smoke' })}.${b64({ iss: 'https://login.example.test/', sub: 'smoke', aud: 'api', iat: now - 7200, exp: now - 3600 })}.${'c2lnbmF0dXJl'.repeat(20)}`;

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false && v !== '') return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .filter((v) => v.startsWith('**Token Doctor**'))
    .join('\n');
}

export async function run(): Promise<void> {
  const config = vscode.extensions.getExtension(SMOKE_ID)?.packageJSON?.tokenDoctorSmoke as SmokeConfig | undefined;
  check(config, `the smoke test's own extension ${SMOKE_ID} is not loaded`);
  let api: InstalledApi | undefined;
  const checks: [string, () => Promise<void>][] = [
    [
      'the extension is the installed one, from the extensions folder',
      async () => {
        const ext = vscode.extensions.getExtension<InstalledApi>(EXTENSION_ID);
        check(ext, `${EXTENSION_ID} is not installed`);
        check(ext.extensionUri.path.startsWith(config.extensionsDir), `loaded from ${ext.extensionUri.path}, not from ${config.extensionsDir}`);
        check(ext.packageJSON.version === config.version, `version ${ext.packageJSON.version}, expected ${config.version}`);
        api = await ext.activate();
        check(ext.isActive, 'it did not activate');
      },
    ],
    [
      `it runs in the ${config.host} extension host`,
      async () => {
        check(api?.host === config.host, `it runs in the ${api?.host} host`);
        const worker = typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';
        check(worker === (config.host === 'web'), `the smoke test itself runs ${worker ? '' : 'not '}in a worker`);
        await Promise.resolve();
      },
    ],
    [
      'its engine finds a token',
      async () => {
        check(
          api?.scan(`Authorization: Bearer ${EXPIRED}`).findings.some((f) => f.kind === 'jwt'),
          'no jwt finding',
        );
        await Promise.resolve();
      },
    ],
    [
      'a hover and a CodeLens on an expired token in an untitled buffer',
      async () => {
        const doc = await vscode.workspace.openTextDocument({ content: `GET /orders\nAuthorization: Bearer ${EXPIRED}\n`, language: 'plaintext' });
        const at = doc.positionAt(doc.getText().indexOf(EXPIRED) + 10);
        const hover = await until('a hover', () => hoverText(doc, at));
        check(/expired/.test(hover), `the hover does not say expired: ${hover.slice(0, 200)}`);
        const lenses = await until('a CodeLens', async () => {
          const l = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
          return l.some((x) => x.command?.title.startsWith('JWT')) ? l : undefined;
        });
        check(lenses.length > 0, 'no lens');
      },
    ],
    [
      'Diagnose Token opens the panel, whose page comes from the installed media/',
      async () => {
        await vscode.commands.executeCommand('tokenDoctor.diagnoseToken', EXPIRED);
        await until('the diagnosis panel', () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('tokenDoctor.diagnosis')),
        );
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      },
    ],
    [
      'Open Sample opens the walkthrough sample, with its quick fixes',
      async () => {
        const editor = await vscode.commands.executeCommand<vscode.TextEditor>('tokenDoctor.openSample');
        const doc = editor?.document ?? vscode.window.activeTextEditor?.document;
        check(doc?.uri.path.endsWith('/token-doctor-sample.http') && doc.getText().includes('grant_type=client_credential'), 'the sample did not open');
        const diagnostics = await until('quick-fix diagnostics on the sample', () => {
          const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'Token Doctor');
          return d.length ? d : undefined;
        });
        const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostics[0]!.range)) ?? [];
        check(actions.length > 0, 'no quick fix on the sample');
      },
    ],
    [
      'the walkthrough is contributed with its steps',
      async () => {
        const walkthroughs = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON?.contributes?.walkthroughs;
        check(walkthroughs?.[0]?.steps?.length >= 4, 'no walkthrough');
        // Opening it must not throw (the workbench finds it by extension id and walkthrough id).
        await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
      },
    ],
  ];

  let passed = 0;
  let failed = 0;
  for (const [name, fn] of checks) {
    try {
      await fn();
      passed++;
      console.log(`  ✔ ${name}`);
    } catch (err) {
      failed++;
      console.log(`  ✖ ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(`smoke: ${passed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} smoke check(s) failed against the installed extension`);
}
