// The hostile-input properties (test/properties/hostile.ts) with fixed seeds; `npm run fuzz`
// runs the same ones with random seeds for as long as it is given.
import * as fc from 'fast-check';
import { cliProperty, engineProperty, errorTextProperty, tokenProperty } from '../properties/hostile';
import { WORK_TIMEOUT_MS } from './helpers/tokens';

describe('presentation properties over hostile input', function () {
  this.timeout(4 * WORK_TIMEOUT_MS);

  it('a token with any claims: hover links only to our commands, panel tags are ours, nothing raw, no token copied', () => {
    fc.assert(tokenProperty, { seed: 42, numRuns: 150 });
  });

  it('an error text that quotes a token and holds hostile strings: the same', () => {
    fc.assert(errorTextProperty, { seed: 42, numRuns: 100 });
  });

  it('glued fragments of tokens, errors and requests: strict analysis never throws, spans and edits in bounds', () => {
    fc.assert(engineProperty, { seed: 42, numRuns: 300 });
  });

  it('command-line records in every format: no token copied, no raw control or bidi character on a terminal', () => {
    fc.assert(cliProperty, { seed: 42, numRuns: 80 });
  });
});
