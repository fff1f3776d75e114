// Builds every bundle: the extension for Node's extension host (dist/extension.js) and for the
// browser worker host of vscode.dev (dist/web/extension.js), the command line, the bench, and
// the tests (out/, plus out/web/integration.js: the integration suite for the worker host).
// The engine (src/core) is bundled into each; `vscode` is always external.
//
//   node esbuild.mjs               everything, with source maps (development, tests)
//   node esbuild.mjs --production  only the two extension bundles, minified, no source maps:
//                                  what the .vsix holds (vscode:prepublish runs this)
//   node esbuild.mjs --watch       everything, rebuilt on change
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** Every *.ts file below dir (recursively). */
function tsFiles(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(tsFiles(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['vscode'],
  logLevel: 'warning',
};

/** The extension for the web worker host: no Node built-ins (the build fails on one), jose's Web Crypto build. */
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
};

const extensionBuilds = [
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js' },
  { ...web, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/web/extension.js' },
].map((b) => (production ? { ...b, minify: true, sourcemap: false, legalComments: 'none' } : b));

/**
 * `node:assert/strict` in the worker host: the integration tests import it, and the browser
 * build has none, so it resolves to a small implementation of the same functions.
 */
const webAssert = {
  name: 'web-assert',
  setup(build) {
    build.onResolve({ filter: /^(node:)?assert(\/strict)?$/ }, () => ({ path: join(import.meta.dirname, 'test/integration/web/assert.ts') }));
  },
};

/**
 * mocha's browser build is a UMD script in a "type": "module" package: bundled as is, it would
 * take the bundle's `module` for its own and replace the bundle's exports. Wrapped in a function
 * that hides module/exports/define, it takes its global branch (globalThis.mocha, describe, it).
 */
const mochaBrowserBuild = {
  name: 'mocha-browser-build',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]mocha[\\/]mocha\.js$/ }, (args) => ({
      contents: `(function (module, exports, define) {\n${readFileSync(args.path, 'utf8')}\n}).call(globalThis);`,
      loader: 'js',
    }));
  },
};

/** The integration suite in one browser bundle: every test/integration/*.test.ts, loaded once mocha is set up. */
function webIntegrationBuild() {
  const dir = 'test/integration';
  const tests = tsFiles(dir)
    // *.node.test.ts need Node (a loopback HTTP server, Buffer): they run in the Node host only.
    .filter((f) => f.endsWith('.test.ts') && !f.endsWith('.node.test.ts'))
    .map((f) => `./${relative(dir, f).split(sep).join('/')}`)
    .sort();
  const contents = [
    "import { runInWorker } from './web/index';",
    // require() inside the function: esbuild evaluates each test module on this call, after mocha.setup().
    `export function run() { return runInWorker(() => { ${tests.map((t) => `require(${JSON.stringify(t)});`).join(' ')} }); }`,
  ].join('\n');
  return {
    ...web,
    stdin: { contents, resolveDir: dir, sourcefile: 'web-integration-entry.ts', loader: 'ts' },
    outfile: 'out/web/integration.js',
    define: { TOKEN_DOCTOR_TEST_HOST: '"web"' },
    plugins: [webAssert, mochaBrowserBuild],
  };
}

const builds = production
  ? extensionBuilds
  : [
      ...extensionBuilds,
      {
        ...common,
        entryPoints: ['src/cli/main.ts'],
        define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
        outfile: 'dist/cli.js',
        banner: { js: '#!/usr/bin/env node' },
      },
      {
        ...common,
        // test/integration/web/ is the worker host's runner: it goes into out/web/integration.js only.
        entryPoints: [...tsFiles('test').filter((f) => !f.startsWith(join('test', 'integration', 'web'))), ...tsFiles('scripts')],
        // Tests share the mocha instance that runs them (the CLI, or the integration entry's).
        external: [...common.external, 'mocha'],
        define: { TOKEN_DOCTOR_TEST_HOST: '"node"' },
        outdir: 'out',
        outbase: '.',
      },
      webIntegrationBuild(),
      // The smoke test of the installed .vsix in the worker host (scripts/run-smoke.mjs).
      { ...web, entryPoints: ['test/smoke/index.ts'], outfile: 'out/web/smoke.js' },
    ];

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
