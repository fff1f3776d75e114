// What the hover, the CodeLens and the panel say about checks with the user's keys (pure).
import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/analysis/analyze';
import { compactOf } from '../../src/core/jwt/compact';
import { isTokenFinding, type TokenCheck } from '../../src/core/model';
import { checksOf } from '../../src/core/verify/check';
import { keysFromJson, secretKey } from '../../src/core/verify/keys';
import { checkTokens } from '../../src/core/verify/check';
import { hoverMarkdown } from '../../src/present/hover';
import { keyLensTitle } from '../../src/present/keyText';
import { renderPanel } from '../../src/present/panelHtml';
import { buildPanelModel } from '../../src/present/panelModel';
import { parseMessage } from '../../src/present/panelMessages';
import { encryptTo, keyring, signWith, tamper, withKid, type Keyring } from './helpers/keys';
import { KEYS_TIMEOUT_MS, NOW } from './helpers/tokens';

const LINKS = { showDiagnosis: 's', copyDecoded: 'd', copyRedacted: 'r', verify: 'v', decrypt: 'x', manageKeys: 'm', args: {} };
const RES = { nonce: 'n', cspSource: 'c', scriptUri: 'j', styleUri: 'k', ticked: new Set<string>() };

async function withChecks(text: string, keys: Parameters<typeof checkTokens>[1]) {
  const plain = analyze(text, { now: NOW, leeway: 60 });
  const compacts = plain.findings.filter(isTokenFinding).map((f) => compactOf(f)!);
  const map: Map<string, TokenCheck> = await checkTokens(compacts, keys);
  return analyze(text, { now: NOW, leeway: 60, checks: checksOf(map) });
}

