import * as assert from 'node:assert';
import { allCauses, evaluateChecks, getCause } from '../../src/core/knowledge/causes/index';
import { CAUSE_IDS, type Finding } from '../../src/core/model';
import { handToken } from './helpers/findings';
import { EVALUATORS } from '../../src/core/knowledge/causes/checks';

const token = handToken;

describe('catalog', () => {
  it('has exactly one entry per cause id, in contract order', () => {
    const ids = allCauses().map((e) => e.id);
    assert.deepStrictEqual(ids, [...CAUSE_IDS]);
  });

  for (const id of CAUSE_IDS) {
    it(`${id} is complete`, () => {
      const e = getCause(id);
      assert.ok(e, 'entry exists');
      assert.ok(e.title.length > 8 && e.title.length < 80, 'title');
      assert.ok(e.summary.length > 20 && e.summary.length < 160 && !e.summary.includes('\n'), 'one-line summary');
      assert.ok(e.explanation.length > 120, 'explanation');
      assert.ok(e.checks.length >= 1, 'checks');
      assert.ok(e.fixSteps.length >= 2, 'at least two fix steps');
      const checkIds = new Set(e.checks.map((c) => c.id));
      assert.strictEqual(checkIds.size, e.checks.length, 'check ids unique');
      for (const c of e.checks) {
        assert.ok(c.text.length > 10);
        if (c.auto) assert.ok(EVALUATORS[c.auto], `evaluator for ${c.auto}`);
      }
      for (const s of e.fixSteps) {
        assert.ok(s.text.length > 10);
        if (s.snippet) assert.ok(s.snippet.language && s.snippet.code.length > 5);
      }
    });
  }

  it('returns undefined for unknown ids and no checks for them', () => {
    assert.strictEqual(getCause('nope.nope'), undefined);
    const f = token({});
    assert.deepStrictEqual(evaluateChecks('nope.nope', f), []);
  });

  it('evaluates expiry against a token finding', () => {
    const expired = token({ times: [{ claim: 'exp', raw: 1000, seconds: 1000, iso: '1970-01-01T00:16:40Z' }] }, [
      { id: 'token.expired', evidence: ['exp 1970-01-01T00:16:40Z is in the past'] },
    ]);
    const r = evaluateChecks('token.expired', expired, [expired], { now: 2000, leeway: 60 });
    const exp = r.find((c) => c.id === 'exp-future')!;
    assert.strictEqual(exp.kind, 'auto');
    assert.strictEqual(exp.status, 'failed');
    assert.match(exp.evidence!, /past/);
    assert.ok(r.some((c) => c.kind === 'manual' && c.status === 'unknown'));
    const fresh = token({ times: [{ claim: 'exp', raw: 5000, seconds: 5000 }] });
    assert.strictEqual(evaluateChecks('token.expired', fresh, [fresh], { now: 2000, leeway: 60 }).find((c) => c.id === 'exp-future')!.status, 'passed');
  });

  it('evaluates checks of a problem finding against the nearest token', () => {
    const problem: Finding = {
      kind: 'oauth-error',
      start: 200,
      end: 260,
      error: 'invalid_token',
      causes: [{ id: 'token.expired', evidence: [] }],
      summary: 'x',
      problem: {},
    };
    const tok = token({ times: [{ claim: 'exp', raw: 1000, seconds: 1000 }] }, [], 50);
    const r = evaluateChecks('token.expired', problem, [tok, problem], { now: 5000, leeway: 60 });
    assert.strictEqual(r.find((c) => c.id === 'exp-future')!.status, 'failed');
    // Without any token the automatic check stays unknown.
    assert.strictEqual(evaluateChecks('token.expired', problem, [problem], { now: 5000 }).find((c) => c.id === 'exp-future')!.status, 'unknown');
  });

  it('checks client assertion claims (string times, iss/sub, jti, aud)', () => {
    const a = token({
      type: { type: 'client-assertion', label: 'client assertion', reason: 'iss = sub' },
      claims: { iss: 'client-1', sub: 'client-2', aud: 'realm', exp: '1700000000' },
      times: [{ claim: 'exp', raw: '1700000000', seconds: 1700000000, problem: 'string' }],
    });
    const r = evaluateChecks('client.assertion-claims', a, [a]);
    const by = Object.fromEntries(r.map((c) => [c.id, c]));
    assert.strictEqual(by['numeric']!.status, 'failed');
    assert.strictEqual(by['iss-sub']!.status, 'failed');
    assert.strictEqual(by['jti']!.status, 'failed');
    assert.strictEqual(by['aud']!.status, 'failed');
  });

  it('reports alg none and damage', () => {
    const t = token({ header: { alg: 'none' }, damage: [{ kind: 'quoted', message: 'wrapped in quotes' }] });
    assert.strictEqual(evaluateChecks('token.algorithm', t, [t]).find((c) => c.id === 'signed')!.status, 'failed');
    assert.strictEqual(evaluateChecks('token.altered', t, [t]).find((c) => c.id === 'undamaged')!.status, 'failed');
  });

  it('reads the challenge of a problem finding', () => {
    const p: Finding = {
      kind: 'auth-challenge',
      start: 0,
      end: 10,
      causes: [],
      summary: 'x',
      problem: { status: 401, fields: { 'www-authenticate': 'Bearer realm="api"' } },
    };
    assert.strictEqual(evaluateChecks('token.missing', p).find((c) => c.id === 'challenge')!.status, 'failed');
  });
});
