import assert from 'node:assert/strict';
import { analyze } from '../../src/core/analysis/analyze';
import { LineIndex } from '../../src/core/text/lines';
import { BINARY_NOTE, Chunker, fileChunks, type ChunkJob } from '../../src/cli/chunks';
import { advanceBase, INVALID_UTF8_NOTE, placeOf, runJob, startBase, type JobOptions } from '../../src/cli/job';
import { hs, NOW } from './helpers/tokens';

const opts: JobOptions = { format: 'jsonl', color: false, now: NOW, leeway: 60 };

function readerOf(bytes: Uint8Array) {
  return (into: Uint8Array, position: number) => {
    const part = bytes.subarray(position, position + into.length);
    into.set(part);
    return part.length;
  };
}

interface Seen {
  kind: string;
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  first?: string;
}

/** Every finding of the jobs, placed in the whole input, as the scan writes them. */
function runAll(jobs: Iterable<ChunkJob>): { seen: Seen[]; notes: string[] } {
  const seen: Seen[] = [];
  const notes: string[] = [];
  const base = startBase();
  for (const job of jobs) {
    const r = runJob(job, opts, (recs) => {
      for (const rec of recs) seen.push({ kind: rec.kind, ...placeOf(base, rec), first: rec.ids[0] });
    });
    notes.push(...r.notes);
    advanceBase(base, r.totals);
  }
  return { seen, notes };
}

/** What the engine finds in the whole text at once. */
function whole(text: string): Seen[] {
  const lines = new LineIndex(text);
  return analyze(text, { now: NOW, leeway: 60 }).findings.map((f) => {
    const a = lines.position(f.start);
    const b = lines.position(f.end);
    return { kind: f.kind, start: f.start, end: f.end, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, first: f.causes[0]?.id };
  });
}

