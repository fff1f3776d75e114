// `npm run fuzz [-- MINUTES]`: the hostile-input properties of the unit suite (test/properties/)
// with random seeds, round after round, until the time is up (default 10 minutes). Prints each
// round's seed and runs, and on a failure the seed, the counterexample and how to replay it.
import * as fc from 'fast-check';
import { PROPERTIES } from '../test/properties/hostile';

const minutes = Number(process.argv[2] ?? process.env.FUZZ_MINUTES ?? 10);
const until = Date.now() + minutes * 60_000;
let round = 0;
let runs = 0;
console.log(`fuzz: ${PROPERTIES.length} properties, ${minutes} min`);
while (Date.now() < until) {
  for (const [name, property] of PROPERTIES) {
    const seed = (Math.random() * 2 ** 31) | 0;
    const numRuns = 200;
    const result = fc.check(property, { seed, numRuns });
    runs += result.numRuns;
    if (result.failed) {
      console.log(
        `fuzz: FAILED "${name}" with seed ${seed} (replay: fc.assert(property, { seed: ${seed}, path: ${JSON.stringify(result.counterexamplePath)} }))`,
      );
      console.log(`fuzz: counterexample ${fc.stringify(result.counterexample).slice(0, 2000)}`);
      console.log(`fuzz: ${String(result.errorInstance).slice(0, 2000)}`);
      process.exit(1);
    }
    console.log(`fuzz: round ${++round} "${name}" seed ${seed}: ${result.numRuns} runs passed`);
    if (Date.now() >= until) break;
  }
}
console.log(`fuzz: ${runs} runs in ${round} rounds, no failure`);
