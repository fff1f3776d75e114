// Opens the extension in a real VS Code: code-server on loopback, driven by Debian's
// headless Chromium through playwright-core (see ../shared/harness.md).
//
// Used by run-integration.mjs (which passes extensionTestsPath and waits for `exited`)
// and by scripts that look at the editor (hover, open panels, page.screenshot) without
// running tests. Everything lives in a throwaway temp folder removed by close().
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Where install-code-server.sh puts code-server (the same default is written there). Outside
 * the repo on purpose: VS Code takes every built-in extension below the folder of the
 * extension under development for that extension's own, and then ignores the color theme.
 */
export const codeServerDir =
  process.env.TOKEN_DOCTOR_CODE_SERVER_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'token-doctor', 'code-server-4.100.3');
export const codeServerBin = join(codeServerDir, 'node_modules/.bin/code-server');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const fixtureWorkspace = join(repoRoot, 'test/fixtures/workspace');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** User settings that keep the window quiet and predictable. */
function userSettings(theme, extra) {
  return {
    'workbench.colorTheme': theme,
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'chat.commandCenter.enabled': false,
    'chat.disableAIFeatures': true,
    'github.copilot.enable': { '*': false },
    'git.enabled': false,
    ...extra,
  };
}

/** Copies test/fixtures/workspace into a new folder inside `parent` and returns its path. */
export function copyFixtureWorkspace(parent = mkdtempSync(join(tmpdir(), 'token-doctor-ws-'))) {
  const dest = join(parent, 'workspace');
  cpSync(fixtureWorkspace, dest, { recursive: true });
  return dest;
}