describe('cutting inputs into jobs', function () {
  this.timeout(30_000);
  let token: string;
  let log: string;
  before(async () => {
    token = await hs({ sub: 'user-1', iat: NOW - 7200, exp: NOW - 3600 }, { typ: 'JWT' });
    const lines: string[] = [];
    for (let i = 0, size = 0; size < 900_000; i++, size += lines[lines.length - 1]!.length + 1) {
      if (i % 40 === 3) lines.push(`2026-11-21T10:00:03Z DEBUG call ${i} Authorization: Bearer ${token}`);
      else if (i % 97 === 5) lines.push(`2026-11-21T10:00:04Z ERROR {"error":"invalid_grant","error_description":"Token has been expired or revoked."} é ü 😀`);
      else if (i % 131 === 7) lines.push('2026-11-21T10:00:05Z WARN upstream returned HTTP/1.1 401 Unauthorized');
      else lines.push(`2026-11-21T10:00:00.123Z INFO  [exec-${i % 7}] GET /api/orders/${i} 200 12ms — ok`);
    }
    log = lines.join('\n');
  });

  it('owned parts tile the input, cut just after line breaks', () => {
    const bytes = Buffer.from(log);
    const jobs = [...fileChunks(bytes.length, readerOf(bytes), undefined, 64 * 1024, 16 * 1024)];
    assert.ok(jobs.length > 10, `${jobs.length} jobs`);
    let at = 0;
    jobs.forEach((j, i) => {
      assert.equal(j.first, i === 0);
      assert.equal(j.last, i === jobs.length - 1);
      assert.ok(j.ownStart <= j.ownEnd && j.ownEnd <= j.bytes.length);
      // The window is the input's bytes around the owned part.
      const windowStart = at - j.ownStart;
      assert.ok(Buffer.from(j.bytes).equals(bytes.subarray(windowStart, windowStart + j.bytes.length)));
      if (!j.last) assert.equal(j.bytes[j.ownEnd - 1], 10, 'cut after a line break');
      at += j.ownEnd - j.ownStart;
    });
    assert.equal(at, bytes.length);
  });

  it('gives the same jobs from a stream in odd-sized pieces as from a file', () => {
    const bytes = Buffer.from(log);
    const fromFile = [...fileChunks(bytes.length, readerOf(bytes), undefined, 64 * 1024, 16 * 1024)];
    const fromStream: ChunkJob[] = [];
    const c = new Chunker((j) => fromStream.push(j), 64 * 1024, 16 * 1024);
    for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7 + 3) % 50_000) c.push(bytes.subarray(at, at + step));
    c.end();
    assert.equal(fromStream.length, fromFile.length);
    fromStream.forEach((j, i) => {
      const f = fromFile[i]!;
      assert.deepEqual([j.ownStart, j.ownEnd, j.first, j.last], [f.ownStart, f.ownEnd, f.first, f.last], `job ${i}`);
      assert.ok(Buffer.from(j.bytes).equals(Buffer.from(f.bytes)), `job ${i} bytes`);
    });
  });

  it('finds in parts exactly what the engine finds in the whole text: offsets, lines, columns (multi-byte text too)', () => {
    const bytes = Buffer.from(log);
    const { seen, notes } = runAll(fileChunks(bytes.length, readerOf(bytes), undefined, 64 * 1024));
    assert.deepEqual(notes, []);
    const expected = whole(log);
    assert.ok(expected.length > 300, `${expected.length} findings`);
    assert.deepEqual(seen, expected);
  });

  it('finds a token straddling a cut once, whole, in the part its start falls in', () => {
    // One long line: no line break near the nominal cut, so the cut falls inside the token.
    const chunk = 200 * 1024;
    const before = 'w '.repeat((chunk - 40) / 2);
    const text = `first line\n${before.slice(11)}Bearer ${token} ${'z '.repeat(100_000)}\nlast line Bearer ${token}\n`;
    const bytes = Buffer.from(text);
    const jobs = [...fileChunks(bytes.length, readerOf(bytes), undefined, chunk, 64 * 1024)];
    assert.ok(jobs.length >= 2);
    const tokenStart = text.indexOf('eyJ');
    assert.ok(tokenStart < chunk && tokenStart + token.length > chunk, 'the token spans the nominal cut');
    const { seen } = runAll(jobs);
    const tokens = seen.filter((s) => s.kind === 'jwt');
    assert.equal(tokens.length, 2);
    assert.deepEqual([tokens[0]!.start, tokens[0]!.end], [tokenStart, tokenStart + token.length]);
    assert.equal(tokens[0]!.first, 'token.expired');
    assert.deepEqual(seen, whole(text));
  });

  it('reads UTF-8 with a byte-order mark and UTF-16 LE/BE with one; offsets count the text without the mark', () => {
    const text = `é line\r\nAuthorization: Bearer ${token}\r\n`;
    const expected = whole(text);
    assert.equal(expected.length, 1);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(Buffer.from(text, 'utf16le')).swap16();
    const inputs = {
      'utf-8 bom': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      'utf-16 le': le,
      'utf-16 be': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
    };
    for (const [name, bytes] of Object.entries(inputs)) {
      const jobs = [...fileChunks(bytes.length, readerOf(bytes), undefined, 16)];
      if (name !== 'utf-8 bom') assert.equal(jobs.length, 1, `${name}: UTF-16 is one job`);
      assert.deepEqual(runAll(jobs).seen, expected, name);
      const streamed: ChunkJob[] = [];
      const c = new Chunker((j) => streamed.push(j), 16, 8);
      c.push(bytes.subarray(0, 3));
      c.push(bytes.subarray(3));
      c.end();
      assert.deepEqual(runAll(streamed).seen, expected, `${name} from a stream`);
    }
  });

  it('says so when the input is binary or not valid UTF-8, and scans its text', () => {
    const bin = Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0]), Buffer.from(` Bearer ${token} `)]);
    const r = runAll(fileChunks(bin.length, readerOf(bin)));
    assert.equal(r.seen.length, 1);
    assert.ok(r.notes.includes(BINARY_NOTE));
    assert.ok(r.notes.includes(INVALID_UTF8_NOTE));
    let refused = false;
    const none = [
      ...fileChunks(bin.length, readerOf(bin), (s) => {
        refused = s.binary;
        return !s.binary;
      }),
    ];
    assert.ok(refused);
    assert.equal(none.length, 0, 'a binary file found in a folder is not read further');
  });

  it('emits what arrived up to the last line break when a stream pauses, and the rest at its end', () => {
    const jobs: ChunkJob[] = [];
    const c = new Chunker((j) => jobs.push(j));
    c.push(Buffer.from(`Bearer ${token}\nhalf a li`));
    assert.equal(c.flushLines(), true);
    assert.equal(c.flushLines(), false, 'nothing new');
    c.push(Buffer.from(`ne Bearer ${token}\n`));
    c.end();
    assert.equal(jobs.length, 2);
    const { seen } = runAll(jobs);
    assert.deepEqual(seen, whole(`Bearer ${token}\nhalf a line Bearer ${token}\n`));
  });
});
