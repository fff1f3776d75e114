// Properties over hostile input, shared by the unit suite (fixed seeds, a few seconds) and
// `npm run fuzz` (random seeds, for minutes). Each property takes generated text and checks
// what users would see: the engine never throws and keeps its spans in bounds, the hover's
// Markdown links only to the extension's own commands and shows no raw control or bidi
// character, the panel's HTML holds only its own tags and attributes, and no output holds a
// whole token (nor 40 characters copied from one).
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { analyze } from '../../src/core/analysis/analyze';
import type { Finding } from '../../src/core/model';
import { hoverMarkdown } from '../../src/present/hover';
import { renderPanel } from '../../src/present/panelHtml';
import { buildPanelModel } from '../../src/present/panelModel';
import { makeRecord } from '../../src/cli/records';
import { Redactor } from '../../src/cli/redaction';
import { isTokenFinding } from '../../src/core/model';

/** The fixed clock of the properties (2026-11-21T22:26:40Z). */
export const NOW = 1_795_300_000;
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
  'html head meta title link body main header section article h1 h2 h3 h4 p span div strong code pre ul ol li dl dt dd table caption colgroup col thead tbody tr th td details summary button label input script a'.split(
    ' ',
  ),
);
const ATTRS = new Set(
  'aria-hidden aria-label aria-labelledby charset class content data-copy data-item data-keys data-lang data-tick href http-equiv id lang name nonce rel scope src type for checked hidden open role title'.split(
    ' ',
  ),
);

/** Strings people do not write but attackers do. */
export const hostileString = fc.oneof(
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
export const claims = fc.dictionary(
  fc.oneof(hostileString, fc.constantFrom('sub', 'aud', 'iss', 'exp', 'scope', '__proto__')),
  fc.oneof(hostileString, fc.integer(), fc.constant(null), fc.array(hostileString, { maxLength: 3 })),
  {
    maxKeys: 6,
  },
);

export function tokenWith(c: Record<string, unknown>, kid: string): string {
  return `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid }))}.${b64(JSON.stringify(c))}.${b64('s'.repeat(32))}`;
}

/** Every run of 40 characters of the token that an output might have copied. */
function leaks(out: string, token: string): boolean {
  for (let i = 0; i + 40 <= token.length; i += 8) if (out.includes(token.slice(i, i + 40))) return true;
  return false;
}

export function render(finding: Finding, raw: string, all: readonly Finding[]): { md: string; html: string } {
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

export function checkMarkdown(md: string, token: string | undefined): void {
  const live = outsideCode(md);
  for (const m of live.matchAll(/\]\(([^)]*)\)/g)) assert.match(m[1]!, /^command:tokenDoctor\.(showDiagnosis|copyDecoded|copyRedacted)\?/, `a link to ${m[1]}`);
  assert.doesNotMatch(live, /(^|[^\\])<[a-z!/]/i, 'no raw HTML tag (an escaped \\< is text)');
  assert.doesNotMatch(md, HIDDEN, 'no raw control or bidi character');
  if (token) assert.ok(!leaks(md, token), 'the hover holds 40 characters of the token');
}

export function checkHtml(html: string, token: string | undefined): void {
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)) {
    const tag = m[1]!.toLowerCase();
    assert.ok(TAGS.has(tag), `tag <${tag}>`);
    for (const a of m[2]!.matchAll(/\s([a-zA-Z-]+)(?:="[^"]*")?/g)) assert.ok(ATTRS.has(a[1]!.toLowerCase()), `attribute ${a[1]} on <${tag}>`);
  }
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script: the panel’s own');
  assert.doesNotMatch(html, HIDDEN, 'no raw control or bidi character');
  if (token) assert.ok(!leaks(html, token), 'the panel holds 40 characters of the token');
}

/** A token with any claims and header kid, in an Authorization header: every finding renders safely. */
export const tokenProperty = fc.property(claims, hostileString, (c, kid) => {
  const token = tokenWith(c, kid);
  const text = `Authorization: Bearer ${token}`;
  const a = analyze(text, { now: NOW, leeway: 60, strict: true });
  for (const f of a.findings) {
    const { md, html } = render(f, text.slice(f.start, f.end), a.findings);
    checkMarkdown(md, token);
    checkHtml(html, token);
  }
});

/** An error response and a challenge that quote a token beside hostile strings: the same. */
export const errorTextProperty = fc.property(claims, hostileString, hostileString, (c, description, uri) => {
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
});

/** Fragments of tokens, errors and requests glued at random: strict analysis never throws, spans and edits stay in bounds and in order. */
const FRAGMENTS = [
  'eyJ',
  'eyJhbGciOiJIUzI1NiJ9',
  '.',
  '{"error":"',
  'invalid_grant',
  'HTTP/1.1 401 Unauthorized',
  'grant_type=',
  '&client_assertion=',
  '"exp":',
  '__proto__',
  'constructor',
  '\n',
  '\u202e',
  '\u001b[2J',
  '%2E',
  '\\',
  '"',
  '{',
  '}',
];
export const engineText = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 60 }).map((parts) => parts.join(''));
export const engineProperty = fc.property(engineText, (text) => {
  const a = analyze(text, { now: NOW, leeway: 60, strict: true, languageId: 'typescript', fileName: 'x.ts' });
  let last = -1;
  for (const f of a.findings) {
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length, `span ${f.start}-${f.end}`);
    assert.ok(f.start >= last, 'ordered by start');
    last = f.start;
    void f.summary;
  }
  for (const m of a.mistakes) {
    assert.ok(m.start >= 0 && m.end <= text.length);
    for (const fix of m.fixes) for (const e of fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length, 'edit in bounds');
  }
});

/** The command line's record of every finding, in every format, as `scan` builds it: no token copied, and text for a terminal holds no raw control or bidi character. */
export const cliProperty = fc.property(claims, hostileString, (c, description) => {
  const token = tokenWith(c, description.slice(0, 20));
  const text = `${description}\nAuthorization: Bearer ${token}\n{"error":"invalid_token","error_description":${JSON.stringify(`${description} ${token}`)}}\n`;
  const a = analyze(text, { now: NOW, leeway: 60, strict: true });
  const redactor = new Redactor();
  for (const f of a.findings) if (isTokenFinding(f)) redactor.addToken(text.slice(f.start, f.end));
  for (const format of ['text', 'json', 'jsonl', 'sarif'] as const) {
    for (const color of [false, true]) {
      for (const f of a.findings) {
        const rec = makeRecord(f, text, { format, color, now: NOW, leeway: 60 }, redactor, { s: f.start, e: f.end, l: 1, c: 1, el: 1, ec: 1 });
        assert.ok(!leaks(rec.body, token), `${format}: the record holds 40 characters of the token`);
        if (format === 'text') {
          // eslint-disable-next-line no-control-regex
          const withoutColour = color ? rec.body.replace(/\u001b\[\d{1,2}m/g, '') : rec.body;
          // eslint-disable-next-line no-control-regex
          assert.doesNotMatch(withoutColour, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, `${format}: a raw control character`);
        }
      }
    }
  }
});

/** Every property, by name, for the fuzzer. */
export const PROPERTIES: ReadonlyArray<readonly [string, fc.IPropertyWithHooks<unknown[]>]> = [
  ['token claims render safely', tokenProperty],
  ['error texts render safely', errorTextProperty],
  ['the engine never throws and stays in bounds', engineProperty],
];
