// The editor bench: runs inside a real VS Code's extension host (scripts/bench-editor.mjs)
// and prints what the issue "One analysis per document version" sets targets for, on a
// 5 MB log with ~1,500 tokens and a 4 MB log with token-request markers:
//   first whole analysis, the new analysis after a one-character edit, a hover round trip
//   right after an edit, and the longest time the extension host was held meanwhile
//   (a 5 ms timer in the host that records how late it fires).
// Figures, not assertions: they vary by machine.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { TokenDoctorApi } from '../../src/vscode/extension';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** About `mb` MB of log lines: every 25th line a bearer token, every 200th an OAuth error; with `requests`, token-request lines too. */
function bigLog(mb: number, requests: boolean): { text: string; tokens: number } {
  const now = Math.floor(Date.now() / 1000);
  const sig = Buffer.alloc(256, 3).toString('base64url');
  const header = b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' });
  const lines: string[] = [];
  let size = 0;
  let tokens = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    let line: string;
    if (!requests && i % 25 === 3) {
      line = `2026-11-21T10:00:03Z DEBUG call ${i} Authorization: Bearer ${header}.${b64({ iss: 'https://login.example.test/', sub: `user-${i}`, aud: 'api://orders', scope: 'orders.read', iat: now - 4000, exp: now + (i % 2 ? 600 : -600) })}.${sig}`;
      tokens++;
    } else if (i % 200 === 13) {
      line = '2026-11-21T10:00:04Z ERROR token endpoint said {"error":"invalid_grant","error_description":"Token has been expired or revoked."}';
    } else if (requests && i % 50 === 7) {
      line = `2026-11-21T10:00:05Z DEBUG POST /oauth2/token body grant_type=client_credentials&client_id=svc-${i}&scope=orders.read&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`;
    } else {
      line = `2026-11-21T10:00:00.123Z INFO  [http-nio-8080-exec-4] c.e.orders.OrderController - GET /api/orders/${i} 200 12ms`;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return { text: lines.join('\n'), tokens };
}

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${q(0.5).toFixed(1)} ms · p95 ${q(0.95).toFixed(1)} ms · max ${s[s.length - 1]!.toFixed(1)} ms (n=${s.length})`;
}

async function time<T>(f: () => Thenable<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
}

/** How late a 5 ms timer fires in this host: the longest time something held the event loop. */
function lagProbe(): { reset(): void; max(): number; stop(): void } {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const t = performance.now();
    worst = Math.max(worst, t - last - 5);
    last = t;
  }, 5);
  return {
    reset: () => {
      worst = 0;
      last = performance.now();
    },
    max: () => worst,
    stop: () => clearInterval(timer),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function benchDocument(api: TokenDoctorApi, label: string, mb: number, requests: boolean, out: string[]): Promise<void> {
  const { text, tokens } = bigLog(mb, requests);
  const doc = await vscode.workspace.openTextDocument({ content: text, language: 'log' });
  const editor = await vscode.window.showTextDocument(doc);
  out.push(`${label}: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${doc.lineCount} lines, ${tokens} tokens`);
  const lag = lagProbe();
  await sleep(200);
  lag.reset();
  const [first, analysis] = await time(() => api.testing.analysis(doc));
  out.push(
    `  first whole analysis: ${first.toFixed(0)} ms (${analysis?.findings.length} findings, ${analysis?.mistakes.length} mistakes), longest block meanwhile ${lag.max().toFixed(0)} ms`,
  );
  await sleep(500);
  lag.reset();

  const positions: vscode.Position[] = [];
  const marker = requests ? 'grant_type=' : 'Bearer eyJ';
  for (let at = text.indexOf(marker), k = 0; at >= 0 && positions.length < 30; at = text.indexOf(marker, at + 1), k++) {
    if (k % 20 === 0) positions.push(doc.positionAt(at + 12));
  }
  const ready: number[] = [];
  const hovers: number[] = [];
  const blocks: number[] = [];
  for (let i = 0; i < 20; i++) {
    lag.reset();
    const p = positions[i % positions.length]!;
    await editor.edit((e) => e.insert(new vscode.Position(p.line, 0), 'x'));
    const [h] = await time(() => vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, p.translate(0, 1)));
    hovers.push(h);
    await editor.edit((e) => e.delete(new vscode.Range(p.line, 0, p.line, 1)));
    const [r] = await time(() => api.testing.analysis(doc));
    ready.push(r);
    await sleep(400);
    blocks.push(lag.max());
  }
  out.push(`  new analysis after a one-character edit: ${stats(ready)}`);
  out.push(`  hover round trip right after an edit: ${stats(hovers)}`);
  out.push(`  longest extension-host block per edit (edit, hover, re-analysis, lenses, diagnostics): ${stats(blocks)}`);
  lag.stop();
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<TokenDoctorApi>('token-doctor.token-doctor');
  if (!ext) throw new Error('extension not loaded');
  const api = await ext.activate();
  const out: string[] = [];
  await benchDocument(api, '5 MB log with tokens', 5, false, out);
  await benchDocument(api, '4 MB log with token-request markers', 4, true, out);
  console.log(['', 'Token Doctor editor bench', ...out.map((l) => `  ${l}`), ''].join('\n'));
}
