// The per-session state behind the debug tracker (src/vscode/debug/session.ts has no vscode
// import), driven with DAP-like output directly under plain Node: work per output event is
// bounded (queued, scanned in slices on later turns), memory is capped, repeats only count,
// and an ended session keeps its findings but not its scanners.
// Ported case for case from test/integration/debug-limits.test.ts.
import * as assert from 'node:assert/strict';
import { SessionScan, endsInPreviewEllipsis, failureKey, type DebugFinding } from '../../src/vscode/debug/session';
import { hs } from './helpers/tokens';

/** A token that `SessionScan` judges by the real clock: FUTURE is 2100-01-01. */
const FUTURE = 4102444800;
const token = (sub: string, exp: number) => hs({ sub, exp, aud: 'api' }, { typ: 'JWT' });
const turn = () => new Promise((r) => setImmediate(r));

describe('debug session scanning limits', () => {
  const open: SessionScan[] = [];
  /** A session disposed after the test even when an assertion fails (no stray immediates). */
  const session = (...args: ConstructorParameters<typeof SessionScan>) => {
    const s = new SessionScan(...args);
    open.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of open.splice(0)) s.dispose();
  });

  it('does no scanning while an output event is delivered, only on later turns', async () => {
    const added: DebugFinding[] = [];
    const scan = session('s1', (a) => added.push(...a));
    scan.output('stdout', `Bearer ${await token('a', FUTURE)}\n`);
    assert.equal(added.length, 0, 'the output event was scanned synchronously');
    await scan.whenIdle();
    assert.deepEqual(
      added.map((d) => [d.finding.kind, d.source]),
      [['jwt', 'stdout']],
    );
  });

  it('scans a burst in slices of charsPerTurn, and finds a token across the slices', async () => {
    const added: DebugFinding[] = [];
    const limits = { maxPendingChars: 1 << 20, charsPerTurn: 1000, maxFindings: 50, maxValueChars: 8192 };
    const scan = session('s2', (a) => added.push(...a), limits);
    const t = await token('burst', FUTURE);
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
    assert.equal(added[0]!.source, 'stderr');
  });

  it('drops output beyond maxPendingChars and counts it, without gluing the two sides together', async () => {
    const added: DebugFinding[] = [];
    const limits = { maxPendingChars: 2000, charsPerTurn: 500, maxFindings: 50, maxValueChars: 8192 };
    const scan = session('s3', (a) => added.push(...a), limits);
    const t = await token('dropped', FUTURE);
    scan.output('stdout', 'z'.repeat(1900));
    scan.output('stdout', `Bearer ${t}\n`); // over the limit: dropped
    assert.ok(scan.droppedChars > 0, 'nothing was counted as dropped');
    await scan.whenIdle();
    assert.equal(added.length, 0, 'a dropped token was found');
    scan.output('stdout', `Bearer ${t}\n`); // the queue has drained: taken again
    await scan.whenIdle();
    assert.equal(added.length, 1);
    assert.equal(added[0]!.text, t);
  });

  it('keeps at most maxFindings findings and only counts repeats', async () => {
    const limits = { maxPendingChars: 1 << 22, charsPerTurn: 1 << 16, maxFindings: 5, maxValueChars: 8192 };
    const scan = session('s4', () => {}, limits);
    const same = await token('same', FUTURE);
    const others = await Promise.all(Array.from({ length: 10 }, (_, i) => token(`u${i}`, FUTURE)));
    // One synchronous burst, as the debug adapter delivers it.
    for (let i = 0; i < 10; i++) scan.output('stdout', `t=${same}\n`);
    for (const t of others) scan.output('stdout', `t=${t}\n`);
    await scan.whenIdle();
    assert.equal(scan.findings.length, 5);
    assert.equal(scan.findings[0]!.text, same);
    assert.equal(scan.findings[0]!.count, 10);
    assert.equal(scan.droppedFindings, 6);
  });

  it('scans what is left when the session ends, then keeps findings but takes no more', async () => {
    const scan = session('s5', () => {});
    const late = await token('late', FUTURE);
    scan.output('stdout', `last words ${await token('end', 1_000_000)}`); // no newline: held for more
    scan.end();
    assert.equal(scan.findings.length, 1, 'the unfinished last line was not scanned at the end');
    assert.equal(failureKey(scan.findings[0]!.finding), 'token.expired');
    scan.output('stdout', `after ${late}\n`);
    await scan.whenIdle();
    assert.equal(scan.findings.length, 1);
    assert.equal(scan.ended, true);
  });

  it('takes only tokens from values, never error words in program data', async () => {
    const scan = session('s6', () => {});
    const v = await token('v', FUTURE);
    scan.value('variables', `'{"error":"invalid_grant"}'`);
    scan.value('variables', `'${v}'`);
    assert.deepEqual(
      scan.findings.map((d) => [d.finding.kind, d.source]),
      [['jwt', 'variables']],
    );
  });

  it('a value the debugger shortened for display is a preview, not a truncated token', async () => {
    const scan = session('s8', () => {});
    const v = await token('p', FUTURE);
    scan.value('variables', `'${v.slice(0, 40)}…'`);
    scan.value('hover', `"${v.slice(0, 60)}..."`);
    assert.deepEqual(scan.findings, [], 'previews are not recorded');
    scan.value('variables', `'${v}'`);
    assert.equal(scan.findings.length, 1, 'the whole value still is');
    assert.ok(endsInPreviewEllipsis(`'eyJhbGciOi…'`, 11));
    assert.ok(!endsInPreviewEllipsis(`'eyJhbGciOi…' and more`, 11));
  });

  it('names auth failures only: 401/403, OAuth errors, expired tokens', async () => {
    const scan = session('s7', () => {});
    const fine = await token('fine', FUTURE);
    scan.output('stdout', 'HTTP/1.1 404 Not Found\n');
    scan.output('stdout', 'HTTP/1.1 403 Forbidden\n');
    scan.output('stdout', `ok ${fine}\n`);
    scan.output('stdout', '{"error":"invalid_client"}\n');
    await scan.whenIdle();
    const keys = scan.findings.map((d) => `${d.finding.kind}=${failureKey(d.finding) ?? '-'}`);
    assert.ok(keys.includes('http-status=http.403'), keys.join(', '));
    assert.ok(keys.includes('jwt=-'), keys.join(', '));
    assert.ok(keys.includes('oauth-error=client.authentication-failed'), keys.join(', '));
    const statuses = keys.filter((k) => k.startsWith('http-status='));
    assert.deepEqual(statuses, ['http-status=http.403'], 'a status other than 401/403 counts as a failure');
  });
});
