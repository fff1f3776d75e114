// Properties of what users see, over hostile input: whatever a token or an error text holds,
// the hover's Markdown links only to the extension's own commands and shows no raw control or
// bidi character, the panel's HTML holds only the tags and attributes it is built from, and no
// output holds a whole token (nor 40 characters copied from one).
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { analyze } from '../../src/core/analysis/analyze';
import type { Finding } from '../../src/core/model';
import { hoverMarkdown } from '../../src/present/hover';
import { renderPanel } from '../../src/present/panelHtml';
import { buildPanelModel } from '../../src/present/panelModel';
import { NOW, WORK_TIMEOUT_MS } from './helpers/tokens';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const LINKS = {
  showDiagnosis: 'tokenDoctor.showDiagnosis',
  copyDecoded: 'tokenDoctor.copyDecoded',
  copyRedacted: 'tokenDoctor.copyRedacted',
  args: { uri: 'file:///x', offset: 0, nth: 0 },
};
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
const TAGS = new Set(
  'html head meta title link body main header section article h1 h2 h3 h4 p span div strong code pre ul ol li dl dt dd table caption colgroup col tbody tr th td details summary button label input script'.split(
    ' ',
  ),
);
const ATTRS = new Set(
  'aria-hidden aria-label aria-labelledby charset class content data-copy data-lang data-tick href http-equiv id lang name nonce rel scope src type for checked hidden open role title'.split(
    ' ',
  ),
);

/** Strings people do not write but attackers do. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '[x](command:workbench.action.terminal.new)',
    '![i](https://evil.example/p.png)',
    'https://evil.example/?a=1',
    '\u202Eevil\u202C',
    '\u2066x\u2069',
    '\u001b]0;title\u0007\u001b[2J',
    '`code` **b** _i_ <b>',
    '&amp;&lt;',
    '__proto__',
    'javascript:alert(1)',
  ),
);
const claims = fc.dictionary(
  fc.oneof(hostileString, fc.constantFrom('sub', 'aud', 'iss', 'exp', 'scope', '__proto__')),
  fc.oneof(hostileString, fc.integer(), fc.constant(null), fc.array(hostileString, { maxLength: 3 })),
  {
    maxKeys: 6,
  },
);

function tokenWith(c: Record<string, unknown>, kid: string): string {
  return `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid }))}.${b64(JSON.stringify(c))}.${b64('s'.repeat(32))}`;
}

/** Every run of 40 characters of the token that an output might have copied. */
function leaks(out: string, token: string): boolean {
  for (let i = 0; i + 40 <= token.length; i += 8) if (out.includes(token.slice(i, i + 40))) return true;
  return false;
}

function render(finding: Finding, raw: string, all: readonly Finding[]): { md: string; html: string } {
  const md = hoverMarkdown(finding, LINKS);
  const model = buildPanelModel([{ finding, raw }], { source: 'Diagnosis of a property test', now: NOW, leeway: 60, all });
  const html = renderPanel(model, {
    nonce: 'N0nce',
    cspSource: 'https://res',
    scriptUri: 'https://res/panel.js',
    styleUri: 'https://res/panel.css',
    ticked: new Set(),
  });
  return { md, html };
}

/** Markdown with code spans removed: what remains is what could render as links or HTML. */
const outsideCode = (md: string) => md.replace(/(`+)[\s\S]*?\1/g, '');

function checkMarkdown(md: string, token: string | undefined): void {
  const live = outsideCode(md);
  for (const m of live.matchAll(/\]\(([^)]*)\)/g)) assert.match(m[1]!, /^command:tokenDoctor\.(showDiagnosis|copyDecoded|copyRedacted)\?/, `a link to ${m[1]}`);
  assert.doesNotMatch(live, /(^|[^\\])<[a-z!/]/i, 'no raw HTML tag (an escaped \\< is text)');
  assert.doesNotMatch(md, HIDDEN, 'no raw control or bidi character');
  if (token) assert.ok(!leaks(md, token), 'the hover holds 40 characters of the token');
}

function checkHtml(html: string, token: string | undefined): void {
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const tag = m[1]!.toLowerCase();
    assert.ok(TAGS.has(tag), `tag <${tag}>`);
    for (const a of m[2]!.matchAll(/\s([a-zA-Z-]+)(?:="[^"]*")?/g)) assert.ok(ATTRS.has(a[1]!.toLowerCase()), `attribute ${a[1]} on <${tag}>`);
  }
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script: the panel’s own');
  assert.doesNotMatch(html, HIDDEN, 'no raw control or bidi character');
  if (token) assert.ok(!leaks(html, token), 'the panel holds 40 characters of the token');
}

describe('presentation properties over hostile input', function () {
  this.timeout(4 * WORK_TIMEOUT_MS);

  it('a token with any claims: hover links only to our commands, panel tags are ours, nothing raw, no token copied', () => {
    fc.assert(
      fc.property(claims, hostileString, (c, kid) => {
        const token = tokenWith(c, kid);
        const text = `Authorization: Bearer ${token}`;
        const a = analyze(text, { now: NOW, leeway: 60, strict: true });
        for (const f of a.findings) {
          const { md, html } = render(f, text.slice(f.start, f.end), a.findings);
          checkMarkdown(md, token);
          checkHtml(html, token);
        }
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('an error text that quotes a token and holds hostile strings: the same', () => {
    fc.assert(
      fc.property(claims, hostileString, hostileString, (c, description, uri) => {
        const token = tokenWith(c, 'k');
        const text = [
          `{"error":"invalid_token","error_description":${JSON.stringify(`${description} token ${token} rejected`)},"error_uri":${JSON.stringify(uri)}}`,
          `WWW-Authenticate: Bearer error="invalid_token", error_description="${description.replace(/["\\]/g, '')} ${token}"`,
        ].join('\n');
        const a = analyze(text, { now: NOW, leeway: 60, strict: true });
        for (const f of a.findings) {
          const { md, html } = render(f, text.slice(f.start, f.end), a.findings);
          checkMarkdown(md, token);
          checkHtml(html, token);
        }
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
