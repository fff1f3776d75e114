import type { Finding, TokenReport } from '../../../src/core/model';

/**
 * A token finding built by hand, for tests of code that consumes findings
 * (ranking, catalog checks) without depending on the detector.
 */
export function handToken(over: Partial<TokenReport>, causes: Finding['causes'] = [], start = 0, end = start + 100): Finding {
  const report: TokenReport = {
    format: 'jws',
    segmentCount: 3,
    header: { alg: 'RS256', typ: 'JWT' },
    claims: {},
    segmentErrors: [],
    damage: [],
    type: { type: 'access-token', label: 'access token', reason: 'has scp' },
    times: [],
    notes: [],
    isNested: false,
    ...over,
  };
  return { kind: 'jwt', start, end, causes, summary: 'token', token: report };
}
