/**
 * node out/scripts/bench-errors.js (after npm run build): what error
 * detection costs within a whole analysis.
 *
 * On a generated mixed log (24 MB by default, BENCH_MB to change it) it times
 * analyze() as a whole, then findErrors() alone over the same windows that
 * analyze() reads (each 64 KB piece with its 8 KB margins), and prints the
 * share. Then the error detector alone on hostile inputs at 1 MB and 4 MB,
 * where linear growth shows as a ratio near 4 (BENCH_HOSTILE=0 skips them).
 */
import { analyze, MARGIN_CHARS, pieceBounds } from '../src/core/analysis/analyze';
import { findErrors, forgetErrorMemo } from '../src/core/errors/index';
import { mixedLog } from './lib/mixedLog';

const NOW = 1_795_300_000;
const OPTIONS = { now: NOW, leeway: 60 };

/** Best of `runs`, each timed as a first scan: what the error detector remembered from the run before is forgotten. */
function time<T>(fn: () => T, runs = 3): { ms: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let r = 0; r < runs; r++) {
    forgetErrorMemo();
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

/** findErrors over the windows analyze() reads: each piece with its margins (as in analysePiece). */
function errorsAsAnalyzed(text: string): number {
  let n = 0;
  const bounds = pieceBounds(text);
  for (const [s, e] of bounds) {
    const whole = s === 0 && e === text.length;
    const ws = whole ? 0 : Math.max(0, s - MARGIN_CHARS);
    const we = whole ? text.length : Math.min(text.length, e + MARGIN_CHARS);
    n += findErrors(whole ? text : text.slice(ws, we), OPTIONS).length;
  }
  return n;
}

function main() {
  const mb = Number(process.env.BENCH_MB ?? 24);
  const log = mixedLog(mb);
  const lines = log.split('\n').length;
  console.log(`Mixed log: ${(log.length / 1024 / 1024).toFixed(1)} MB, ${lines} lines (best of 5 runs, one core, each a first scan)\n`);
  // Alternated, so that a slow moment of a shared machine hits both alike; best of five each.
  let whole = { ms: Infinity, result: analyze('', OPTIONS) };
  let errs = { ms: Infinity, result: 0 };
  for (let r = 0; r < 5; r++) {
    const w = time(() => analyze(log, OPTIONS), 1);
    if (w.ms < whole.ms) whole = w;
    const e = time(() => errorsAsAnalyzed(log), 1);
    if (e.ms < errs.ms) errs = e;
  }
  const kinds: Record<string, number> = {};
  for (const f of whole.result.findings) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
  console.log('| measure | time | share |');
  console.log('|---|---:|---:|');
  console.log(`| analyze() | ${whole.ms.toFixed(0)} ms | 100 % |`);
  console.log(`| error detection (findErrors over the same windows) | ${errs.ms.toFixed(0)} ms | ${((100 * errs.ms) / whole.ms).toFixed(0)} % |`);
  console.log(
    `\nfindings: ${Object.entries(kinds)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );

  if (process.env.BENCH_HOSTILE === '0') return;
  console.log('\nError detection on hostile inputs (1 MB and 4 MB; linear growth means about 4x):\n');
  console.log('| input | 1 MB | 4 MB | ratio |');
  console.log('|---|---:|---:|---:|');
  const hostile: Array<[string, (n: number) => string]> = [
    ['`error` repeated', (n) => 'error '.repeat(n / 6)],
    ['`Error: ` lines', (n) => 'Error: invalid token\n'.repeat(n / 21)],
    ['`{"error":` unclosed, repeated', (n) => '{"error":"'.repeat(n / 10)],
    ['`HTTP/1.1 401` repeated', (n) => 'HTTP/1.1 401 '.repeat(n / 13)],
    ['`HTTP/1.1 401` lines', (n) => 'HTTP/1.1 401 Unauthorized\n'.repeat(n / 26)],
    ['`error=` repeated', (n) => 'error=invalid_grant&'.repeat(n / 20)],
    ['`AADSTS` repeated', (n) => 'AADSTS50011 '.repeat(n / 12)],
    ['`Exception` repeated', (n) => 'Exception'.repeat(n / 9)],
    ['`Authorization: Bearer` lines', (n) => 'Authorization: Bearer abc.def.ghi\n'.repeat(n / 34)],
    ['one long line of phrases', (n) => 'the token has expired and the signature is invalid; '.repeat(n / 52)],
  ];
  for (const [name, make] of hostile) {
    const small = make(1024 * 1024);
    const big = make(4 * 1024 * 1024);
    const a = time(() => errorsAsAnalyzed(small), 2).ms;
    const b = time(() => errorsAsAnalyzed(big), 2).ms;
    console.log(`| ${name} | ${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(b / Math.max(a, 0.01)).toFixed(1)} |`);
  }
}

main();
