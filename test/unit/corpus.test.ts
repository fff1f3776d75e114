// The error corpus: 582 real error texts of identity providers, gateways and libraries
// (test/corpus/errors/*.jsonl) and the shared seed samples, each with the causes an
// expert accepts first. Run through analyze() as a user's text would be; the first
// error finding must have the expected kind, error and a first cause among those
// accepted. The floors below are what the engine reaches, not what it aims at;
// scripts/corpus-report.ts prints every miss.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CAUSE_IDS } from '../../src/core/model';
import { judge, pct, readCorpus, readSeeds, score, type Verdict } from './helpers/corpus';
import { WORK_TIMEOUT_MS } from './helpers/tokens';

// Bundled to out/test/unit/, so the repository root is three levels up.
const root = path.resolve(__dirname, '../../..');

/** Share of corpus texts (seeds aside) whose first cause is one of those accepted. */
const FIRST_CAUSE_FLOOR = 0.95;
/** Share whose kind, error and first cause are all right. */
const ALL_CHECKS_FLOOR = 0.95;

const KINDS = new Set(['oauth-error', 'auth-challenge', 'http-status', 'vendor-message']);

describe('error corpus (test/corpus/errors)', function () {
  this.timeout(4 * WORK_TIMEOUT_MS);
  const lines = readCorpus(root);
  const seeds = readSeeds(root);
  let verdicts: Verdict[];
  before(() => {
    verdicts = [...lines, ...seeds].map(judge);
  });

  it('holds at least 500 well-formed texts with unique ids and known causes', () => {
    assert.ok(lines.length >= 500, `${lines.length} texts`);
    const ids = new Set<string>();
    const causes = new Set<string>(CAUSE_IDS);
    for (const l of lines) {
      assert.ok(!ids.has(l.id), `${l.id} repeats`);
      ids.add(l.id);
      assert.ok(l.text && l.source && l.family && l.wrapping, l.id);
      assert.ok(KINDS.has(l.expect.kind), `${l.id}: kind ${l.expect.kind}`);
      assert.ok(l.expect.causes.length > 0 && l.expect.causes.every((c) => causes.has(c)), `${l.id}: causes`);
    }
  });

  it('reads every seed sample right', () => {
    const bad = verdicts.filter((v) => v.line.family === 'seed' && !v.pass);
    assert.deepEqual(
      bad.map((v) => `${v.line.id}: ${v.why}`),
      [],
    );
  });

  it(`puts an accepted cause first for at least ${FIRST_CAUSE_FLOOR * 100} % of the corpus, and all checks right for ${ALL_CHECKS_FLOOR * 100} %`, () => {
    const table = score(verdicts);
    const corpus = table.find((s) => s.family === 'corpus')!;
    const report = table.map(
      (s) =>
        `${s.family.padEnd(14)} ${String(s.total).padStart(4)}  first cause ${pct(s.firstCause, s.total).padStart(7)}  all ${pct(s.pass, s.total).padStart(7)}`,
    );
    assert.ok(corpus.firstCause / corpus.total >= FIRST_CAUSE_FLOOR, `first cause right for ${pct(corpus.firstCause, corpus.total)}\n${report.join('\n')}`);
    assert.ok(corpus.pass / corpus.total >= ALL_CHECKS_FLOOR, `all checks right for ${pct(corpus.pass, corpus.total)}\n${report.join('\n')}`);
  });
});