describe('key results in the hover, the CodeLens and the panel', function () {
  let k: Keyring;
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    k = await keyring();
  });
  const claims = { iss: 'https://idp.example/', sub: 'u', exp: NOW + 600 };

  it('before any check: the hover and the lens offer Verify signature…, the panel a button', async () => {
    const token = await signWith('ES256', k.p256.privateJwk, claims);
    const f = analyze(token, { now: NOW, leeway: 60 }).findings[0]!;
    const md = hoverMarkdown(f, LINKS);
    assert.match(md, /Signature not verified · \[Verify signature…\]\(command:v\?/);
    assert.match(md, /\[Manage keys\]\(command:m\?/);
    assert.equal(keyLensTitle(isTokenFinding(f) ? f.token : (undefined as never)), undefined);
    const html = renderPanel(buildPanelModel([{ finding: f, raw: token }], { source: 'x', now: NOW, leeway: 60, all: [f] }), RES);
    assert.match(html, /<button type="button" data-keys="verify" data-item="0">Verify signature…<\/button>/);
  });

  it('verified and invalid: hover line, lens title, the panel’s key, reason and keys tried — key names escaped', async () => {
    const hostile = '<img src=x>*[x](command:evil)';
    const set = keysFromJson({ keys: [withKid(k.p256.publicJwk, 'k1')] }, hostile).keys;
    const token = await signWith('ES256', k.p256.privateJwk, claims, { kid: 'k1' });
    const a = await withChecks(`${token}\n${tamper(token)}\n`, set);
    const [good, bad] = a.findings.filter(isTokenFinding);
    assert.equal(keyLensTitle(good!.token), `✔ verified with ${hostile} · kid k1`);
    assert.equal(keyLensTitle(bad!.token), `✗ signature invalid (${hostile} · kid k1)`);
    const md = hoverMarkdown(good!, LINKS);
    const outside = md.replace(/(`+)[\s\S]*?\1/g, '');
    // Escaped as text: every < and ] is preceded by a backslash.
    assert.doesNotMatch(outside, /(^|[^\\])<img|[^\\]\]\(command:evil/);
    assert.ok(outside.includes('\\<img src\\=x\\>'));
    assert.doesNotMatch(md, /\[Verify signature…\]/, 'nothing to ask once verified');
    assert.match(hoverMarkdown(bad!, LINKS), /\[Verify again…\]\(command:v\?/);
    const html = renderPanel(buildPanelModel([{ finding: bad!, raw: 'x' }], { source: 'x', now: NOW, leeway: 60, all: a.findings }), RES);
    assert.match(html, /<span class="badge invalid">invalid<\/span>/);
    assert.match(html, /Keys tried, in order/);
    assert.ok(!html.includes('<img src=x>'), 'key names are escaped in the panel');
    assert.ok(html.includes('&#60;img src=x&#62;'));
  });

  it('a verified token beside an error: the panel shows what was ruled out, the hover says it in a line', async () => {
    const token = await signWith('ES256', k.p256.privateJwk, claims, { kid: 'k1' });
    const text = `Authorization: Bearer ${token}\nHTTP/1.1 401\nWWW-Authenticate: Bearer error="invalid_token", error_description="bad signature"\n`;
    const a = await withChecks(text, keysFromJson({ keys: [withKid(k.p256.publicJwk, 'k1')] }, 'jwks').keys);
    const err = a.findings.find((f) => f.kind === 'auth-challenge')!;
    assert.ok(err.ruledOut?.length);
    assert.match(hoverMarkdown(err, LINKS), /Ruled out: The signature does not verify/);
    const html = renderPanel(buildPanelModel([{ finding: err, raw: 'x' }], { source: 'x', now: NOW, leeway: 60, all: a.findings }), RES);
    assert.match(html, /<h3>Ruled out<\/h3>/);
  });

  it('a decrypted JWE: the lens and hover speak of the decryption and the token inside', async () => {
    const inner = await signWith('ES256', k.p256.privateJwk, claims, { kid: 'k1' });
    const cek = new Uint8Array(32).fill(3);
    const jwe = await encryptTo('dir', 'A256GCM', cek, inner);
    const a = await withChecks(jwe, [secretKey(cek, 'cek'), ...keysFromJson({ keys: [withKid(k.p256.publicJwk, 'k1')] }, 'jwks').keys]);
    const f = a.findings.find(isTokenFinding)!;
    assert.equal(keyLensTitle(f.token), '✔ decrypted with cek · ✔ verified with jwks · kid k1');
    const md = hoverMarkdown(f, LINKS);
    assert.match(md, /\*\*✔ decrypted with cek\*\* · the token inside: \*\*✔ verified with jwks · kid k1\*\*/);
    assert.match(md, /`https:\/\/idp\.example\/`/, 'the claims inside show');
    const html = renderPanel(buildPanelModel([{ finding: f, raw: 'x' }], { source: 'x', now: NOW, leeway: 60, all: a.findings }), RES);
    assert.match(html, /<h3>Encryption<\/h3>/);
    assert.match(html, /<h3>The token inside \(decrypted\)<\/h3>/);
    assert.doesNotMatch(html, /The payload is encrypted/);
  });

  it('an unsigned token (alg none) says so and offers nothing to verify', () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    const f = analyze(none, { now: NOW, leeway: 60 }).findings.find(isTokenFinding)!;
    const md = hoverMarkdown(f, LINKS);
    assert.ok(md.includes('**✗ unsigned \\(alg none\\)**'), md);
    assert.doesNotMatch(md, /Verify/);
    assert.equal(keyLensTitle(f.token), '✗ unsigned (alg none)');
  });

  it('the panel accepts only key actions it shows, for items it has', async () => {
    const token = await signWith('ES256', k.p256.privateJwk, claims);
    const f = analyze(token, { now: NOW, leeway: 60 }).findings[0]!;
    const model = buildPanelModel([{ finding: f, raw: token, target: { text: token } }], { source: 'x', now: NOW, leeway: 60, all: [f] });
    assert.deepEqual(parseMessage({ type: 'keys', action: 'verify', item: 0 }, model), { type: 'keys', action: 'verify', item: 0 });
    for (const bad of [
      { type: 'keys', action: 'verify', item: 1 },
      { type: 'keys', action: 'rm -rf', item: 0 },
      { type: 'keys', action: 'verify', item: '0' },
      { type: 'keys', action: 'verify', item: 0, extra: 1 },
    ]) {
      assert.equal(parseMessage(bad, model), undefined, JSON.stringify(bad));
    }
  });
});
