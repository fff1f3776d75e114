/**
 * npm run bench: scan throughput on a generated mixed log, the plain approach
 * (gitleaks' JWT regex, then jose's decode of each match) on the same input,
 * and time on hostile inputs at two sizes to show linear growth.
 *
 * Then the command line as whole processes, side by side with the baseline
 * as a process (the same regex and decode over the file, writing JSON): the
 * 24 MB mixed log (median of several runs, wall time and peak RSS), the same
 * log at 200 MB (linear growth, memory), and a folder of 5,000 files / 200 MB
 * of mixed source and logs generated under the system's temporary folder.
 * Figures vary by machine; compare them within one run.
 *
 * BENCH_PARTS=engine,process,big,folder chooses parts (all by default);
 * BENCH_RUNS sets the runs per process figure (default 5).
 */
import * as jose from 'jose';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze } from '../src/core/analysis/analyze';
import { findTokens } from '../src/core/jwt/find';

const NOW = 1_795_300_000;

function b64(s: string) {
  return jose.base64url.encode(s);
}

/** A deterministic log of about `mb` megabytes with tokens and auth errors among ordinary lines. */
function mixedLog(mb: number): string {
  return [...mixedLines(mb * 1024 * 1024)].join('\n');
}

/** The lines of the mixed log, about `bytes` characters in all; `from` starts the numbering elsewhere (other files). */
function* mixedLines(bytes: number, from = 0): Generator<string> {
  const sig = b64('x'.repeat(32));
  const token = (i: number) =>
    `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(JSON.stringify({ sub: `user-${i}`, scope: 'read', iat: NOW - 100, exp: NOW + (i % 2 ? 600 : -600) }))}.${sig}`;
  const ordinary = [
    '2026-11-21T10:00:00.123Z INFO  [http-nio-8080-exec-4] c.e.orders.OrderController - GET /api/orders/12345 200 12ms',
    '2026-11-21T10:00:00.456Z DEBUG [pool-3-thread-1] com.example.cache.RedisCache - hit key=orders:12345 ttl=300',
    '2026-11-21T10:00:01.001Z WARN  [main] o.s.b.w.embedded.tomcat.TomcatWebServer - slow start 1.2.3.4 v2.7.18',
    '10.0.0.7 - - [21/Nov/2026:10:00:01 +0000] "GET /static/app.9f8e7d.js HTTP/1.1" 304 0 "-" "Mozilla/5.0"',
    '2026-11-21T10:00:02.000Z INFO  worker-7 processed batch id=123e4567-e89b-12d3-a456-426614174000 items=42',
  ];
  let size = 0;
  let i = from;
  while (size < bytes) {
    let line: string;
    if (i % 50 === 7) line = `2026-11-21T10:00:03Z DEBUG outbound call Authorization: Bearer ${token(i)}`;
    else if (i % 200 === 13)
      line = `2026-11-21T10:00:04Z ERROR token endpoint said {"error":"invalid_grant","error_description":"Token has been expired or revoked."}`;
    else if (i % 300 === 17) line = `2026-11-21T10:00:05Z WARN upstream returned HTTP/1.1 401 Unauthorized`;
    else line = ordinary[i % ordinary.length]!;
    yield line;
    size += line.length + 1;
    i++;
  }
}