/** Installs code-server into codeServerDir when it is missing (idempotent; throws on failure). */
export function ensureCodeServer() {
  const r = spawnSync('bash', [join(repoRoot, 'scripts/install-code-server.sh')], {
    stdio: 'inherit',
    env: { ...process.env, TOKEN_DOCTOR_CODE_SERVER_DIR: codeServerDir },
  });
  if (r.status !== 0) throw new Error(`scripts/install-code-server.sh failed (exit ${r.status ?? r.signal})`);
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function waitForServer(url, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const res = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer within ${timeoutMs / 1000} s:\n${output()}`);
}

/**
 * Starts code-server with this extension loaded and opens it in headless Chromium.
 *
 * @param {object} [options]
 * @param {string} [options.workspace] folder to open; default: a temp copy of test/fixtures/workspace
 * @param {string} [options.extensionTestsPath] absolute path of a test entry exporting run();
 *   when given, VS Code runs it and `exited` resolves with its exit code
 * @param {string} [options.extensionDevelopmentPath] default: the repo root
 * @param {string} [options.extensionsDir] code-server's --extensions-dir (where installExtension
 *   put a .vsix); default: an empty temp folder
 * @param {string} [options.theme] default: $TOKEN_DOCTOR_THEME or "Default Dark Modern"
 * @param {Record<string, unknown>} [options.settings] extra user settings
 * @param {{width: number, height: number}} [options.viewport] default 1400x900
 * @param {(level: string, message: string) => void} [options.onLog] the extension host's and
 *   workbench's log lines, which VS Code sends only while a test entry runs (default: printed
 *   to stdout); without tests, listen to page.on('console') instead
 * @param {boolean} [options.verbose] also print code-server's own output as it comes
 * @returns {Promise<{page: import('playwright-core').Page, browser: import('playwright-core').Browser,
 *   url: string, workspace: string, exited: Promise<number>, close: () => Promise<void>,
 *   serverLog: () => string}>} `exited` never settles without extensionTestsPath; close() ends
 *   the browser and code-server and removes the temp folder (not a workspace passed in)
 */
export async function startSession(options = {}) {
  const {
    extensionTestsPath,
    extensionDevelopmentPath = repoRoot,
    extensionsDir,
    theme = process.env.TOKEN_DOCTOR_THEME || 'Default Dark Modern',
    settings = {},
    viewport = { width: 1400, height: 900 },
    onLog = (level, message) => console.log(level === 'info' ? message : `[${level}] ${message}`),
    verbose = !!process.env.TOKEN_DOCTOR_VERBOSE,
  } = options;
  if (!existsSync(codeServerBin)) throw new Error(`code-server is not installed: run scripts/install-code-server.sh`);
  if (!relative(resolve(extensionDevelopmentPath), codeServerDir).startsWith('..')) {
    throw new Error(`code-server (${codeServerDir}) must not be inside the extension's folder`);
  }
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (apt-get install chromium)`);
  const { chromium } = await import('playwright-core');

  const tmp = mkdtempSync(join(tmpdir(), 'token-doctor-vscode-'));
  const workspace = options.workspace ? resolve(options.workspace) : copyFixtureWorkspace(tmp);
  const userDataDir = join(tmp, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(userSettings(theme, settings), null, 2));

  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const args = [
    '--auth',
    'none',
    '--bind-addr',
    host,
    '--config',
    join(tmp, 'config.yaml'),
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir ?? join(tmp, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ];
  let log = '';
  const server = spawn(codeServerBin, args, {
    cwd: tmp,
    // Own process group, so close() ends code-server and every process it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(tmp, 'config'),
      XDG_DATA_HOME: join(tmp, 'data'),
      // No extension gallery: nothing to install, and no failing look-ups on a machine offline.
      EXTENSIONS_GALLERY: '{}',
      // The extension host's console ends up in a log, not a terminal (CI=true turns colors on).
      NO_COLOR: '1',
    },
  });
  const collect = (chunk) => {
    log = (log + chunk).slice(-20000);
    if (verbose) process.stdout.write(`[code-server] ${chunk}`);
  };
  server.stdout.setEncoding('utf8').on('data', collect);
  server.stderr.setEncoding('utf8').on('data', collect);

  let browser;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser?.close().catch(() => {});
    if (server.exitCode === null && server.signalCode === null) {
      const gone = new Promise((r) => server.once('exit', r));
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const t = setTimeout(() => {
        try {
          process.kill(-server.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await gone;
      clearTimeout(t);
    }
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const url = `http://${host}/`;
    await waitForServer(url, server, () => log, 60_000);

    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();

    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationLog', (level, message) => onLog(String(level), String(message)));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    page.on('pageerror', (err) => onLog('error', `page error: ${err.message}`));

    const remote = (p) => `vscode-remote://${host}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(resolve(extensionDevelopmentPath))],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    if (extensionTestsPath) payload.push(['extensionTestsPath', remote(resolve(extensionTestsPath))]);
    const pageUrl = `${url}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(pageUrl);
    // The workbench is up once a color theme is applied (its base theme becomes a class).
    await page.waitForFunction(
      () => ['vs', 'vs-dark', 'hc-black', 'hc-light'].some((c) => document.querySelector('.monaco-workbench')?.classList.contains(c)),
      null,
      { timeout: 60_000 },
    );
    return { page, browser, url: pageUrl, workspace, exited, close, serverLog: () => log };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Installs a .vsix into `extensionsDir` with code-server's own installer, the way a user's
 * "Install from VSIX…" does (a throwaway user-data folder, no gallery). Throws on failure.
 */
export function installExtension(vsixPath, extensionsDir) {
  const tmp = mkdtempSync(join(tmpdir(), 'token-doctor-install-'));
  try {
    const r = spawnSync(codeServerBin, ['--user-data-dir', join(tmp, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsixPath], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: join(tmp, 'config'), XDG_DATA_HOME: join(tmp, 'data'), EXTENSIONS_GALLERY: '{}' },
      timeout: 120_000,
    });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    if (r.status !== 0) throw new Error(`code-server --install-extension failed (exit ${r.status ?? r.signal}):\n${output}`);
    return output;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
