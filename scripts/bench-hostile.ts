/**
 * Linear time on hostile text: the one analysis over 34 shapes that stress
 * anchors, readers, parsers and the fixes engine, at 1 MB and 4 MB. A linear
 * engine takes about 4 times as long on 4 times the text; the ratio column
 * says how each shape grows. CPU time of this process, best of 3 runs.
 * Part of `npm run bench`; figures, not assertions.
 */
import { analyze } from '../src/core/analysis/analyze';

const NOW = 1_795_300_000;
const MB = 1024 * 1024;

/** `unit` repeated to `size` characters. */
const rep = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const b64 = (s: string) => Buffer.from(s).toString('base64url');
const HEADER = b64('{"alg":"HS256","typ":"JWT"}');
const TOKEN = `${HEADER}.${b64('{"sub":"u","exp":1795300000}')}.${b64('s'.repeat(32))}`;

function randomText(size: number): string {
  let x = 12345;
  let out = '';
  const chunk: string[] = [];
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    chunk.push(String.fromCharCode(x % 256));
    if (chunk.length === 4096) {
      out += chunk.join('');
      chunk.length = 0;
    }
  }
  return out + chunk.join('');
}

interface Shape {
  readonly name: string;
  readonly make: (size: number) => string;
  readonly languageId?: string;
}

const SHAPES: Shape[] = [
  { name: '`eyJa` repeated', make: (n) => rep('eyJa', n) },
  { name: 'dots', make: (n) => rep('.', n) },
  { name: 'one base64url run', make: (n) => rep('abcdefghijklmnopqrstuvwxyz0123456789_-', n) },
  { name: '`eyJ` + base64url run', make: (n) => 'eyJ' + rep('abcdefghijklmnopqrstuvwxyz0123456789_-', n - 3) },
  { name: 'valid header + dot, repeated', make: (n) => rep(`${HEADER}.`, n) },
  { name: 'cut tokens on every line', make: (n) => rep(`Bearer ${TOKEN.slice(0, 60)}\n`, n) },
  { name: 'whole tokens on every line', make: (n) => rep(`Authorization: Bearer ${TOKEN}\n`, n) },
  { name: '`.eyJ` repeated', make: (n) => rep('.eyJ', n) },
  { name: '`error` repeated', make: (n) => rep('error ', n) },
  { name: '`{"error":` unclosed, repeated', make: (n) => rep('{"error":', n) },
  { name: '`{}"error":"x"` repeated', make: (n) => rep('{}"error":"x"', n) },
  { name: '`error=` repeated', make: (n) => rep('error=', n) },
  { name: '`HTTP/1.1 401` repeated', make: (n) => rep('HTTP/1.1 401 ', n) },
  { name: '`401 Unauthorized` lines', make: (n) => rep('2026-11-21 WARN upstream returned 401 Unauthorized\n', n) },
  { name: '`WWW-Authenticate: Bearer ` repeated', make: (n) => rep('WWW-Authenticate: Bearer ', n) },
  { name: '`AADSTS` repeated', make: (n) => rep('AADSTS', n) },
  { name: '`grant_type=` repeated', make: (n) => rep('grant_type=', n) },
  { name: '`client_assertion=` lines', make: (n) => rep('client_assertion=x&grant_type=client_credentials\n', n) },
  { name: '`"exp":` repeated', make: (n) => rep('"exp":', n) },
  { name: '`exp iat nbf` words', make: (n) => rep('exp iat nbf alg typ jti ', n) },
  { name: '`{` repeated (deep nesting)', make: (n) => rep('{', n) },
  { name: '`[` repeated', make: (n) => rep('[', n) },
  { name: '`{"a":` nested', make: (n) => rep('{"a":', n) },
  { name: 'a claims object with one huge member list', make: (n) => `const claims = {"exp":1,${rep('"a":1,', n - 30)}"iat":2};`, languageId: 'typescript' },
  { name: 'double quotes', make: (n) => rep('"', n) },
  { name: 'backslashes', make: (n) => rep('\\', n) },
  { name: '`%2E` repeated', make: (n) => rep('%2E', n) },
  { name: '`&` and `=`', make: (n) => rep('&=', n) },
  { name: 'one line of letters', make: (n) => rep('a', n) },
  { name: 'newlines only', make: (n) => rep('\n', n) },
  { name: 'Markdown code fences', make: (n) => rep('```js\nconst a = {"exp": 1};\n```\n', n), languageId: 'markdown' },
  { name: 'bidi and control characters', make: (n) => rep('\u202e\u001b[2J\u2066', n) },
  { name: '`Bearer ` repeated', make: (n) => rep('Bearer ', n) },
  { name: 'random bytes', make: randomText },
];

function cpuMs(f: () => void): number {
  const t0 = process.cpuUsage();
  f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

function best(text: string, languageId: string | undefined): number {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    min = Math.min(
      min,
      cpuMs(() => {
        const a = analyze(text, { now: NOW, leeway: 60, ...(languageId ? { languageId } : {}) });
        // What a report reads: every summary.
        for (const f of a.findings) void f.summary;
      }),
    );
  }
  return min;
}

function main(): void {
  console.log(`\nHostile inputs: analyze() at 1 MB and 4 MB (CPU time, best of 3); a linear engine has a ratio near 4.\n`);
  console.log('| input | 1 MB | 4 MB | ratio |');
  console.log('|---|---:|---:|---:|');
  let worst = 0;
  for (const s of SHAPES) {
    const small = best(s.make(MB), s.languageId);
    const large = best(s.make(4 * MB), s.languageId);
    // Below a few milliseconds the ratio is noise: floor both at 2 ms.
    const ratio = Math.max(large, 2) / Math.max(small, 2);
    worst = Math.max(worst, ratio);
    console.log(`| ${s.name} | ${small.toFixed(0)} ms | ${large.toFixed(0)} ms | ${ratio.toFixed(1)} |`);
  }
  console.log(`\n${SHAPES.length} shapes; the largest ratio is ${worst.toFixed(1)}${worst > 6 ? ' (above 6: look at that shape)' : ''}.`);
}

main();
