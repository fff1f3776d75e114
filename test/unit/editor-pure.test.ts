// The editor side's pure parts: Markdown and HTML escaping, redaction, the offset index,
// HTTP-file variables, the panel's model and message validation.
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/analysis/analyze';
import { type Finding, tokenOf } from '../../src/core/model';
import { MASK, redactClaims, redactText, redactToken } from '../../src/core/redact';
import { FindingIndex } from '../../src/core/findingIndex';
import { HttpVariables, isHttpDocument } from '../../src/core/http/variables';
import { code, commandLink, oneLine, text } from '../../src/present/markdown';
import { visible } from '../../src/core/text/visible';
import { hoverMarkdown } from '../../src/present/hover';
import { esc, jsonHtml, renderPanel } from '../../src/present/panelHtml';
import { buildPanelModel, fingerprint } from '../../src/present/panelModel';
import { parseMessage } from '../../src/present/panelMessages';
import { NOW, dirJwe, hs } from './helpers/tokens';

/** An HS256 token with `typ: JWT` over `claims` (plus any header members). */
const jwt = (claims: Record<string, unknown>, header: Record<string, unknown> = { typ: 'JWT' }) => hs(claims, header);
const scan = (s: string) => analyze(s, { now: NOW, leeway: 60 }).findings;

