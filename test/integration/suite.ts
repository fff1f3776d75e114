// What both integration entries share: mocha's options and the closing line. index.ts runs the
// suite in Node's extension host, web/index.ts in the browser worker host of vscode.dev.
// Not a test file itself: the entries load only *.test.ts.

/** The host this code runs in: the browser worker host has importScripts and no Node process. */
export const inWebWorker = typeof (globalThis as { importScripts?: unknown }).importScripts === 'function';
export const hostName = inWebWorker ? 'web worker' : 'Node';

export const MOCHA_OPTIONS = { ui: 'bdd', color: false, timeout: 20_000 } as const;

/** Prints the plain closing line CI reads ("N passed, N failed") and rejects when a test failed or none ran. */
export function closeRun(stats: { passes?: number; failures?: number; pending?: number }): void {
  const passed = stats.passes ?? 0;
  const failed = stats.failures ?? 0;
  const skipped = stats.pending ?? 0;
  console.log(`integration: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  console.log(`integration host: ${hostName}`);
  if (failed > 0) throw new Error(`${failed} integration test(s) failed in the ${hostName} extension host`);
  if (passed === 0) throw new Error(`no integration test ran in the ${hostName} extension host`);
}
