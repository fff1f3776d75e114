// Smoke test of the packaged extension as users get it: installs the .vsix that `npm run
// package` built into a fresh extensions folder of code-server (--install-extension), then runs
// test/smoke/index.ts against the INSTALLED extension, once in Node's extension host and once
// in the browser worker host (vscode.dev's), where the user setting remote.extensionKind puts it.
//
// VS Code runs no tests without a development extension, so a tiny declarative one (a
// package.json and the smoke test entry, no code of the project) is made in a temp folder and
// loaded as extensionDevelopmentPath; the test finds the installed extension by its id and
// checks it came from the extensions folder. Exits non-zero when any check fails.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer, installExtension, repoRoot, startSession } from './code-server-session.mjs';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;
const vsix = join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
const timeoutMs = Number(process.env.TOKEN_DOCTOR_TIMEOUT || 300) * 1000;
const entries = { node: join(repoRoot, 'out/test/smoke/index.js'), web: join(repoRoot, 'out/web/smoke.js') };

function fail(message) {
  console.error(`run-smoke: ${message}`);
  process.exit(1);
}
if (!existsSync(vsix)) fail(`${vsix} is missing: run \`npm run package\` first`);
for (const f of Object.values(entries)) if (!existsSync(f)) fail(`${f} is missing: run \`npm run build\` first`);
ensureCodeServer();

const tmp = mkdtempSync(join(tmpdir(), 'token-doctor-smoke-'));
const CLOSING = /^smoke: (\d+) passed, (\d+) failed$/m;

/** The declarative development extension that carries the smoke test into the host. */
function devExtension(host, extensionsDir) {
  const dir = join(tmp, `smoke-${host}`);
  mkdirSync(dir, { recursive: true });
  copyFileSync(entries[host], join(dir, 'smoke.js'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'token-doctor-smoke',
        publisher: 'token-doctor-test',
        version: '0.0.0',
        engines: { vscode: manifest.engines.vscode },
        // What the smoke test checks against.
        tokenDoctorSmoke: { extensionsDir, version: manifest.version, host },
      },
      null,
      2,
    ),
  );
  return dir;
}

async function runIn(host, extensionsDir) {
  const dir = devExtension(host, extensionsDir);
  let counts;
  const session = await startSession({
    extensionDevelopmentPath: dir,
    // The worker's loader appends ".js" itself.
    extensionTestsPath: host === 'web' ? join(dir, 'smoke') : join(dir, 'smoke.js'),
    extensionsDir,
    settings: host === 'web' ? { 'remote.extensionKind': { [extensionId]: ['web'], 'token-doctor-test.token-doctor-smoke': ['web'] } } : {},
    onLog: (level, message) => {
      console.log(level === 'info' ? message : `[${level}] ${message}`);
      const m = CLOSING.exec(message);
      if (m) counts = { passed: Number(m[1]), failed: Number(m[2]) };
    },
  });
  let timer;
  try {
    const code = await Promise.race([session.exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
    if (code === 'timeout') {
      console.error(session.serverLog().split('\n').slice(-40).join('\n'));
      return { code: 1, counts };
    }
    return { code, counts };
  } finally {
    clearTimeout(timer);
    await session.close();
  }
}

let code = 0;
try {
  const extensionsDir = join(tmp, 'extensions');
  mkdirSync(extensionsDir);
  console.log(`run-smoke: installing ${vsix.slice(repoRoot.length + 1)} into a fresh extensions folder`);
  console.log(installExtension(vsix, extensionsDir));
  const installed = readdirSync(extensionsDir).filter((n) => n.startsWith(extensionId));
  if (installed.length !== 1) fail(`expected one ${extensionId}-* folder in ${extensionsDir}, found: ${readdirSync(extensionsDir).join(', ')}`);
  const lines = [];
  const total = { passed: 0, failed: 0 };
  for (const host of ['node', 'web']) {
    console.log(`run-smoke: the installed extension in the ${host} extension host`);
    const r = await runIn(host, extensionsDir);
    if (r.code !== 0 || !r.counts) code = r.code || 1;
    total.passed += r.counts?.passed ?? 0;
    total.failed += r.counts?.failed ?? 0;
    lines.push(`  ${host} host: ${r.counts ? `${r.counts.passed} passed, ${r.counts.failed} failed` : 'no closing line'} (exit ${r.code})`);
  }
  console.log(`run-smoke: ${installed[0]} installed from the .vsix:\n${lines.join('\n')}`);
  // The plain closing line, summed over the hosts.
  console.log(`smoke: ${total.passed} passed, ${total.failed} failed`);
} catch (err) {
  console.error(`run-smoke: ${err?.stack ?? err}`);
  code = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
