// The per-session state behind the debug tracker, driven with DAP-like output directly:
// work per output event is bounded (queued, scanned in slices on later turns), memory is
// capped, repeats only count, and an ended session keeps its findings but not its scanners.
import * as assert from 'node:assert/strict';
import { SessionScan, failureKey, type DebugFinding } from '../../src/vscode/debug/session';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (sub: string, exp: number) =>
  `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64({ sub, exp, aud: 'api' })}.${Buffer.alloc(64, 1).toString('base64url')}`;
const FUTURE = 4102444800;
const turn = () => new Promise((r) => setImmediate(r));

describe('debug session scanning limits', () => {
  it('does no scanning while an output event is delivered, only on later turns', async () => {
    const added: DebugFinding[] = [];
    const scan = new SessionScan('s1', (a) => added.push(...a));
    scan.output('stdout', `Bearer ${token('a', FUTURE)}\n`);
    assert.equal(added.length, 0, 'the output event was scanned synchronously');
    await scan.whenIdle();
    assert.deepEqual(
      added.map((d) => [d.finding.kind, d.source]),
      [['jwt', 'stdout']],
    );
    scan.dispose();
  });

  it('scans a burst in slices of charsPerTurn, and finds a token across the slices', async () => {
    const added: DebugFinding[] = [];
    const limits = { maxPendingChars: 1 << 20, charsPerTurn: 1000, maxFindings: 50, maxValueChars: 8192 };
    const scan = new SessionScan('s2', (a) => added.push(...a), limits);
    const t = token('burst', FUTURE);
    const text = `${'x'.repeat(1500)}\nAuthorization: Bearer ${t}\n${'y'.repeat(3000)}\n`;
    // Many small writes, as a chatty program makes them.
    for (let i = 0; i < text.length; i += 7) scan.output('stderr', text.slice(i, i + 7));
    let turns = 0;
    while (added.length === 0 && turns < 100) {
      await turn();
      turns++;
    }
    assert.ok(turns >= 2, `expected the burst to take several turns, took ${turns}`);
    await scan.whenIdle();
    assert.equal(added.length, 1);
    assert.equal(added[0]!.text, t);
    scan.dispose();
  });

  it('drops output beyond maxPendingChars and counts it, without gluing the two sides together', async () => {
    const added: DebugFinding[] = [];
    const limits = { maxPendingChars: 2000, charsPerTurn: 500, maxFindings: 50, maxValueChars: 8192 };
    const scan = new SessionScan('s3', (a) => added.push(...a), limits);
    const t = token('dropped', FUTURE);
    scan.output('stdout', 'z'.repeat(1900));
    scan.output('stdout', `Bearer ${t}\n`); // over the limit: dropped
    assert.ok(scan.droppedChars > 0, 'nothing was counted as dropped');
    await scan.whenIdle();
    assert.equal(added.length, 0, 'a dropped token was found');
    scan.output('stdout', `Bearer ${t}\n`); // the queue has drained: taken again
    await scan.whenIdle();
    assert.equal(added.length, 1);
    scan.dispose();
  });

  it('keeps at most maxFindings findings and only counts repeats', async () => {
    const limits = { maxPendingChars: 1 << 22, charsPerTurn: 1 << 16, maxFindings: 5, maxValueChars: 8192 };
    const scan = new SessionScan('s4', () => {}, limits);
    const same = token('same', FUTURE);
    for (let i = 0; i < 10; i++) scan.output('stdout', `t=${same}\n`);
    for (let i = 0; i < 10; i++) scan.output('stdout', `t=${token(`u${i}`, FUTURE)}\n`);
    await scan.whenIdle();
    assert.equal(scan.findings.length, 5);
    assert.equal(scan.findings[0]!.count, 10);
    assert.equal(scan.droppedFindings, 6);
    scan.dispose();
  });

  it('scans what is left when the session ends, then keeps findings but takes no more', async () => {
    const scan = new SessionScan('s5', () => {});
    scan.output('stdout', `last words ${token('end', 1_000_000)}`); // no newline: held for more
    scan.end();
    assert.equal(scan.findings.length, 1, 'the unfinished last line was not scanned at the end');
    assert.equal(failureKey(scan.findings[0]!.finding), 'token.expired');
    scan.output('stdout', `after ${token('late', FUTURE)}\n`);
    await scan.whenIdle();
    assert.equal(scan.findings.length, 1);
    assert.equal(scan.ended, true);
  });

  it('takes only tokens from values, never error words in program data', async () => {
    const scan = new SessionScan('s6', () => {});
    scan.value('variables', `'{"error":"invalid_grant"}'`);
    scan.value('variables', `'${token('v', FUTURE)}'`);
    assert.deepEqual(
      scan.findings.map((d) => [d.finding.kind, d.source]),
      [['jwt', 'variables']],
    );
    scan.dispose();
  });

  it('names auth failures only: 401/403, OAuth errors, expired tokens', async () => {
    const scan = new SessionScan('s7', () => {});
    scan.output('stdout', 'HTTP/1.1 404 Not Found\n');
    scan.output('stdout', 'HTTP/1.1 403 Forbidden\n');
    scan.output('stdout', `ok ${token('fine', FUTURE)}\n`);
    scan.output('stdout', '{"error":"invalid_client"}\n');
    await scan.whenIdle();
    const keys = scan.findings.map((d) => `${d.finding.kind}=${failureKey(d.finding) ?? '-'}`);
    assert.ok(keys.includes('http-status=http.403'), keys.join(', '));
    assert.ok(keys.includes('jwt=-'), keys.join(', '));
    assert.ok(keys.includes('oauth-error=client.authentication-failed'), keys.join(', '));
    const statuses = keys.filter((k) => k.startsWith('http-status='));
    assert.deepEqual(statuses, ['http-status=http.403'], 'a status other than 401/403 counts as a failure');
    scan.dispose();
  });
});
