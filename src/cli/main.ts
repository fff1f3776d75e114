import { analyze } from '../core/analysis/analyze';
import { DEFAULT_LEEWAY_SECONDS } from '../core/model';
import { parseArgs, USAGE } from './args';
import { readInput } from './input';
import { jsonReport } from './json';
import { humanReport, style, type CauseTitle } from '../present/cliText';
import { causeTitle } from '../present/titles';

declare const __VERSION__: string | undefined;

/** Runs the command line; returns the exit status (0 ran, 2 bad arguments or input). */
export function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void, env: NodeJS.ProcessEnv, isTTY: boolean): number {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'help':
      out(`${USAGE}\n`);
      return 0;
    case 'version':
      out(`${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}\n`);
      return 0;
    case 'error':
      err(`token-doctor: ${args.message}\n`);
      return 2;
  }
  const input = readInput(args.input);
  if (!input.ok) {
    err(`token-doctor: ${input.message}\n`);
    return 2;
  }
  const result = analyze(input.text, {
    now: args.now ?? Math.floor(Date.now() / 1000),
    leeway: args.leeway ?? DEFAULT_LEEWAY_SECONDS,
  });
  const merged = { ...result, notes: [...input.notes, ...result.notes] };
  const title: CauseTitle = causeTitle;
  if (args.json) {
    out(jsonReport(merged, input.text, title));
  } else {
    const color = args.color ?? (isTTY && !env.NO_COLOR && env.TERM !== 'dumb');
    out(humanReport(merged, input.text, args.input === '-' ? '<stdin>' : args.input, style(color), title));
  }
  return 0;
}

if (require.main === module) {
  const chunks: string[] = [];
  const code = main(
    process.argv.slice(2),
    (s) => chunks.push(s),
    (s) => process.stderr.write(s),
    process.env,
    process.stdout.isTTY === true,
  );
  // Write everything, then exit once the pipe has drained (large reports to a pipe).
  process.stdout.write(chunks.join(''), () => process.exit(code));
}
