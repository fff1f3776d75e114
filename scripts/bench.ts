/**
 * npm run bench: scan throughput on a generated mixed log, the plain approach
 * (gitleaks' JWT regex, then jose's decode of each match) on the same input,
 * and time on hostile inputs at two sizes to show linear growth.
 * Figures vary by machine; compare them within one run.
 */
import * as jose from 'jose';
import { analyze } from '../src/core/analysis/analyze';
import { findTokens } from '../src/core/jwt/find';

const NOW = 1_795_300_000;

function b64(s: string) {
  return jose.base64url.encode(s);
}

/** A deterministic log of about `mb` megabytes with tokens and auth errors among ordinary lines. */
function mixedLog(mb: number): string {
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
  const out: string[] = [];
  let size = 0;
  let i = 0;
  const target = mb * 1024 * 1024;
  while (size < target) {
    let line: string;
    if (i % 50 === 7) line = `2026-11-21T10:00:03Z DEBUG outbound call Authorization: Bearer ${token(i)}`;
    else if (i % 200 === 13)
      line = `2026-11-21T10:00:04Z ERROR token endpoint said {"error":"invalid_grant","error_description":"Token has been expired or revoked."}`;
    else if (i % 300 === 17) line = `2026-11-21T10:00:05Z WARN upstream returned HTTP/1.1 401 Unauthorized`;
    else line = ordinary[i % ordinary.length]!;
    out.push(line);
    size += line.length + 1;
    i++;
  }
  return out.join('\n');
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

function main() {
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

main();
