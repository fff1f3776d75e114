// The integration suite's entry: VS Code loads this file in its extension host and calls
// run(), under code-server (scripts/run-integration.mjs) or @vscode/test-electron alike.
// Each *.test.ts beside it is built into its own bundle, so the tests are found at run time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import { MOCHA_OPTIONS, closeRun } from './suite';

/** Every compiled *.test.js below dir, in a stable order. */
function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return testFiles(p);
      return e.isFile() && e.name.endsWith('.test.js') ? [p] : [];
    })
    .sort();
}

export async function run(): Promise<void> {
  // The reporter prints printf-style ("%s%s", indent, title); under code-server the extension
  // host's console reaches the runner as one joined string, so format before printing.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  // TOKEN_DOCTOR_GREP runs only the tests whose title matches (while working on one feature).
  const grep = process.env.TOKEN_DOCTOR_GREP;
  const mocha = new Mocha({ ...MOCHA_OPTIONS, ...(grep ? { grep } : {}) });
  const files = testFiles(__dirname);
  if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname}`);
  for (const f of files) mocha.addFile(f);

  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats ?? ({} as Mocha.Stats)));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
  closeRun(stats);
}
