// The editor bench: runs inside a real VS Code's extension host (scripts/bench-editor.mjs)
// and prints how long hovers and CodeLens take on a 5 MB document with thousands of
// tokens. Figures, not assertions: they vary by machine.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { TokenDoctorApi } from '../../src/vscode/extension';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** About `mb` MB of log lines; every 25th line has a bearer token, every 200th an OAuth error. */
function bigLog(mb: number): { text: string; tokens: number } {
  const now = Math.floor(Date.now() / 1000);
  const sig = Buffer.alloc(256, 3).toString('base64url');
  const header = b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k1' });
  const lines: string[] = [];
  let size = 0;
  let tokens = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    let line: string;
    if (i % 25 === 3) {
      line = `2026-11-21T10:00:03Z DEBUG call ${i} Authorization: Bearer ${header}.${b64({ iss: 'https://login.example.test/', sub: `user-${i}`, aud: 'api://orders', scope: 'orders.read', iat: now - 4000, exp: now + (i % 2 ? 600 : -600) })}.${sig}`;
      tokens++;
    } else if (i % 200 === 13) {
      line = '2026-11-21T10:00:04Z ERROR token endpoint said {"error":"invalid_grant","error_description":"Token has been expired or revoked."}';
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
  return `median ${q(0.5).toFixed(2)} ms · p95 ${q(0.95).toFixed(2)} ms · max ${s[s.length - 1]!.toFixed(2)} ms (n=${s.length})`;
}

async function time<T>(f: () => Thenable<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await f();
  return [performance.now() - t0, v];
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<TokenDoctorApi>('token-doctor.token-doctor');
  if (!ext) throw new Error('extension not loaded');
  const api = await ext.activate();
  const { text, tokens } = bigLog(5);
  const doc = await vscode.workspace.openTextDocument({ content: text, language: 'log' });
  await vscode.window.showTextDocument(doc);
  const out: string[] = [`document: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${doc.lineCount} lines, ${tokens} tokens`];

  // Positions inside tokens spread over the whole document.
  const positions: vscode.Position[] = [];
  for (let at = text.indexOf('Bearer eyJ'), k = 0; at >= 0; at = text.indexOf('Bearer eyJ', at + 1), k++) {
    if (k % Math.max(1, Math.floor(tokens / 200)) === 0) positions.push(doc.positionAt(at + 30));
  }

  const [coldIn, coldLenses] = await time(() => api.testing.codeLenses(doc));
  out.push(`CodeLens provider in process, first request (scans 5 MB, resolves all): ${coldIn.toFixed(1)} ms, ${coldLenses.length} lenses`);
  const [cold] = await time(() => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 50));
  out.push(`CodeLens via executeCodeLensProvider, first round trip: ${cold.toFixed(1)} ms`);
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) warm.push((await time(() => vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri, 50)))[0]);
  out.push(`CodeLens via executeCodeLensProvider (round trip, 50 resolved): ${stats(warm)}`);
  const inProc: number[] = [];
  for (let i = 0; i < 10; i++) inProc.push((await time(() => api.testing.codeLenses(doc)))[0]);
  out.push(`CodeLens provider in process (provide + resolve all): ${stats(inProc)}`);

  const hoverRt: number[] = [];
  for (const p of positions) hoverRt.push((await time(() => vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, p)))[0]);
  out.push(`hover via executeHoverProvider (round trip): ${stats(hoverRt)}`);
  const hoverIn: number[] = [];
  for (const p of positions) hoverIn.push((await time(() => api.testing.hover(doc, p)))[0]);
  out.push(`hover provider in process: ${stats(hoverIn)}`);
  const misses: number[] = [];
  for (let line = 0; line < doc.lineCount; line += Math.floor(doc.lineCount / 200)) misses.push((await time(() => api.testing.hover(doc, new vscode.Position(line, 5))))[0]);
  out.push(`hover provider in process, nothing there: ${stats(misses)}`);

  // An edit makes a new version: the next request rescans.
  const editor = vscode.window.activeTextEditor!;
  await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'x'));
  const [rescan] = await time(() => api.testing.hover(doc, positions[0]!.translate(0, positions[0]!.line === 0 ? 1 : 0)));
  out.push(`hover right after an edit (rescans 5 MB): ${rescan.toFixed(1)} ms`);

  await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'y'));
  await new Promise((r) => setTimeout(r, 1000));
  const [prewarmed] = await time(() => api.testing.hover(doc, positions[1]!));
  out.push(`hover 1 s after an edit (scanned in the background meanwhile): ${prewarmed.toFixed(2)} ms`);

  console.log(['', 'Token Doctor editor bench', ...out.map((l) => `  ${l}`), ''].join('\n'));
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
