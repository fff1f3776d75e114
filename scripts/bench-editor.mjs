// Times hovers and CodeLens on a 5 MB document inside a real VS Code (code-server in
// headless Chromium, like the integration tests) and prints the figures.
// Usage: npm run build && node scripts/bench-editor.mjs
import { join } from 'node:path';
import { ensureCodeServer, repoRoot, startSession } from './code-server-session.mjs';

ensureCodeServer();
const session = await startSession({
  extensionTestsPath: join(repoRoot, 'out/test/bench/editor.js'),
  // Built-in extensions that walk whole documents share the host; off, so the figures are ours (../shared/harness.md).
  settings: {
    'merge-conflict.codeLens.enabled': false,
    'merge-conflict.decorators.enabled': false,
    'editor.links': false,
    'editor.folding': false,
    'editor.minimap.enabled': false,
    'editor.bracketPairColorization.enabled': false,
  },
  onLog: (level, message) => {
    if (level === 'error' || /Token Doctor editor bench|^\s{2}\S|ms/.test(message)) console.log(message);
  },
});
try {
  const code = await Promise.race([session.exited, new Promise((r) => setTimeout(r, 300_000, 'timeout'))]);
  if (code !== 0) console.error(`bench-editor: ended with ${code}`);
  process.exitCode = code === 0 ? 0 : 1;
} finally {
  await session.close();
}
