// The integration suite's entry in the browser worker extension host (vscode.dev's host).
// esbuild.mjs bundles it with every *.test.ts into out/web/integration.js, which VS Code loads
// in the worker when the extension runs there (scripts/run-integration.mjs --host web). The
// worker has no file system to list tests from and no Node built-ins: mocha is its browser
// build, and the tests are loaded by the bundle's run() once mocha.setup() made describe/it.
import 'mocha/mocha.js';
import { MOCHA_OPTIONS, closeRun } from '../suite';

/** util.format's %s/%d/%i/%j/%% for the reporter's printf-style lines (the worker has no util). */
function format(...args: unknown[]): string {
  const [first, ...rest] = args;
  if (typeof first !== 'string') return args.map(String).join(' ');
  let i = 0;
  const text = first.replace(/%[sdijo%]/g, (m) => {
    if (m === '%%') return '%';
    if (i >= rest.length) return m;
    const v = rest[i++];
    if (m === '%d' || m === '%i') return String(Number(v));
    if (m === '%j' || m === '%o') return JSON.stringify(v);
    return String(v);
  });
  return [text, ...rest.slice(i).map(String)].join(' ');
}

export async function runInWorker(loadTests: () => void): Promise<void> {
  // The spec reporter prints through console.log, which the workbench forwards to the runner as
  // one joined string (its HTML reporter would look for a document the worker does not have).
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  mocha.setup({ ...MOCHA_OPTIONS, reporter: 'spec' });
  loadTests();
  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats ?? ({} as Mocha.Stats)));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
  closeRun(stats);
}