// gitleaks' generic JWT rule, the usual way tools find tokens, then a decode of each match.
const GITLEAKS_JWT = /\b(ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.(?:[a-zA-Z0-9/\\_-]{10,}={0,2})?)(?:['|"\n\r\s\x60;]|$)/g;

function plainApproach(text: string): number {
  let n = 0;
  GITLEAKS_JWT.lastIndex = 0;
  for (const m of text.matchAll(GITLEAKS_JWT)) {
    try {
      jose.decodeProtectedHeader(m[1]!);
      jose.decodeJwt(m[1]!);
      n++;
    } catch {
      /* not a token */
    }
  }
  return n;
}

function time<T>(fn: () => T, runs = 3): { ms: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

const mbps = (chars: number, ms: number) => (chars / 1024 / 1024 / (ms / 1000)).toFixed(0);

function engine() {
  const log = mixedLog(Number(process.env.BENCH_MB ?? 40));
  const mb = (log.length / 1024 / 1024).toFixed(1);
  console.log(`Mixed log: ${mb} MB, ${log.split('\n').length} lines (best of 3 runs, one core)\n`);
  const ours = time(() => analyze(log, { now: NOW, leeway: 60 }));
  const tokensOnly = time(() => findTokens(log, { now: NOW, leeway: 60 }));
  const full = time(() => {
    // What `scan --json` pays: every finding's causes and summary materialised.
    const r = analyze(log, { now: NOW, leeway: 60 });
    let n = 0;
    for (const f of r.findings) n += f.causes.length + f.summary.length;
    return n;
  }, 1);
  const plain = time(() => plainApproach(log));
  const kinds: Record<string, number> = {};
  for (const f of ours.result.findings) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
  console.log('| scanner | time | throughput | findings |');
  console.log('|---|---:|---:|---|');
  console.log(
    `| token-doctor scan (tokens + errors) | ${ours.ms.toFixed(0)} ms | ${mbps(log.length, ours.ms)} MB/s | ${Object.entries(kinds)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')} |`,
  );
  console.log(
    `| token-doctor token detection alone | ${tokensOnly.ms.toFixed(0)} ms | ${mbps(log.length, tokensOnly.ms)} MB/s | ${tokensOnly.result.length} jwt |`,
  );
  console.log(`| token-doctor scan + every diagnosis materialised | ${full.ms.toFixed(0)} ms | ${mbps(log.length, full.ms)} MB/s | as above |`);
  console.log(`| gitleaks JWT regex + jose decode | ${plain.ms.toFixed(0)} ms | ${mbps(log.length, plain.ms)} MB/s | ${plain.result} jwt |`);

  const extra = [
    ['alg none', `token ${b64('{"alg":"none"}')}.${b64('{"sub":"1"}')}. end`],
    ['JWE (dir)', `${b64('{"alg":"dir","enc":"A128GCM"}')}..${b64('123456789012')}.${b64('ciphertext')}.${b64('0123456789abcdef')}`],
    ['truncated', `Bearer ${b64('{"alg":"HS256"}')}.${b64('{"sub":"1234567890","name":"A')}`],
  ];
  console.log('\nFound by token-doctor but not by the plain approach:');
  for (const [name, text] of extra) {
    const a = analyze(text!, { now: NOW, leeway: 60 }).findings.length;
    console.log(`- ${name}: token-doctor ${a}, plain ${plainApproach(text!)}`);
  }

  console.log('\nHostile inputs (time at 1 MB and 4 MB; linear growth means about 4x):\n');
  console.log('| input | 1 MB | 4 MB | ratio |');
  console.log('|---|---:|---:|---:|');
  const hostile: Array<[string, (n: number) => string]> = [
    ['`eyJa` repeated', (n) => 'eyJa'.repeat(n / 4)],
    ['dots', (n) => '.'.repeat(n)],
    ['one base64 run', (n) => 'QUJD'.repeat(n / 4)],
    ['`eyJ` + base64 run', (n) => `eyJ${'A'.repeat(n)}`],
    ['valid header + dot, repeated', (n) => `${b64('{"alg":"none"}')}.`.repeat(n / 20)],
    ['cut tokens on every line', (n) => `${b64('{"alg":"HS256"}')}.eyJ\n`.repeat(n / 25)],
    ['`error` repeated', (n) => 'error '.repeat(n / 6)],
    ['`{"error":` unclosed, repeated', (n) => '{"error":"'.repeat(n / 10)],
    ['`HTTP/1.1 401` repeated', (n) => 'HTTP/1.1 401 '.repeat(n / 13)],
    ['`{}"error":"x"` repeated', (n) => '{}"error":"x" '.repeat(n / 14)],
    ['`401 Unauthorized` lines', (n) => 'HTTP/1.1 401 Unauthorized\n'.repeat(n / 26)],
    ['`error=` repeated', (n) => 'error=invalid_grant&'.repeat(n / 20)],
    [
      'random bytes',
      (n) => {
        let s = '';
        let x = 7;
        for (let i = 0; i < n; i++) {
          x = (x * 1103515245 + 12345) & 0x7fffffff;
          s += String.fromCharCode(32 + (x % 95));
        }
        return s;
      },
    ],
  ];
  for (const [name, make] of hostile) {
    const small = make(1024 * 1024);
    const big = make(4 * 1024 * 1024);
    const a = time(() => analyze(small, { now: NOW, leeway: 60 }), 2).ms;
    const b = time(() => analyze(big, { now: NOW, leeway: 60 }), 2).ms;
    console.log(`| ${name} | ${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(b / Math.max(a, 0.01)).toFixed(1)} |`);
  }
}

// ------------------------------------------------------------------ processes

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const SELF = __filename;
const WORK = join(tmpdir(), 'token-doctor-bench');
const GNU_TIME = '/usr/bin/time';

/** The baseline as a process: gitleaks' JWT regex over each file, jose's decode of each match, the matches as compact JSON. */
function baselineProcess(paths: string[]) {
  const files: string[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else files.push(p);
  };
  for (const p of paths) walk(p);
  const out: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    GITLEAKS_JWT.lastIndex = 0;
    for (const m of text.matchAll(GITLEAKS_JWT)) {
      try {
        const header = jose.decodeProtectedHeader(m[1]!);
        const claims = jose.decodeJwt(m[1]!);
        out.push(JSON.stringify({ file, start: m.index, end: m.index + m[1]!.length, header, claims }));
      } catch {
        /* not a token */
      }
    }
  }
  process.stdout.write(`{"findings":[${out.join(',')}]}\n`);
}

interface Run {
  ms: number;
  rssMB?: number;
  /** User + system CPU time (less sensitive to other load than wall time). */
  cpuMs?: number;
}

/** One process, its output to a file; wall time, and peak RSS where GNU time is installed. */
function runProcess(args: string[], out: string): Run {
  const fd = openSync(out, 'w');
  const withTime = existsSync(GNU_TIME);
  const rssFile = join(WORK, 'rss.txt');
  const cmd = withTime ? GNU_TIME : process.execPath;
  const argv = withTime ? ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args] : args;
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { stdio: ['ignore', fd, 'pipe'] });
  const ms = performance.now() - t0;
  closeSync(fd);
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${String(r.stderr)}`);
  const [rssKB, user, sys] = withTime ? readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) : [];
  return {
    ms,
    ...(rssKB !== undefined && Number.isFinite(rssKB) ? { rssMB: rssKB / 1024 } : {}),
    ...(user !== undefined && sys !== undefined && Number.isFinite(user + sys) ? { cpuMs: (user + sys) * 1000 } : {}),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Each command `runs` times, interleaved (so load drifts hit all alike); medians. */
function sideBySide(commands: Array<[string, string[]]>, runs: number): Map<string, { ms: number; rssMB?: number; cpuMs?: number; outMB: number }> {
  const times = new Map<string, Run[]>(commands.map(([name]) => [name, []]));
  for (let r = 0; r < runs; r++) {
    for (const [name, args] of commands) times.get(name)!.push(runProcess(args, join(WORK, 'out.txt')));
  }
  const result = new Map<string, { ms: number; rssMB?: number; cpuMs?: number; outMB: number }>();
  for (const [name, args] of commands) {
    const list = times.get(name)!;
    runProcess(args, join(WORK, 'out.txt'));
    const outMB = statSync(join(WORK, 'out.txt')).size / 1024 / 1024;
    const rss = list.map((x) => x.rssMB).filter((x): x is number => x !== undefined);
    const cpu = list.map((x) => x.cpuMs).filter((x): x is number => x !== undefined);
    result.set(name, {
      ms: median(list.map((x) => x.ms)),
      ...(rss.length ? { rssMB: Math.max(...rss) } : {}),
      ...(cpu.length ? { cpuMs: median(cpu) } : {}),
      outMB,
    });
  }
  return result;
}

/** Writes the mixed log of `mb` megabytes to a file once (kept between runs). */
function mixedFile(mb: number): string {
  mkdirSync(WORK, { recursive: true });
  const file = join(WORK, `mixed-${mb}.log`);
  if (existsSync(file) && statSync(file).size >= mb * 1024 * 1024) return file;
  const fd = openSync(file, 'w');
  let batch: string[] = [];
  for (const line of mixedLines(mb * 1024 * 1024)) {
    batch.push(line);
    if (batch.length >= 10_000) {
      writeSync(fd, `${batch.join('\n')}\n`);
      batch = [];
    }
  }
  writeSync(fd, batch.join('\n'));
  closeSync(fd);
  return file;
}

/** Source-like text of about `bytes` characters: code with a token in a string literal now and then, config, Markdown. */
function sourceText(bytes: number, seed: number, ext: string): string {
  const sig = b64('s'.repeat(32));
  const token = (i: number) =>
    `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64(JSON.stringify({ sub: `svc-${i}`, iat: NOW - 100, exp: NOW + (i % 3 ? 600 : -600) }))}.${sig}`;
  const lines: string[] = [];
  let size = 0;
  for (let i = seed; size < bytes; i++) {
    let line: string;
    if (ext === '.env') line = i % 9 === 0 ? `API_TOKEN=${token(i)}` : `SETTING_${i}=value-${i}`;
    else if (ext === '.md')
      line = i % 40 === 0 ? `Send \`Authorization: Bearer ${token(i)}\` to call the API.` : `Paragraph ${i} explains how orders are processed and retried.`;
    else if (ext === '.yaml') line = i % 30 === 0 ? `  token: "${token(i)}"` : `  key_${i}: value ${i} # comment`;
    else if (i % 120 === 0) line = `  const fixture${i} = '${token(i)}';`;
    else if (i % 97 === 0) line = `  expect(res.body).toEqual({ error: 'invalid_grant', error_description: 'Code expired' });`;
    else line = `  export function handler${i}(req: Request): Response { return ok(req.params.id + ${i}); }`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/** 5,000 files, about 200 MB, of mixed source and logs under WORK/tree (made once). */