describe('markdown escaping', () => {
  it('turns every punctuation character literal, which also stops autolinks and entities', () => {
    assert.equal(text('[x](command:a) <b> &amp; *y*'), '\\[x\\]\\(command\\:a\\) \\<b\\> \\&amp\\; \\*y\\*');
    assert.equal(text('see https://evil.example'), 'see https\\:\\/\\/evil\\.example');
    assert.equal(text('a\nb\r\nc'), 'a b c');
  });

  it('shows bidi overrides and terminal escapes as visible \\u sequences, never raw', () => {
    const hostile = 'api://orders\u202Esredro//:ipa \u001b]0;pwned\u0007\u001b[2J\u2066x\u2069';
    for (const out of [text(hostile), code(hostile), oneLine(hostile)]) {
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, out);
      assert.match(out, /u202E/);
      assert.match(out, /u001B/);
    }
    assert.equal(visible('tab\tand\nnewline stay'), 'tab\tand\nnewline stay');
  });

  it('fences code spans longer than any backtick run and escapes table pipes', () => {
    assert.equal(code('plain'), '`plain`');
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(code('`x`'), '`` `x` ``');
    assert.equal(code('a|b'), '`a\\|b`');
    assert.equal(code(''), '` `');
  });

  it('cuts long values', () => {
    assert.equal(text('x'.repeat(500)).length, 160);
  });

  it('builds command links whose arguments cannot end the link early', () => {
    const link = commandLink('Open', 'tokenDoctor.showDiagnosis', { uri: 'file:///a(1)/b', offset: 1 });
    const target = /\]\((.*)\)$/.exec(link)?.[1] ?? '';
    assert.doesNotMatch(target, /[()]/);
    assert.deepEqual(JSON.parse(decodeURIComponent(target.split('?')[1]!)), [{ uri: 'file:///a(1)/b', offset: 1 }]);
  });

  it('renders hostile claims of a hover only inside code spans', async () => {
    const token = await jwt({ sub: '<img src=x onerror=alert(1)>', iss: '[a](command:workbench.action.quit)', exp: NOW - 10 });
    const f = scan(`Bearer ${token}`).find((x) => x.kind === 'jwt')!;
    const md = hoverMarkdown(f, { showDiagnosis: 's', copyDecoded: 'd', copyRedacted: 'r', args: {} });
    const outside = md.replace(/(`+)[\s\S]*?\1/g, '');
    assert.doesNotMatch(outside, /<img|command:workbench/);
    assert.ok(md.includes('`<img src=x onerror=alert(1)>`'));
  });
});

describe('redaction', () => {
  it('keeps a claim named __proto__ (a claim like any other) and masks what it should', () => {
    const claims = JSON.parse('{"__proto__":{"admin":true},"constructor":"c","email":"a@b.c"}') as Record<string, unknown>;
    const r = redactClaims(claims);
    assert.deepEqual(Object.keys(r), ['__proto__', 'constructor', 'email']);
    assert.deepEqual(r.__proto__, { admin: true });
    assert.equal(r.email, MASK);
    assert.equal(Object.getPrototypeOf(r), Object.prototype, 'the copy keeps an ordinary prototype');
  });

  it('masks personal claims and embedded tokens, keeps what a diagnosis needs', () => {
    const r = redactClaims({ sub: 'u1', email: 'a@b.c', given_name: 'A', iss: 'https://idp/', aud: 'api', exp: 5, scope: 'x', refresh: 'eyJa.eyJb.c' });
    assert.deepEqual(r, { sub: MASK, email: MASK, given_name: MASK, iss: 'https://idp/', aud: 'api', exp: 5, scope: 'x', refresh: MASK });
  });

  it('rebuilds a decodable token without the signature', async () => {
    const token = await jwt({ sub: 'user-1', iss: 'https://idp.example/', exp: NOW + 60 });
    const f = scan(token)[0]!;
    const red = redactToken(tokenOf(f)!);
    const [h, p, s] = red.split('.');
    assert.equal(s, 'REDACTED');
    assert.deepEqual(JSON.parse(Buffer.from(h!, 'base64url').toString()), { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(JSON.parse(Buffer.from(p!, 'base64url').toString()), { sub: MASK, iss: 'https://idp.example/', exp: NOW + 60 });
    assert.ok(!red.includes(token.split('.')[2]!));
  });

  it('keeps only the header of a JWE', async () => {
    const jwe = await dirJwe({ sub: 'user-1', exp: NOW + 60 }, 'A256GCM');
    const header = jwe.split('.')[0]!;
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url').toString()), { alg: 'dir', enc: 'A256GCM' });
    const f = scan(jwe).find((x) => x.kind === 'jwe');
    assert.ok(f, 'the JWE was not found');
    assert.equal(redactToken(tokenOf(f)!), `${header}.REDACTED.REDACTED.REDACTED.REDACTED`);
  });

  it('cuts tokens in log text', async () => {
    const token = await jwt({ sub: 'x' });
    const out = redactText(`failed with ${token} here`);
    assert.ok(!out.includes(token));
    assert.match(out, /^failed with eyJhbGciOi…\[\d+ chars redacted\] here$/);
  });
});

describe('FindingIndex', () => {
  const f = (start: number, end: number) => ({ kind: 'token-request', start, end, causes: [], summary: '' }) as Finding;
  const outer = f(0, 100);
  const inner = f(10, 20);
  const later = f(50, 60);
  const index = new FindingIndex([outer, inner, later]);

  it('answers the findings at an offset, innermost first', () => {
    assert.deepEqual(index.at(15), [inner, outer]);
    assert.deepEqual(index.at(55), [later, outer]);
    assert.deepEqual(index.at(30), [outer]);
    assert.deepEqual(index.at(150), []);
  });

  it('treats end as exclusive unless asked', () => {
    assert.deepEqual(index.at(20), [outer]);
    assert.deepEqual(index.at(20, true), [inner, outer]);
  });
});

describe('HTTP-file variables', () => {
  const text = [
    '@host = api.example.test',
    '@token = abc',
    '@auth = Bearer {{token}}',
    '@loop = {{loop}}',
    'GET https://{{host}}/x',
    'Authorization: {{auth}}',
    'X: {{nope}}',
  ].join('\n');
  const vars = new HttpVariables(text);

  it('resolves nested variables and refuses cycles', () => {
    assert.equal(vars.resolve('auth'), 'Bearer abc');
    assert.equal(vars.resolve('loop'), '{{loop}}');
    assert.equal(vars.resolve('nope'), undefined);
  });

  it('finds references to defined variables only', () => {
    assert.deepEqual(
      vars.references().map((r) => r.name),
      ['token', 'loop', 'host', 'auth'],
    );
    const at = text.indexOf('{{auth}}') + 2;
    assert.equal(vars.referenceAt(at)?.name, 'auth');
    assert.equal(vars.referenceAt(text.indexOf('{{nope}}') + 2), undefined);
  });

  it('stops an expansion bomb: a variable whose value would grow past 64 KB stays unexpanded, at once', () => {
    // 520 bytes: eight variables, each using the next twelve times (12^8 copies if expanded naively).
    const bomb = Array.from({ length: 8 }, (_, i) => `@v${i} = ${i === 7 ? 'eyJ' : `{{v${i + 1}}}`.repeat(12)}`).join('\n');
    const v = new HttpVariables(`${bomb}\nAuthorization: Bearer {{v0}}`);
    const v0 = v.resolve('v0');
    assert.ok(v0 === undefined || v0.length <= 64 * 1024, `v0 is ${v0?.length} characters`);
    assert.ok(v.oversized.includes('v2'), `the first variable too large to expand is named: ${v.oversized.join(', ')}`);
    // A deeper level that stays small still resolves, and the answer is kept.
    assert.equal(v.resolve('v6')?.length, 12 * 3);
  });

  it('stops a bomb made of empty values by the number of expansions, not the size', () => {
    const bomb = Array.from({ length: 8 }, (_, i) => `@e${i} = ${i === 7 ? '' : `{{e${i + 1}}}`.repeat(30)}`).join('\n');
    const v = new HttpVariables(bomb);
    const value = v.resolve('e0');
    assert.ok(value === undefined || value.length < 100_000);
  });

  it('knows HTTP files by language or name', () => {
    assert.ok(isHttpDocument('plaintext', '/a/b/api.http'));
    assert.ok(isHttpDocument('plaintext', '/a/b/API.REST'));
    assert.ok(isHttpDocument('http', 'Untitled-1'));
    assert.ok(!isHttpDocument('plaintext', '/a/http.txt'));
  });
});

describe('panel HTML and messages', () => {
  let token: string;
  let model: ReturnType<typeof buildPanelModel>;
  let html: string;
  before(async () => {
    token = await jwt(
      { sub: '<img src=x onerror=alert(1)>', '"><script>x</script>': 1, exp: NOW - 100, aud: 'api://orders\u202Esredro//:ipa' },
      { kid: "'><svg onload=1>" },
    );
    const findings = scan(`Bearer ${token}`);
    model = buildPanelModel(
      findings.map((finding) => ({ finding, raw: token })),
      { source: 'Diagnosis of <b>x</b>', now: NOW, leeway: 60, all: findings },
    );
    html = renderPanel(model, {
      nonce: 'N0nce',
      cspSource: 'https://res',
      scriptUri: 'https://res/panel.js',
      styleUri: 'https://res/panel.css',
      ticked: new Set(),
    });
  });

  it('escapes every value', () => {
    assert.doesNotMatch(html, /<img|<script>x|<svg|<b>x/);
    assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;/);
    assert.equal(esc(`<&>"'\``), '&#60;&#38;&#62;&#34;&#39;&#96;');
    assert.equal(jsonHtml({ '<k>': '<v>' }).includes('<k>'), false);
  });

  it('shows a bidi override in a claim as \\u202E, never raw', () => {
    assert.ok(!html.includes('\u202E'), 'no raw U+202E in the panel');
    assert.match(html, /\\u202E/);
  });

  it('loads one script with the nonce under a default-src none policy', () => {
    assert.match(html, /content="default-src &#39;none&#39;; style-src https:\/\/res; script-src &#39;nonce-N0nce&#39;/);
    assert.equal([...html.matchAll(/<script /g)].length, 1);
    assert.match(html, /<script nonce="N0nce" src="https:\/\/res\/panel.js"><\/script>/);
  });

  it('accepts only messages naming what the page shows', () => {
    const key = [...model.manualKeys][0]!;
    assert.deepEqual(parseMessage({ type: 'copy', id: 'decoded-0' }, model), { type: 'copy', id: 'decoded-0' });
    assert.deepEqual(parseMessage({ type: 'tick', key, checked: false }, model), { type: 'tick', key, checked: false });
    for (const bad of [
      undefined,
      null,
      'copy',
      [],
      { type: 'copy', id: 'decoded-9' },
      { type: 'copy', id: 'decoded-0', x: 1 },
      { type: 'tick', key: 'x', checked: true },
      { type: 'open', url: 'https://x' },
    ]) {
      assert.equal(parseMessage(bad, model), undefined, JSON.stringify(bad));
    }
    assert.equal(parseMessage({ type: 'copy', id: 'decoded-0' }, undefined), undefined);
  });

  it('keys ticks by the finding text, not by where it is', () => {
    assert.equal(fingerprint('jwt', token), fingerprint('jwt', token));
    assert.notEqual(fingerprint('jwt', token), fingerprint('jwt', `${token}x`));
  });
});
