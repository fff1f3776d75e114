import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core/analysis/analyze';

// Bundled to out/test/unit/, so the repository root is three levels up.
const root = path.resolve(__dirname, '../../..');
const file = path.resolve(root, '../shared/samples/seed-errors.jsonl');

interface Seed {
  id: string;
  text: string;
  expect: { kind: string; causes: string[]; error?: string };
}

const ERROR_KINDS = new Set(['oauth-error', 'auth-challenge', 'http-status', 'vendor-message']);

describe('seed error texts (../shared/samples/seed-errors.jsonl)', () => {
  const seeds: Seed[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Seed);

  it('has seeds to check', () => {
    assert.ok(seeds.length >= 25);
  });

  for (const seed of seeds) {
    it(`${seed.id}: ${seed.expect.kind} → ${seed.expect.causes[0]}`, () => {
      const { findings } = analyze(seed.text, { now: 1_760_000_000, leeway: 60 });
      const problems = findings.filter((f) => ERROR_KINDS.has(f.kind));
      assert.strictEqual(problems.length, 1, `one incident, got ${problems.map((f) => f.kind + ':' + f.summary).join(' | ')}`);
      const f = problems[0]!;
      assert.strictEqual(f.kind, seed.expect.kind);
      assert.ok(f.causes.length > 0, 'has causes');
      assert.ok(seed.expect.causes.includes(f.causes[0]!.id), `first cause ${f.causes[0]!.id} not in ${seed.expect.causes.join(', ')}`);
      if (seed.expect.error) assert.strictEqual(f.error, seed.expect.error);
      assert.ok(f.summary.length > 0 && f.summary.length < 120, 'a one-line summary');
      assert.ok(f.start >= 0 && f.end <= seed.text.length && f.start < f.end);
    });
  }
});
