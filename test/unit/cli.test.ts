import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KEYS_TIMEOUT_MS, NOW, WORK_TIMEOUT_MS, tokens, type Made } from './helpers/tokens';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'dist/cli.js');

function run(args: string[], input?: string | Buffer, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('token-doctor scan (as a process)', function () {
  // Every test starts a Node process, one reads a 50 MB log: seconds on a loaded machine.
  this.timeout(WORK_TIMEOUT_MS);
  let t: Made;
  let dir: string;
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    t = await tokens();
    dir = mkdtempSync(join(tmpdir(), 'td-cli-'));
  });

  it('prints exactly the JSON contract for a file', () => {
    const text = `first line\nAuthorization: Bearer ${t.hs256}\n`;
    const file = join(dir, 'a.log');
    writeFileSync(file, text);
    const r = run(['scan', '--json', '--now', String(NOW + 7200), '--leeway', '0', file]);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.deepEqual(Object.keys(json).sort(), ['findings', 'notes']);
    const f = json.findings[0];
    assert.equal(f.kind, 'jwt');
    assert.equal(text.slice(f.start, f.end), t.hs256);
    assert.equal(f.line, 2);
    assert.equal(f.column, 23);
    assert.equal(f.causes[0].id, 'token.expired');
    assert.ok(!r.out.includes(t.hs256.split('.')[2]!), 'the signature never appears in the output');
  });

  it('reads standard input with - or no argument', () => {
    for (const args of [
      ['scan', '--json', '-'],
      ['scan', '--json'],
    ]) {
      const r = run(args, `x ${t.es256} y`);
      assert.equal(r.code, 0, r.err);
      assert.equal(JSON.parse(r.out).findings[0].start, 2);
    }
  });

  it('orders findings by start and reports a clean token with no causes', () => {
    const r = run(['scan', '--json', '--now', String(NOW)], `${t.rs256}\n${t.jweDir}\n`);
    const { findings } = JSON.parse(r.out);
    assert.deepEqual(
      findings.map((f: { kind: string }) => f.kind),
      ['jwt', 'jwe'],
    );
    assert.deepEqual(findings[0].causes, []);
    assert.ok(findings[0].start < findings[1].start);
  });

  it('writes a readable report for people, without colour when piped', () => {
    const r = run(['scan', '--now', String(NOW + 7200)], `Bearer ${t.hs256}`);
    assert.equal(r.code, 0);
    assert.match(r.out, /<stdin>:1:8 {2}jwt {2}JWT · HS256/);
    assert.match(r.out, /token\.expired/);
    assert.ok(!r.out.includes('\u001b['), 'no ANSI codes when piped');
    assert.ok(!r.out.includes(t.hs256), 'never prints the whole token');
    assert.ok(run(['scan', '--color', '--now', String(NOW)], `Bearer ${t.hs256}`).out.includes('\u001b['), 'ANSI codes with --color');
  });

  it('exits 2 with one line for bad arguments and unreadable input', () => {
    for (const [args, msg] of [
      [['scan', join(dir, 'missing.log')], /cannot read .*missing\.log: no such file/],
      [['scan', dir], /is a folder/],
      [['scan', '--now', 'yesterday'], /--now needs epoch seconds/],
      [['scan', '--leeway'], /--leeway needs a whole number/],
      [['scan', '--frobnicate'], /unknown option/],
      [['frob'], /unknown command/],
    ] as const) {
      const r = run([...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, msg);
      assert.equal(r.err.trim().split('\n').length, 1, 'one line');
      assert.ok(!/\n\s+at /.test(r.err), 'no stack trace');
    }
  });

  it('scans binary and invalid UTF-8 input with a note instead of failing', () => {
    const bin = Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0xfe, 0]), Buffer.from(` ${t.hs256} `), Buffer.from([0xc3, 0x28])]);
    const r = run(['scan', '--json'], bin);
    assert.equal(r.code, 0);
    const json = JSON.parse(r.out);
    assert.equal(json.findings.length, 1);
    assert.ok(json.notes.some((n: string) => /binary/.test(n)));
    assert.ok(json.notes.some((n: string) => /not valid UTF-8/.test(n)));
  });

  it('scans a 50 MB log to the end', () => {
    const file = join(dir, 'big.log');
    const line = '2026-11-21T10:00:00.123Z INFO  [http-nio-8080-exec-4] GET /api/orders/12345 200 12ms\n';
    const filler = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
    writeFileSync(file, `${filler}Authorization: Bearer ${t.hs256}\n`);
    const r = run(['scan', '--json', '--now', String(NOW), file]);
    assert.equal(r.code, 0, r.err);
    const { findings } = JSON.parse(r.out);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].kind, 'jwt');
    assert.equal(findings[0].start, filler.length + 'Authorization: Bearer '.length);
  });

  it('prints help and a version', () => {
    assert.match(run(['--help']).out, /Usage: token-doctor scan/);
    assert.match(run(['--version']).out, /^\d+\.\d+\.\d+/);
  });
});
