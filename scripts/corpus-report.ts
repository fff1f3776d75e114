/**
 * node out/scripts/corpus-report.js [--fails] [family...]: accuracy on the
 * error corpus per family (all checks, and the first cause alone), and with
 * --fails every line that does not pass with why. The corpus test asserts the
 * floor; this prints the detail while working on the knowledge.
 */
import * as path from 'node:path';
import { judge, pct, readCorpus, readSeeds, score } from '../test/unit/helpers/corpus';

const root = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const fails = args.includes('--fails');
const families = args.filter((a) => !a.startsWith('--'));
const lines = [...readCorpus(root), ...readSeeds(root)].filter((l) => !families.length || families.includes(l.family));
const verdicts = lines.map(judge);
console.log('| family | texts | first cause | kind, error and first cause |');
console.log('|---|---:|---:|---:|');
for (const s of score(verdicts)) console.log(`| ${s.family} | ${s.total} | ${pct(s.firstCause, s.total)} | ${pct(s.pass, s.total)} |`);
const none = verdicts.filter((v) => !v.finding).length;
const split = verdicts.filter((v) => v.count > 1).length;
console.log(`\nno finding: ${none}; more than one error finding: ${split}`);
if (fails) {
  for (const v of verdicts.filter((x) => !x.pass)) {
    console.log(`\n✗ ${v.line.id} [${v.line.family}/${v.line.wrapping}] ${v.why}`);
    console.log(
      `  got: ${v.finding ? `${v.finding.kind} ${v.finding.error ?? '-'} ${v.finding.causes.map((c) => c.id).join(',')} | ${v.finding.summary}` : '-'}`,
    );
    console.log(`  text: ${JSON.stringify(v.line.text.slice(0, 300))}`);
  }
}