function folderTree(): { dir: string; files: number; mb: number } {
  const dir = join(WORK, 'tree');
  const marker = join(dir, '.complete');
  const exts = ['.ts', '.js', '.py', '.env', '.yaml', '.md', '.log', '.log'];
  let files = 0;
  let bytes = 0;
  if (!existsSync(marker)) {
    for (let i = 0; i < 5000; i++) {
      const ext = exts[i % exts.length]!;
      // Sizes from 4 KB to about 80 KB, 42 KB on average.
      const size = 4096 + ((i * 2654435761) % 77_824);
      const sub = join(dir, `pkg-${i % 50}`, ext === '.log' ? 'logs' : 'src', `m${i % 7}`);
      mkdirSync(sub, { recursive: true });
      const text = ext === '.log' ? [...mixedLines(size, i * 1000)].join('\n') : sourceText(size, i * 1000, ext);
      writeFileSync(join(sub, `f${i}${ext}`), text);
    }
    writeFileSync(marker, '');
  }
  const walk = (p: string) => {
    for (const name of readdirSync(p)) {
      const q = join(p, name);
      const st = statSync(q);
      if (st.isDirectory()) walk(q);
      else if (name !== '.complete') {
        files++;
        bytes += st.size;
      }
    }
  };
  walk(dir);
  return { dir, files, mb: bytes / 1024 / 1024 };
}

