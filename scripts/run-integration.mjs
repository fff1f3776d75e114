// Runs the integration suite inside a real VS Code, and exits with the suite's exit code. Never
// skips: when no VS Code can be had, it fails.
//
// The suite runs once per extension host (--host, default both):
//   node  Node's extension host, the desktop's (out/test/integration/index.js)
//   web   the browser worker host of vscode.dev (out/web/integration.js): the user setting
//         remote.extensionKind moves the extension, and its test entry, into the worker
// Both are built by `npm run build`.
//
// TOKEN_DOCTOR_VSCODE picks the VS Code:
//   code-server  code-server (installed on first use by install-code-server.sh, outside the
//                repo) in headless Chromium; the default wherever /usr/bin/chromium exists
//                (these machines and CI)
//   electron     desktop VS Code downloaded by @vscode/test-electron (needs internet); the
//                default elsewhere; Node host only
// Other knobs: TOKEN_DOCTOR_TIMEOUT (seconds per host, default 300), TOKEN_DOCTOR_THEME,
// TOKEN_DOCTOR_VERBOSE=1 (print code-server's own output), CHROMIUM_PATH.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromiumPath, copyFixtureWorkspace, ensureCodeServer, repoRoot, startSession } from './code-server-session.mjs';

const EXTENSION_ID = 'token-doctor.token-doctor';
const entries = {
  node: join(repoRoot, 'out/test/integration/index.js'),
  // The worker's loader appends ".js" to the test path itself.
  web: join(repoRoot, 'out/web/integration'),
};
const timeoutMs = Number(process.env.TOKEN_DOCTOR_TIMEOUT || 300) * 1000;
const hostArg = process.argv.includes('--host') ? process.argv[process.argv.indexOf('--host') + 1] : 'both';

function fail(message) {
  console.error(`run-integration: ${message}`);
  process.exit(1);
}

/** The suite's closing line, "integration: N passed, N failed[, N skipped]". */
const CLOSING = /^integration: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/m;

/** Runs the suite in one extension host of code-server; resolves with the exit code and the counts. */
async function runInCodeServer(host) {
  const started = Date.now();
  let counts;
  const session = await startSession({
    extensionTestsPath: entries[host],
    settings: host === 'web' ? { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } : {},
    onLog: (level, message) => {
      console.log(level === 'info' ? message : `[${level}] ${message}`);
      const m = CLOSING.exec(message);
      if (m) counts = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0) };
    },
  });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => session.close().finally(() => process.exit(130)));
  }
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  try {
    const code = await Promise.race([session.exited, timeout]);
    if (code === 'timeout') {
      console.error(session.serverLog().split('\n').slice(-40).join('\n'));
      console.error(`run-integration: the suite did not finish within ${timeoutMs / 1000} s in the ${host} host`);
      return { code: 1, counts };
    }
    console.log(`run-integration: suite finished in code-server's ${host} extension host in ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${code}`);
    return { code, counts };
  } finally {
    clearTimeout(timer);
    await session.close();
  }
}

async function runInElectron() {
  const { runTests } = await import('@vscode/test-electron');
  const workspace = copyFixtureWorkspace();
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: entries.node,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
    return 0;
  } catch (err) {
    console.error(`run-integration: ${err?.message ?? err}`);
    return 1;
  } finally {
    rmSync(dirname(workspace), { recursive: true, force: true });
  }
}

const which = process.env.TOKEN_DOCTOR_VSCODE || (existsSync(chromiumPath) ? 'code-server' : 'electron');
const hosts = hostArg === 'both' ? (which === 'electron' ? ['node'] : ['node', 'web']) : [hostArg];
for (const host of hosts) {
  if (!entries[host]) fail(`--host must be node, web or both, not "${host}"`);
  if (!existsSync(host === 'web' ? `${entries[host]}.js` : entries[host])) fail(`${entries[host]} is missing: run \`npm run build\` first`);
}
let code = 0;
try {
  if (which === 'code-server') {
    ensureCodeServer();
    const lines = [];
    const total = { passed: 0, failed: 0, skipped: 0 };
    for (const host of hosts) {
      const r = await runInCodeServer(host);
      if (r.code !== 0) code = r.code;
      for (const k of Object.keys(total)) total[k] += r.counts?.[k] ?? 0;
      lines.push(
        `  ${host} host: ${r.counts ? `${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped` : 'no closing line'} (exit ${r.code})`,
      );
    }
    console.log(`run-integration: ${hosts.length > 1 ? 'both extension hosts' : 'one extension host'}:\n${lines.join('\n')}`);
    // The plain closing line, summed over the hosts.
    console.log(`integration: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  } else if (which === 'electron') {
    if (hosts.includes('web')) fail('the web worker host runs under code-server only (TOKEN_DOCTOR_VSCODE=code-server)');
    code = await runInElectron();
  } else fail(`TOKEN_DOCTOR_VSCODE must be code-server or electron, not "${which}"`);
} catch (err) {
  fail(err?.stack ?? String(err));
}
process.exit(code);
