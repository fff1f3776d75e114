// Renders images/icon.svg into images/icon.png (128×128, transparent corners): the icon the
// marketplace, the Extensions view and the .vsix show. Run after changing the SVG:
//   node scripts/make-icon.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, repoRoot } from './code-server-session.mjs';

const { chromium } = await import('playwright-core');
const svg = readFileSync(join(repoRoot, 'images/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: join(repoRoot, 'images/icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
console.log('images/icon.png written');
