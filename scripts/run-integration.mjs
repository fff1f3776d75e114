// Runs the integration suite (out/test/integration/index.js, built by `npm run build`)
// inside a real VS Code, and exits with the suite's exit code. Never skips: when no VS Code
// can be had, it fails.
//
// TOKEN_DOCTOR_VSCODE picks the VS Code:
//   code-server  code-server (installed on first use by install-code-server.sh, outside the
//                repo) in headless Chromium; the default wherever /usr/bin/chromium exists
//                (these machines and CI)
//   electron     desktop VS Code downloaded by @vscode/test-electron (needs internet); the
//                default elsewhere
// Other knobs: TOKEN_DOCTOR_TIMEOUT (seconds, default 300), TOKEN_DOCTOR_THEME,
// TOKEN_DOCTOR_VERBOSE=1 (print code-server's own output), CHROMIUM_PATH.
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromiumPath, copyFixtureWorkspace, ensureCodeServer, repoRoot, startSession } from './code-server-session.mjs';

const extensionTestsPath = join(repoRoot, 'out/test/integration/index.js');
const timeoutMs = Number(process.env.TOKEN_DOCTOR_TIMEOUT || 300) * 1000;

function fail(message) {
  console.error(`run-integration: ${message}`);
  process.exit(1);
}

async function runInCodeServer() {
  ensureCodeServer();
  const started = Date.now();
  const session = await startSession({ extensionTestsPath });
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => session.close().finally(() => process.exit(130)));
  }
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  try {
    const code = await Promise.race([session.exited, timeout]);
    if (code === 'timeout') {
      console.error(session.serverLog().split('\n').slice(-40).join('\n'));
      console.error(`run-integration: the suite did not finish within ${timeoutMs / 1000} s`);
      return 1;
    }
    console.log(`run-integration: suite finished in code-server in ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${code}`);
    return code;
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
      extensionTestsPath,
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

if (!existsSync(extensionTestsPath)) fail(`${extensionTestsPath} is missing: run \`npm run build\` first`);
const which = process.env.TOKEN_DOCTOR_VSCODE || (existsSync(chromiumPath) ? 'code-server' : 'electron');
let code;
try {
  if (which === 'code-server') code = await runInCodeServer();
  else if (which === 'electron') code = await runInElectron();
  else fail(`TOKEN_DOCTOR_VSCODE must be code-server or electron, not "${which}"`);
} catch (err) {
  fail(err?.stack ?? String(err));
}
process.exit(code);
