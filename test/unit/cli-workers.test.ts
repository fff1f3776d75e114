import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyze } from '../../src/core/analysis/analyze';
import { LineIndex } from '../../src/core/text/lines';
import { CHUNK_BYTES } from '../../src/cli/chunks';
import { hs, NOW } from './helpers/tokens';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'dist/cli.js');

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Brief {
  kind: string;
  start: number;
  end: number;
  line: number;
  column: number;
  first?: string;
}

function briefs(json: string): Brief[] {
  return (JSON.parse(json) as { findings: Array<Brief & { causes: Array<{ id: string }> }> }).findings.map((f) => ({
    kind: f.kind,
    start: f.start,
    end: f.end,
    line: f.line,
    column: f.column,
    first: f.causes[0]?.id,
  }));
}

/** Threads that analysed (the main thread and its workers), from --stats. */
function threadsOf(err: string): number {
  const m = /(\d+) threads?\n/.exec(err);
  assert.ok(m, err);
  return Number(m[1]);
}

describe('token-doctor scan on large inputs: worker threads (as a process)', function () {
  // Each test scans tens of megabytes two or three times in child processes: a loaded 2-core machine needs time.
  this.timeout(180_000);
  let dir: string;
  let token: string;
  let text: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'td-workers-'));
    token = await hs({ sub: 'user-1', iat: NOW - 7200, exp: NOW - 3600 }, { typ: 'JWT' });
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < 2.5 * CHUNK_BYTES; i++) {
      let line: string;
      if (i % 50 === 7) line = `2026-11-21T10:00:03Z DEBUG call ${i} Authorization: Bearer ${token}`;
      else if (i % 200 === 13) line = `2026-11-21T10:00:04Z ERROR {"error":"invalid_grant","error_description":"Token has been expired or revoked."} é 😀`;
      else if (i % 300 === 17) line = '2026-11-21T10:00:05Z WARN upstream returned HTTP/1.1 401 Unauthorized';
      else line = `2026-11-21T10:00:00.123Z INFO  [exec-${i % 7}] GET /api/orders/${i} 200 12ms — ok`;
      lines.push(line);
      size += Buffer.byteLength(line) + 1;
    }
    text = lines.join('\n');
    writeFileSync(join(dir, 'big.log'), text);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('splits a large file between threads and writes exactly what one thread writes, as the engine finds it in the whole text', () => {
    const file = join(dir, 'big.log');
    const one = run(['scan', '--json', '--stats', '--jobs', '1', '--now', String(NOW), file]);
    const two = run(['scan', '--json', '--stats', '--now', String(NOW), file]);
    const three = run(['scan', '--json', '--stats', '--jobs', '3', '--now', String(NOW), file]);
    assert.equal(one.code, 0, one.err);
    assert.equal(threadsOf(one.err), 1);
    assert.ok(threadsOf(two.err) >= 1 && threadsOf(two.err) <= Math.max(1, availableParallelism()), two.err);
    assert.equal(threadsOf(three.err), 3);
    assert.equal(two.out, one.out, 'default threads: the same bytes');
    assert.equal(three.out, one.out, 'three threads: the same bytes');
    const lines = new LineIndex(text);
    const expected = analyze(text, { now: NOW, leeway: 60 }).findings.map((f) => ({
      kind: f.kind,
      start: f.start,
      end: f.end,
      ...lines.position(f.start),
      first: f.causes[0]?.id,
    }));
    assert.ok(expected.length > 1000);
    assert.deepEqual(briefs(one.out), expected);
  });

  it('finds a token and an error straddling the split points once, whole', () => {
    // Long lines with no line break near the cuts, so the cuts fall inside what is found.
    const fill = (n: number) => 'w '.repeat(n / 2);
    const nearCut = (k: number, what: string, already: number) => `${fill(k * CHUNK_BYTES - already - 20)}${what} ${fill(200 * 1024)}\n`;
    let s = 'first line\n';
    s += nearCut(1, `Bearer ${token}`, s.length);
    const error = '{"error":"invalid_client","error_description":"Client authentication failed"}';
    s += nearCut(2, error, s.length);
    s += `last line Bearer ${token}\n`;
    writeFileSync(join(dir, 'straddle.log'), s);
    const tokenAt = s.indexOf('eyJ');
    assert.ok(tokenAt < CHUNK_BYTES && tokenAt + token.length > CHUNK_BYTES, 'the token spans the first cut');
    const errorAt = s.indexOf(error);
    assert.ok(errorAt < 2 * CHUNK_BYTES && errorAt + error.length > 2 * CHUNK_BYTES, 'the error spans the second cut');
    const r = run(['scan', '--json', '--stats', '--jobs', '2', '--now', String(NOW), join(dir, 'straddle.log')]);
    assert.equal(r.code, 0, r.err);
    assert.equal(threadsOf(r.err), 2);
    const found = briefs(r.out);
    const tokens = found.filter((f) => f.kind === 'jwt');
    assert.deepEqual(
      tokens.map((f) => [f.start, f.end]),
      [
        [tokenAt, tokenAt + token.length],
        [s.lastIndexOf(token), s.lastIndexOf(token) + token.length],
      ],
    );
    const errors = found.filter((f) => f.kind === 'oauth-error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.start, errorAt);
    assert.equal(errors[0]!.first, 'client.authentication-failed');
    assert.equal(run(['scan', '--json', '--jobs', '1', '--now', String(NOW), join(dir, 'straddle.log')]).out, r.out);
  });

  it('scans a folder with one thread per core, in name order, as one thread does', () => {
    const tree = join(dir, 'tree');
    const body = readFileSync(join(dir, 'big.log'), 'utf8').slice(0, 300 * 1024);
    for (let i = 0; i < 36; i++) {
      mkdirSync(join(tree, `d${i % 4}`), { recursive: true });
      writeFileSync(join(tree, `d${i % 4}`, `f${String(i).padStart(2, '0')}.log`), body);
    }
    const one = run(['scan', '--format', 'jsonl', '--stats', '--jobs', '1', '--now', String(NOW), tree]);
    const many = run(['scan', '--format', 'jsonl', '--stats', '--jobs', '2', '--now', String(NOW), tree]);
    assert.equal(many.code, 0, many.err);
    assert.equal(threadsOf(many.err), 2);
    assert.equal(many.out, one.out);
    const files = many.out
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { file: string }).file);
    assert.deepEqual([...new Set(files)], [...new Set(files)].sort(), 'files in name order');
    assert.equal(new Set(files).size, 36);
  });

  it('splits a large standard input between threads too', () => {
    const bytes = readFileSync(join(dir, 'big.log'));
    const piped = run(['scan', '--json', '--stats', '--jobs', '2', '--now', String(NOW)], bytes);
    assert.equal(piped.code, 0, piped.err);
    assert.equal(threadsOf(piped.err), 2);
    const file = run(['scan', '--json', '--jobs', '1', '--now', String(NOW), join(dir, 'big.log')]);
    assert.deepEqual(briefs(piped.out), briefs(file.out));
  });
});
