// Takes the README's pictures of the extension in a real VS Code (code-server in headless
// Chromium): a hover on a token, the CodeLens in an .http file, and the diagnosis panel in
// a dark and a light theme. Writes PNGs into images/.
// Usage: npm run build && node scripts/screenshots.mjs [--only hover|lens|panel|errors|walkthrough|quickfix|narrow]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer, repoRoot, startSession } from './code-server-session.mjs';

const out = join(repoRoot, 'images');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const b64 = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
// Made-up tokens; the signatures are random bytes, nothing here verifies.
const accessToken = [
  b64({ alg: 'RS256', typ: 'at+jwt', kid: 'x4Lq9-2026-10' }),
  b64({
    iss: 'https://login.example.com/',
    sub: 'auth0|5f7c8ec7c33c6c004bbafe82',
    aud: 'https://api.example.com/orders',
    client_id: 'orders-web',
    scope: 'orders:read profile',
    iat: now - 3 * 3600 - 3600,
    exp: now - 3 * 3600 - 720,
    jti: '7d2f6a1e-4c1b-4b8e-9a51-0c3f0e6b2d11',
  }),
  Buffer.alloc(256, 0)
    .map((_, i) => (i * 37 + 11) % 256)
    .toString('base64url'),
].join('.');

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'token-doctor-shots-'));
  writeFileSync(
    join(dir, 'orders.http'),
    [
      '# Calls to the orders API',
      `@token = ${accessToken}`,
      '',
      '### List orders',
      'GET https://api.example.com/orders?status=open',
      'Authorization: Bearer {{token}}',
      '',
      '### Exchange the authorization code',
      'POST https://login.example.com/oauth/token',
      'Content-Type: application/x-www-form-urlencoded',
      '',
      'grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&client_id=orders-web',
      '',
      '# Response:',
      '# HTTP/1.1 400 Bad Request',
      '# {"error":"invalid_grant","error_description":"Invalid authorization code"}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'client.ts'),
    [
      '// Copied from the failing request in the logs',
      `const accessToken = '${accessToken}';`,
      '',
      'export async function listOrders(): Promise<Response> {',
      "  return fetch('https://api.example.com/orders', {",
      '    headers: { Authorization: `Bearer ${accessToken}` },',
      '  });',
      '}',
      '',
    ].join('\n'),
  );
  return dir;
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(name);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 15000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  try {
    await page.waitForSelector(`.tab[aria-label^="${name}"]`, { timeout: 15000 });
  } catch (err) {
    await page.screenshot({ path: join(tmpdir(), 'token-doctor-screenshot-failure.png') });
    throw err;
  }
  await page.waitForTimeout(1500);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title.split(':').pop().trim()}"]`, { timeout: 15000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}

/** The screen point of the first occurrence of `text` in the editor (monaco renders spans). */
async function pointOf(page, text, dx = 60) {
  const box = await page.evaluate((needle) => {
    for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
      for (const span of line.querySelectorAll('span > span')) {
        const i = span.textContent.indexOf(needle);
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(span.firstChild, i);
        range.setEnd(span.firstChild, i + needle.length);
        const r = range.getBoundingClientRect();
        return { x: r.left, y: r.top, h: r.height };
      }
    }
    return undefined;
  }, text);
  if (!box) throw new Error(`"${text}" is not on screen`);
  return { x: box.x + dx, y: box.y + box.h / 2 };
}

