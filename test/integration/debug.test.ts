// A real debug session in the real VS Code: the built-in JavaScript debugger runs
// test/fixtures/debug/calls-api.js, which prints a token and an OAuth error response in
// pieces and then stops at a `debugger` statement. Checks what the Token Doctor view
// holds (through the extension's API), the notifications, and "Diagnose Token" on a
// variable.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TokenDoctorApi } from '../../src/vscode/extension';
import { fromBase64url, skipInWebWorker } from './editor-helpers';

const EXTENSION_ID = 'token-doctor.token-doctor';
/**
 * The debuggee, a Node program in the extension's folder. The debugger runs it where code-server
 * runs, so its path is the extension folder's path there, in either extension host (in the web
 * worker host extensionUri is a vscode-remote: URI whose path is that same path).
 */
function fixture(): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return vscode.Uri.joinPath(ext.extensionUri, 'test/fixtures/debug/calls-api.js').fsPath;
}
const TOKEN_RE = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

async function api(): Promise<TokenDoctorApi> {
  const ext = vscode.extensions.getExtension<TokenDoctorApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('tokenDoctor.diagnosis'));
}

async function closePanels(): Promise<void> {
  const tabs = panelTabs();
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

/** What the test sees of the session on its own: raw output events and where it stopped. */
interface Observed {
  outputs: { category: string; output: string }[];
  stopped?: { session: vscode.DebugSession; threadId: number };
  sessions: vscode.DebugSession[];
}

describe('debug sessions (the built-in JavaScript debugger)', function () {
  this.timeout(90_000);
  const seen: Observed = { outputs: [], sessions: [] };
  let observer: vscode.Disposable | undefined;
  let root: vscode.DebugSession | undefined;
  let doctor: TokenDoctorApi;

  before(async function () {
    skipInWebWorker(
      this,
      "debug adapter messages reach only the trackers of the extension host that runs the adapter, and js-debug runs in code-server's Node host; the view's welcome text says so to users",
    );
    doctor = await api();
    const jsDebug = vscode.extensions.getExtension('ms-vscode.js-debug');
    assert.ok(jsDebug, 'the built-in JavaScript debugger (ms-vscode.js-debug) is not installed in this VS Code');
    observer = vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker(session) {
        seen.sessions.push(session);
        return {
          onDidSendMessage(m) {
            if (m?.type === 'event' && m.event === 'output') seen.outputs.push({ category: m.body?.category, output: m.body?.output });
            if (m?.type === 'event' && m.event === 'stopped') seen.stopped = { session, threadId: m.body?.threadId };
          },
        };
      },
    });
    const started = new Promise<vscode.DebugSession>((resolve) => {
      const sub = vscode.debug.onDidStartDebugSession((s) => {
        if (s.name === 'Token Doctor debug test') {
          sub.dispose();
          resolve(s);
        }
      });
    });
    const ok = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      type: 'node',
      request: 'launch',
      name: 'Token Doctor debug test',
      program: fixture(),
      console: 'internalConsole',
      outputCapture: 'std',
      skipFiles: ['<node_internals>/**'],
    });
    assert.equal(ok, true, 'vscode.debug.startDebugging returned false');
    root = await started;
    await until('the program to stop at its debugger statement', () => seen.stopped);
  });

  after(async () => {
    observer?.dispose();
    if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging();
    await closePanels();
  });

  it('sees the token arrive in pieces (the fixture really splits it across output events)', () => {
    const stdout = seen.outputs.filter((o) => o.category === 'stdout');
    const text = stdout.map((o) => o.output).join('');
    const match = TOKEN_RE.exec(text);
    assert.ok(match, `no token in the program's output (${seen.outputs.length} output events)`);
    const [from, to] = [match.index, match.index + match[0].length];
    // Output events whose text overlaps the token's place in the joined output.
    let at = 0;
    let pieces = 0;
    for (const o of stdout) {
      if (at < to && at + o.output.length > from) pieces++;
      at += o.output.length;
    }
    assert.ok(pieces >= 2, `expected the token in several output events, saw ${pieces}`);
  });

  it('finds the split token and the split OAuth error response in the output', async () => {
    assert.ok(root);
    const findings = await until('the findings in the Token Doctor view', async () => {
      const all = await doctor.debugFindings(root!.id);
      const ok = all.some((f) => f.kind === 'jwt' && f.source === 'stdout') && all.some((f) => f.kind === 'oauth-error');
      return ok ? all : undefined;
    });
    const jwt = findings.find((f) => f.kind === 'jwt' && f.source === 'stdout')!;
    assert.equal(jwt.sessionId, root.id, 'the finding is not grouped under the top-level session');
    assert.equal(jwt.sessionName, 'Token Doctor debug test');
    assert.match(jwt.summary, /expired/, `the token summary does not say it expired: ${jwt.summary}`);
    assert.equal(jwt.count, 1);
    const oauth = findings.find((f) => f.kind === 'oauth-error')!;
    assert.equal(oauth.error, 'invalid_grant');
    assert.equal(oauth.source, 'stderr');
    assert.match(oauth.summary, /invalid_grant/);
    // Split pieces must not show up as extra, damaged findings.
    const stdoutTokens = findings.filter((f) => f.kind === 'jwt' && f.source === 'stdout');
    assert.equal(stdoutTokens.length, 1, `expected one token from stdout, got ${stdoutTokens.length}`);
  });

  it('offers a notification once per cause: the expired token and the OAuth error', () => {
    assert.ok(root);
    const keys = doctor.debugNotifications(root.id);
    assert.ok(keys.includes('token.expired'), `notified: ${keys.join(', ') || 'nothing'}`);
    assert.ok(keys.includes('grant.invalid'), `notified: ${keys.join(', ') || 'nothing'}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('gives a redacted copy of the token: header and claims, no signature', async () => {
    assert.ok(root);
    const all = await doctor.debugFindings(root.id);
    const jwt = all.find((f) => f.kind === 'jwt' && f.source === 'stdout')!;
    const copied = await vscode.commands.executeCommand<string>('tokenDoctor.debug.copyRedactedToken', { id: jwt.id });
    assert.equal(copied, jwt.redacted);
    const [header, payload, signature] = copied.split('.');
    assert.equal(signature, 'REDACTED');
    assert.equal(JSON.parse(fromBase64url(header!)).kid, 'debug-fixture');
    const claims = JSON.parse(fromBase64url(payload!));
    assert.equal(claims.aud, 'api://orders');
    assert.notEqual(claims.sub, 'user-1', 'the personal claim sub was not masked');
  });

  it('lists findings in the Token Doctor view, whose Diagnose action opens the panel', async () => {
    assert.ok(root);
    // The view is contributed to Run and Debug and has a provider (else focusing it fails).
    await vscode.commands.executeCommand('tokenDoctor.debugFindings.focus');
    const oauth = (await doctor.debugFindings(root.id)).find((f) => f.kind === 'oauth-error');
    assert.ok(oauth);
    await closePanels();
    const opened = await vscode.commands.executeCommand<boolean>('tokenDoctor.debug.diagnoseFinding', { id: oauth.id });
    assert.equal(opened, true);
    await until('the diagnosis panel to open', () => panelTabs().length > 0 || undefined, 10_000);
    assert.equal(await vscode.commands.executeCommand('tokenDoctor.debug.diagnoseFinding', { id: 'no-such-finding' }), false);
  });

  it('"Diagnose Token" on a variable diagnoses its value and opens the panel', async () => {
    const stop = seen.stopped;
    assert.ok(stop, 'the program did not stop');
    const session = stop.session;
    const { stackFrames } = await session.customRequest('stackTrace', { threadId: stop.threadId, startFrame: 0, levels: 1 });
    const { scopes } = await session.customRequest('scopes', { frameId: stackFrames[0].id });
    const local = scopes.find((s: { name: string }) => /local/i.test(s.name)) ?? scopes[0];
    const { variables } = await session.customRequest('variables', { variablesReference: local.variablesReference });
    const variable = variables.find((v: { name: string }) => v.name === 'accessToken');
    assert.ok(variable, `no accessToken among ${variables.map((v: { name: string }) => v.name).join(', ')}`);
    assert.match(variable.value, /eyJ/);

    await closePanels();
    // The same argument VS Code passes to a debug/variables/context command.
    const outcome = await vscode.commands.executeCommand<{ kinds: string[]; opened: boolean; from: string }>('tokenDoctor.debug.diagnoseVariable', {
      sessionId: session.id,
      container: local,
      variable,
    });
    assert.ok(outcome.kinds.includes('jwt'), `kinds: ${outcome.kinds.join(', ') || 'none'}`);
    assert.equal(outcome.opened, true, 'the diagnosis panel command failed');
    await until('the diagnosis panel to open', () => panelTabs().length > 0 || undefined, 10_000);

    const count = variables.find((v: { name: string }) => v.name === 'attempt');
    assert.ok(count, 'no variable `attempt` to try a value without a token');
    const none = await vscode.commands.executeCommand<{ kinds: string[]; opened: boolean }>('tokenDoctor.debug.diagnoseVariable', {
      sessionId: session.id,
      container: local,
      variable: count,
    });
    assert.deepEqual(none, { kinds: [], opened: false, from: 'variable' });
  });

  it('notices tokens in values the debugger shows (variables, watch expressions) without notifying', async () => {
    assert.ok(root && seen.stopped);
    const session = seen.stopped.session;
    const { stackFrames } = await session.customRequest('stackTrace', { threadId: seen.stopped.threadId, startFrame: 0, levels: 1 });
    // A watch expression whose value is another token: not valid before tomorrow.
    const expression = [
      `Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')`,
      `Buffer.from(JSON.stringify({ sub: 'watch', nbf: Math.floor(Date.now() / 1000) + 86400 })).toString('base64url')`,
      `accessToken.split('.')[2].slice(0, 43)`,
    ].join(" + '.' + ");
    const watched = await session.customRequest('evaluate', { expression, frameId: stackFrames[0].id, context: 'watch' });
    assert.match(String(watched?.result), /eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\./);
    let sources = new Set<string>();
    const findings = await until(
      'token findings from values',
      async () => {
        const all = await doctor.debugFindings(root!.id);
        sources = new Set(all.filter((f) => f.kind === 'jwt').map((f) => f.source));
        return sources.has('variables') && sources.has('watch') ? all : undefined;
      },
      5_000,
    ).catch((err) => {
      throw new Error(`${err.message}; token sources: ${[...sources].join(', ')}`);
    });
    const watch = findings.find((f) => f.source === 'watch')!;
    assert.ok(watch.causes.includes('token.not-yet-valid'), `watch token causes: ${watch.causes.join(', ')}`);
    // A failure seen in a value (not in output) is listed, not notified.
    const keys = doctor.debugNotifications(root.id);
    assert.ok(!keys.includes('token.not-yet-valid'), `notified: ${keys.join(', ')}`);
  });

  it('keeps the findings after the session ends', async () => {
    assert.ok(root && seen.stopped);
    const ended = new Promise<void>((resolve) => {
      const sub = vscode.debug.onDidTerminateDebugSession((s) => {
        if (s.id === root!.id) {
          sub.dispose();
          resolve();
        }
      });
    });
    await seen.stopped.session.customRequest('continue', { threadId: seen.stopped.threadId });
    await ended;
    const findings = await until('the session to be marked ended', async () => {
      const all = await doctor.debugFindings(root!.id);
      return all.length > 0 && all.every((f) => f.sessionEnded) ? all : undefined;
    });
    assert.ok(findings.some((f) => f.kind === 'oauth-error'));
  });
});
