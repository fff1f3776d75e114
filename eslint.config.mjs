// ESLint flat config: typescript-eslint's type-aware rules over the TypeScript
// (tsconfig.json decides which files), plain recommended rules over the build
// and integration scripts, and the layering rules of README.md's Development
// section: src/core and src/present run in the extension host, a browser
// worker and the command line, so they import neither `vscode` nor Node.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Node built-ins the engine and the presentation must not import (bare names; `node:*` is caught by a pattern). */
const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'util', 'worker_threads', 'buffer', 'stream', 'http', 'https', 'url', 'events'];

const noVscode = { name: 'vscode', message: 'src/core and src/present run outside VS Code too: pass what they need in from src/vscode.' };
const noNodeBuiltins = [
  ...NODE_BUILTINS.map((name) => ({
    name,
    message: 'src/core and src/present run in a browser worker too: no Node built-ins (Web APIs such as globalThis.crypto are fine).',
  })),
];
const noNodePatterns = [
  { group: ['node:*'], message: 'src/core and src/present run in a browser worker too: no Node built-ins.' },
  { group: NODE_BUILTINS.map((name) => `${name}/*`), message: 'src/core and src/present run in a browser worker too: no Node built-ins.' },
];

const WEB_HOST_MESSAGE =
  'src/vscode also runs in the web worker extension host (vscode.dev): use Web APIs (TextEncoder, atob/btoa, crypto.getRandomValues, vscode.workspace.fs), or ./platform helpers.';
const WEB_SUITE_MESSAGE =
  'The integration suite also runs in the web worker host: use the web-safe helpers of test/integration/editor-helpers.ts (base64url, utf8, fromBase64url), vscode.workspace.fs, or skipInWebWorker() with a reason.';
/** Globals that exist in Node but not in a browser worker. */
const NODE_ONLY_GLOBALS = ['Buffer', 'process', 'setImmediate', 'clearImmediate', '__dirname', '__filename', 'require', 'module', 'global'];

/** Globals the Node build and test scripts (.mjs) use; `document` and `window` in the functions they hand to Playwright's page.evaluate. */
const NODE_GLOBALS = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'fetch',
    'AbortController',
    'AbortSignal',
    'TextEncoder',
    'TextDecoder',
    'structuredClone',
    'performance',
  ].map((g) => [g, 'readonly']),
);

export default defineConfig(
  {
    ignores: ['dist/', 'out/', 'node_modules/', '.cache/', '.vscode-test/', 'test-results/', 'test/fixtures/', 'test/corpus/', 'media/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      // A promise nobody awaits loses its rejection: in an extension that is a silent failure.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async callback where a void one is expected (event handlers, forEach) has the same problem.
      '@typescript-eslint/no-misused-promises': 'error',
      // `_name` marks a parameter kept for its position (tsc's noUnusedParameters agrees).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Build, bench and integration-runner scripts: plain Node ES modules, outside tsconfig.
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...NODE_GLOBALS, document: 'readonly', window: 'readonly' } },
  },
  {
    // Tests read JSON and reach into results on purpose; typing every step would hide what they check.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The engine is the bottom layer: presentation, command line and editor build on it, never the reverse.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noVscode, ...noNodeBuiltins],
          patterns: [
            ...noNodePatterns,
            {
              regex: '^(\\.\\./)+(present|cli|vscode)(/|$)',
              message: 'src/core must not import src/present, src/cli or src/vscode: they build on the engine, not the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    // The VS Code side runs in Node's extension host and in vscode.dev's browser worker host (the
    // `browser` bundle): Web APIs only, no Node built-ins or Node-only globals.
    files: ['src/vscode/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: noNodeBuiltins.map((p) => ({ ...p, message: WEB_HOST_MESSAGE })),
          patterns: noNodePatterns.map((p) => ({ ...p, message: WEB_HOST_MESSAGE })),
        },
      ],
      'no-restricted-globals': ['error', ...NODE_ONLY_GLOBALS.map((name) => ({ name, message: WEB_HOST_MESSAGE }))],
    },
  },
  {
    // The integration suite runs in the browser worker host too (out/web/integration.js), where
    // only node:assert/strict is provided (test/integration/web/assert.ts). index.ts is the
    // Node host's entry and may use Node.
    files: ['test/integration/**/*.ts'],
    // index.ts is the Node host's entry; *.node.test.ts run in the Node host only (esbuild.mjs leaves them out of the web bundle).
    ignores: ['test/integration/index.ts', 'test/integration/**/*.node.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.filter((n) => n !== 'assert').map((name) => ({ name, message: WEB_SUITE_MESSAGE })),
          patterns: [
            { group: ['node:*', '!node:assert', '!node:assert/strict'], message: WEB_SUITE_MESSAGE },
            { group: NODE_BUILTINS.map((name) => `${name}/*`), message: WEB_SUITE_MESSAGE },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...NODE_ONLY_GLOBALS.map((name) => ({ name, message: WEB_SUITE_MESSAGE }))],
    },
  },
  {
    // Presentation turns findings into text and HTML; the command line and the editor call it, not the reverse.
    files: ['src/present/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noVscode, ...noNodeBuiltins],
          patterns: [...noNodePatterns, { regex: '^(\\.\\./)+(cli|vscode)(/|$)', message: 'src/present must not import src/cli or src/vscode.' }],
        },
      ],
    },
  },
);