async function session(theme, viewport) {
  const dir = workspace();
  const s = await startSession({
    workspace: dir,
    theme,
    viewport,
    settings: {
      'editor.minimap.enabled': false,
      'editor.fontSize': 14,
      'workbench.activityBar.location': 'hidden',
      'breadcrumbs.enabled': false,
      'window.commandCenter': false,
      'workbench.layoutControl.enabled': false,
      'editor.hover.delay': 100,
      'editor.hover.sticky': true,
    },
  });
  // Close the side bar so the editor has the room.
  await s.page.keyboard.press('Control+B');
  return {
    ...s,
    close: async () => {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Hovers the first occurrence of `needle` in `document` (offset `dx` px into it) and shoots. */
async function hoverShot(theme, file, document = 'client.ts', needle = 'eyJ', dx = 120) {
  const s = await session(theme, { width: 1280, height: 900 });
  try {
    await openFile(s.page, document);
    const p = await pointOf(s.page, needle, dx);
    await s.page.mouse.move(p.x - 30, p.y);
    await s.page.mouse.move(p.x, p.y);
    await s.page.waitForSelector('.monaco-hover:not(.hidden) .rendered-markdown', { timeout: 15000 });
    await s.page.waitForTimeout(800);
    await s.page.screenshot({ path: join(out, file) });
  } finally {
    await s.close();
  }
}

async function lensShot(theme, file) {
  const s = await session(theme, { width: 1280, height: 560 });
  try {
    await openFile(s.page, 'orders.http');
    await s.page.waitForSelector('.codelens-decoration a, .codelens-decoration span', { timeout: 15000 });
    await s.page.waitForTimeout(1000);
    await s.page.screenshot({ path: join(out, file) });
  } finally {
    await s.close();
  }
}

/** The frame holding the panel's page (webviews nest an iframe in an iframe). */
async function panelFrame(page) {
  for (let i = 0; i < 50; i++) {
    for (const f of page.frames()) {
      if (
        await f
          .locator('main .finding')
          .count()
          .catch(() => 0)
      )
        return f;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the panel page did not appear');
}

async function panelShot(theme, file, viewport = { width: 1400, height: 1000 }, fileName = 'client.ts', needle = 'eyJ', scrollTo) {
  const s = await session(theme, viewport);
  try {
    await openFile(s.page, fileName);
    const p = await pointOf(s.page, needle, 40);
    await s.page.mouse.click(p.x, p.y);
    await runCommand(s.page, 'Token Doctor: Diagnose Token');
    await s.page.waitForSelector('iframe.webview.ready', { timeout: 20000 });
    const frame = await panelFrame(s.page);
    if (scrollTo)
      await frame
        .locator(scrollTo)
        .first()
        .evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await s.page.waitForTimeout(1500);
    await s.page.screenshot({ path: join(out, file) });
  } finally {
    await s.close();
  }
}

/** Clicks the first visible element matching `selector` whose text includes `text`, in any frame. */
async function clickText(page, selector, text) {
  const target = page.locator(selector, { hasText: text }).first();
  await target.waitFor({ state: 'visible', timeout: 15000 });
  await target.click();
}

/**
 * The walkthrough as a new user sees it: the page with its steps, then each step's button
 * pressed in turn (open the sample, show the hover, diagnose, quick fixes), one picture each.
 */
async function walkthroughShots(theme, prefix) {
  const s = await session(theme, { width: 1400, height: 900 });
  // The README shows the last step; the others go to test-results/ for a person to look at.
  const shot = async (name) => {
    await s.page.waitForTimeout(1500);
    await s.page.screenshot({ path: join(name === 'quickfix' ? out : join(repoRoot, 'test-results'), `${prefix}-${name}.png`) });
  };
  try {
    await runCommand(s.page, 'Welcome: Open Walkthrough');
    await s.page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15000 });
    await s.page.keyboard.type('Token Doctor');
    await s.page.waitForTimeout(700);
    await s.page.keyboard.press('Enter');
    await s.page.waitForSelector('.gettingStartedContainer .getting-started-step', { timeout: 20000 });
    await shot('start');
    await clickText(s.page, '.getting-started-step.expanded a, .getting-started-step.expanded button', 'Open the sample');
    await s.page.waitForSelector('.tab[aria-label^="token-doctor-sample.http"]', { timeout: 15000 });
    await s.page.waitForSelector('.codelens-decoration', { timeout: 15000 });
    await shot('sample');
    await clickText(s.page, '.getting-started-step', 'Hover a token');
    await clickText(s.page, '.getting-started-step.expanded a, .getting-started-step.expanded button', 'Show the hover');
    await s.page.waitForSelector('.monaco-hover:not(.hidden) .rendered-markdown', { timeout: 15000 });
    await shot('hover');
    await s.page.keyboard.press('Escape');
    await clickText(s.page, '.getting-started-step', 'Open the diagnosis');
    await clickText(s.page, '.getting-started-step.expanded a, .getting-started-step.expanded button', 'Diagnose the token');
    await s.page.waitForSelector('iframe.webview.ready', { timeout: 20000 });
    await panelFrame(s.page);
    await shot('panel');
    await clickText(s.page, '.getting-started-step', 'Fix a token request');
    await clickText(s.page, '.getting-started-step.expanded a, .getting-started-step.expanded button', 'Show the quick fixes');
    await s.page.waitForSelector('.action-widget', { timeout: 15000 });
    await shot('quickfix');
  } catch (err) {
    await s.page.screenshot({ path: join(tmpdir(), 'token-doctor-walkthrough-failure.png') });
    throw err;
  } finally {
    await s.close();
  }
}

/** The sample's token request with a quick fix menu open on its misspelled grant_type. */
async function quickFixShot(theme, file) {
  const s = await session(theme, { width: 1400, height: 700 });
  try {
    await s.page.waitForTimeout(2000);
    await runCommand(s.page, 'Token Doctor: Open Sample');
    await s.page.waitForSelector('.tab[aria-label^="token-doctor-sample.http"]', { timeout: 15000 });
    await s.page.waitForSelector('.squiggly-warning, .squiggly-error, .squiggly-info', { timeout: 20000 });
    const p = await pointOf(s.page, 'client_credential', 30);
    await s.page.mouse.click(p.x, p.y);
    await s.page.keyboard.press('Control+.');
    try {
      await s.page.waitForSelector('.action-widget', { timeout: 15000 });
    } finally {
      await s.page.waitForTimeout(1000);
      await s.page.screenshot({ path: join(out, file) });
    }
  } finally {
    await s.close();
  }
}

ensureCodeServer();
mkdirSync(out, { recursive: true });
mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
const jobs = {
  hover: () => hoverShot('Default Dark Modern', 'hover-dark.png'),
  lens: () => lensShot('Default Dark Modern', 'codelens-dark.png'),
  panel: async () => {
    await panelShot('Default Dark Modern', 'panel-dark.png');
    await panelShot('Default Light Modern', 'panel-light.png');
    await panelShot('Default Dark Modern', 'panel-claims-dark.png', undefined, 'client.ts', 'eyJ', 'section:has(> h3:text-is("Header"))');
  },
  errors: async () => {
    await hoverShot('Default Dark Modern', 'hover-error-dark.png', 'orders.http', 'invalid_grant', 30);
    await panelShot('Default Light Modern', 'panel-error-light.png', undefined, 'orders.http', 'invalid_grant');
  },
  walkthrough: () => walkthroughShots('Default Dark Modern', 'walkthrough'),
  quickfix: () => quickFixShot('Default Dark Modern', 'quickfix-dark.png'),
  // Not for the README: checks that the panel holds up in a narrow group and high contrast.
  narrow: () => panelShot('Default High Contrast', '../test-results/panel-hc-narrow.png', { width: 1000, height: 900 }),
};
for (const [name, job] of Object.entries(jobs)) {
  if (only && only !== name) continue;
  const t0 = Date.now();
  await job();
  console.log(`screenshots: ${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