function processes(parts: Set<string>) {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build');
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const cores = availableParallelism();
  const now = ['--now', String(NOW)];
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const rss = (r: { rssMB?: number }, inputMB: number) =>
    r.rssMB === undefined ? 'n/a' : `${r.rssMB.toFixed(0)} MB (${(r.rssMB / inputMB).toFixed(1)}× input)`;
  if (parts.has('process')) {
    const file = mixedFile(24);
    const mb = statSync(file).size / 1024 / 1024;
    console.log(`\nWhole processes on the ${mb.toFixed(1)} MB mixed log (median of ${runs} runs, interleaved; ${cores} cores):\n`);
    const rows = sideBySide(
      [
        ['gitleaks JWT regex + jose decode, JSON out (baseline)', [SELF, 'baseline', file]],
        ['token-doctor scan --json', [CLI, 'scan', '--json', ...now, file]],
        ['token-doctor scan --json --jobs 1', [CLI, 'scan', '--json', '--jobs', '1', ...now, file]],
        ['token-doctor scan --format sarif', [CLI, 'scan', '--format', 'sarif', ...now, file]],
      ],
      runs,
    );
    const base = [...rows.values()][0]!.ms;
    const baseCpu = [...rows.values()][0]!.cpuMs;
    console.log('| process | wall time | vs baseline | throughput | CPU time (vs baseline) | peak RSS | output |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const [name, r] of rows) {
      const cpu = r.cpuMs === undefined || baseCpu === undefined ? 'n/a' : `${fmt(r.cpuMs)} (${(r.cpuMs / baseCpu).toFixed(2)}×)`;
      console.log(
        `| ${name} | ${fmt(r.ms)} | ${(r.ms / base).toFixed(2)}× | ${mbps(mb * 1024 * 1024, r.ms)} MB/s | ${cpu} | ${rss(r, mb)} | ${r.outMB.toFixed(1)} MB |`,
      );
    }
  }
  if (parts.has('big')) {
    const small = mixedFile(24);
    const big = mixedFile(200);
    const smallMB = statSync(small).size / 1024 / 1024;
    const bigMB = statSync(big).size / 1024 / 1024;
    const bigRuns = Math.max(1, Math.min(runs, 3));
    console.log(`\nLinear growth and memory: the same log at ${smallMB.toFixed(0)} and ${bigMB.toFixed(0)} MB (median of ${bigRuns} runs, interleaved):\n`);
    const big3 = sideBySide(
      [
        ['small', [CLI, 'scan', '--json', ...now, small]],
        ['big', [CLI, 'scan', '--json', ...now, big]],
        ['base', [SELF, 'baseline', big]],
      ],
      bigRuns,
    );
    const a = big3.get('small')!;
    const b = big3.get('big')!;
    const base = big3.get('base')!;
    const cpu = (r: { cpuMs?: number }) => (r.cpuMs === undefined ? 'n/a' : fmt(r.cpuMs));
    console.log('| input | wall time | throughput | CPU time | peak RSS |');
    console.log('|---|---:|---:|---:|---:|');
    console.log(
      `| ${smallMB.toFixed(0)} MB, token-doctor scan --json | ${fmt(a.ms)} | ${mbps(smallMB * 1024 * 1024, a.ms)} MB/s | ${cpu(a)} | ${rss(a, smallMB)} |`,
    );
    console.log(`| ${bigMB.toFixed(0)} MB, token-doctor scan --json | ${fmt(b.ms)} | ${mbps(bigMB * 1024 * 1024, b.ms)} MB/s | ${cpu(b)} | ${rss(b, bigMB)} |`);
    console.log(`| ${bigMB.toFixed(0)} MB, baseline | ${fmt(base.ms)} | ${mbps(bigMB * 1024 * 1024, base.ms)} MB/s | ${cpu(base)} | ${rss(base, bigMB)} |`);
    const cpuRatio = a.cpuMs && b.cpuMs ? `, CPU time ratio ${(b.cpuMs / a.cpuMs).toFixed(1)}` : '';
    console.log(`\nTime ratio ${(b.ms / a.ms).toFixed(1)}${cpuRatio}, for a size ratio of ${(bigMB / smallMB).toFixed(1)}.`);
  }
  if (parts.has('folder')) {
    const tree = folderTree();
    const folderRuns = Math.max(1, Math.min(runs, 3));
    console.log(`\nA folder of ${tree.files} files, ${tree.mb.toFixed(0)} MB of mixed source and logs (median of ${folderRuns} runs):\n`);
    const rows = sideBySide(
      [
        ['gitleaks JWT regex + jose decode, JSON out (baseline)', [SELF, 'baseline', tree.dir]],
        [`token-doctor scan --json (threads: one per idle core of ${cores})`, [CLI, 'scan', '--json', ...now, tree.dir]],
        ['token-doctor scan --json --jobs 1', [CLI, 'scan', '--json', '--jobs', '1', ...now, tree.dir]],
      ],
      folderRuns,
    );
    console.log('| process | wall time | files/s | MB/s | CPU time | peak RSS |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [name, r] of rows) {
      console.log(
        `| ${name} | ${fmt(r.ms)} | ${(tree.files / (r.ms / 1000)).toFixed(0)} | ${(tree.mb / (r.ms / 1000)).toFixed(0)} | ${r.cpuMs === undefined ? 'n/a' : fmt(r.cpuMs)} | ${r.rssMB === undefined ? 'n/a' : `${r.rssMB.toFixed(0)} MB`} |`,
      );
    }
  }
}

if (process.argv[2] === 'baseline') {
  baselineProcess(process.argv.slice(3));
} else {
  const parts = new Set((process.env.BENCH_PARTS ?? 'engine,process,big,folder').split(','));
  if (parts.has('engine')) engine();
  processes(parts);
}
