import assert from 'node:assert/strict';
import { base64url } from 'jose';
import { findTokens } from '../../src/core/jwt/find';
import { analyze } from '../../src/core/analysis/analyze';
import { type Finding, tokenOf } from '../../src/core/model';
import { KEYS_TIMEOUT_MS, NOW, WORK_TIMEOUT_MS, tokens, type Made } from './helpers/tokens';

const opts = { now: NOW, leeway: 60 };
const find = (text: string): Finding[] => findTokens(text, opts);
const b64 = (s: string) => base64url.encode(s);

/** Asserts exactly one token finding whose span is exactly `token` inside `text`. */
function one(text: string, token: string): Finding {
  const found = find(text);
  assert.equal(found.length, 1, `expected one token in ${JSON.stringify(text.slice(0, 80))}, got ${found.length}`);
  const f = found[0]!;
  assert.equal(text.slice(f.start, f.end), token);
  return f;
}

describe('token detection', () => {
  let t: Made;
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    t = await tokens();
  });

  it('finds every signature algorithm family with the exact span and decoded header', () => {
    for (const [name, alg] of [
      ['hs256', 'HS256'],
      ['hs512', 'HS512'],
      ['rs256', 'RS256'],
      ['ps384', 'PS384'],
      ['es256', 'ES256'],
      ['es512', 'ES512'],
      ['eddsa', 'EdDSA'],
    ] as const) {
      const f = one(`token: ${t[name]} end`, t[name]);
      assert.equal(f.kind, 'jwt', name);
      assert.equal(f.token?.header?.alg, alg, name);
      assert.equal(f.token?.claims?.sub, 'user-1', name);
      assert.deepEqual(f.causes, [], `${name} has nothing wrong: ${JSON.stringify(f.causes)}`);
      assert.equal(f.token?.damage.length, 0, name);
    }
  });

  it('finds alg none with its empty signature and names the algorithm cause', () => {
    assert.ok(t.none.endsWith('.'));
    const f = one(`x=${t.none}&y=1`, t.none);
    assert.equal(tokenOf(f)?.header?.alg, 'none');
    assert.equal(f.causes[0]?.id, 'token.algorithm');
    assert.ok(tokenOf(f)?.notes.some((n) => n.code === 'alg-none'));
  });

  it('finds JWE tokens (RSA-OAEP-256, dir with an empty key, ECDH-ES) as five-part encrypted tokens', () => {
    for (const name of ['jweRsaOaep', 'jweDir', 'jweEcdh'] as const) {
      const f = one(`"id_token": "${t[name]}"`, t[name]);
      assert.equal(f.kind, 'jwe', name);
      assert.equal(f.token?.segmentCount, 5, name);
      assert.equal(typeof f.token?.header?.enc, 'string', name);
      assert.equal(f.token?.claims, undefined, name);
      assert.equal(f.token?.type.type, 'encrypted', name);
      assert.deepEqual(f.causes, [], name);
      assert.match(f.summary, /^JWE · .* · encrypted/);
    }
    assert.equal(tokenOf(find(t.jweRsaOaep)[0])?.isNested, true, 'cty JWT marks a nested token');
  });

  it('finds tokens in every common wrapping', () => {
    const tok = t.rs256;
    const wrappings = [
      `Authorization: Bearer ${tok}`,
      `{"access_token":"${tok}","token_type":"Bearer"}`,
      `GET /cb?code=abc&id_token=${tok}&state=xyz HTTP/1.1`,
      `https://app.example.com/cb#access_token=${tok}&token_type=bearer`,
      `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${tok}`,
      `Cookie: session=${tok}; theme=dark`,
      `const token = '${tok}';`,
      `token = "${tok}"  # python`,
      `auth:\n  token: ${tok}\n`,
      `API_TOKEN=${tok}\n`,
      `Use \`${tok}\` in the header.`,
      `${'x'.repeat(12000)} ${tok} ${'y'.repeat(12000)}`,
      `line one\r\nAuthorization: Bearer ${tok}\r\nline three\r\n`,
      `token%3D${tok}`,
      `"Bearer\\n${tok}"`,
    ];
    for (const w of wrappings) {
      const f = one(w, tok);
      assert.equal(tokenOf(f)?.header?.kid, 'key-1');
      assert.equal(tokenOf(f)?.damage.length, 0, `no damage in ${w.slice(0, 40)}: ${JSON.stringify(tokenOf(f)?.damage)}`);
    }
  });

  it('counts offsets in UTF-16 code units', () => {
    const text = `😀 é ${t.hs256}`;
    const f = one(text, t.hs256);
    assert.equal(f.start, 5);
  });

  it('never reports look-alikes', () => {
    const noise = [
      'com.example.app.MainActivity org.eyJava.util',
      'version 1.2.3 and 10.0.0.1 and 2001:db8::1',
      'report.final.v2.pdf archive.tar.gz',
      'SGVsbG8gd29ybGQgdGhpcyBpcyBqdXN0IGJhc2U2NA==',
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      '123e4567-e89b-12d3-a456-426614174000',
      'sk_live_51H8eyJxY2ZkZGZ3ZXJ3ZXJ3ZXJ3ZXI.abc.def AKIAIOSFODNN7EXAMPLE ghp_eyJ1234567890abcdef',
      `docker auth ${b64('{"auths":{"registry":{"auth":"abc"}}}')}.${b64('{"x":1}')}.sig`,
      `${b64('{"foo":"bar"}')}.${b64('{"sub":"1"}')}.c2ln`,
      'eyJ eyJa eyJhbGciOiJIUz eyJ.eyJ.eyJ',
      'xeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
    ];
    for (const n of noise) assert.deepEqual(find(n), [], n);
  });
});

describe('damaged tokens', () => {
  let t: Made;
  before(async function () {
    this.timeout(KEYS_TIMEOUT_MS);
    t = await tokens();
  });
  const causeIds = (f: Finding) => f.causes.map((c) => c.id);

  it('names a token cut inside its payload as truncated and shows what could be read', () => {
    const cut = t.hs256.slice(0, t.hs256.indexOf('.') + 20);
    const f = one(`token=${cut}\n`, cut);
    assert.equal(causeIds(f)[0], 'token.truncated');
    assert.equal(tokenOf(f)?.header?.alg, 'HS256', 'the good header is still shown');
    assert.match(tokenOf(f)?.payloadText ?? '', /^\{"sub":"user-/, 'the readable start of the payload is shown');
    assert.ok(tokenOf(f)?.segmentErrors.some((e) => e.name === 'payload'));
  });

  it('names a signature shorter than its alg needs as truncated', () => {
    const cut = t.es256.slice(0, -20);
    const f = one(cut, cut);
    assert.equal(causeIds(f)[0], 'token.truncated');
    assert.ok(
      tokenOf(f)?.segmentErrors.some((e) => e.name === 'signature'),
      JSON.stringify(tokenOf(f)?.segmentErrors),
    );
    const rs = t.rs256.slice(0, -100);
    assert.equal(causeIds(one(rs, rs))[0], 'token.truncated');
  });

  it('names a token that ends after its payload or inside its header as truncated', () => {
    const twoParts = t.hs256.slice(0, t.hs256.lastIndexOf('.'));
    assert.equal(causeIds(one(twoParts, twoParts))[0], 'token.truncated');
    const header = t.rs256.split('.')[0]!; // {"alg":"RS256","kid":"key-1","typ":"at+jwt"}
    const cutHeader = header.slice(0, 30);
    const f = one(`Bearer ${cutHeader}`, cutHeader);
    assert.equal(causeIds(f)[0], 'token.truncated');
  });

  it('joins a token broken across lines (also after a backslash) and names it altered', () => {
    const tok = t.rs256;
    for (const sep of ['\n', '\r\n    ', '\\\n', ' \\\n  '.slice(1)]) {
      const text = `curl -H "Authorization: Bearer ${tok.slice(0, 50)}${sep}${tok.slice(50, 200)}${sep}${tok.slice(200)}"\nnext line`;
      const f = find(text);
      assert.equal(f.length, 1, JSON.stringify(sep));
      assert.equal(causeIds(f[0]!)[0], 'token.altered', JSON.stringify(sep));
      assert.equal(tokenOf(f[0])?.claims?.sub, 'user-1');
      assert.ok(tokenOf(f[0])?.damage.some((d) => d.kind === 'line-break'));
      assert.equal(text.slice(f[0]!.end, f[0]!.end + 1), '"', 'the span ends where the token ends');
    }
  });

  it('does not read past a complete token into the next line', () => {
    const text = `${t.hs256}\nnextword and more`;
    const f = one(text, t.hs256);
    assert.deepEqual(f.causes, []);
  });

  it('names percent-encoded, standard-base64 and padded tokens', () => {
    const pct = t.hs256.replace(/\./g, '%2E');
    const f1 = one(`?t=${pct}&x`, pct);
    assert.equal(causeIds(f1)[0], 'token.altered');
    const std = t.rs256.replace(/-/g, '+').replace(/_/g, '/');
    assert.notEqual(std, t.rs256, 'the test token must contain - or _');
    const f2 = one(`${std} `, std);
    assert.equal(causeIds(f2)[0], 'token.malformed');
    assert.ok(tokenOf(f2)?.damage.some((d) => d.kind === 'standard-base64'));
  });

  it('names quotes, spaces and a doubled Bearer around a token as altered', () => {
    const tok = t.hs256;
    for (const text of [`Authorization: Bearer Bearer ${tok}`, `Authorization: Bearer "${tok}"`, `{"token": " ${tok}"}`, `token = '${tok} '`]) {
      const f = one(text, tok);
      assert.equal(causeIds(f)[0], 'token.altered', text.slice(0, 40));
    }
  });

  it('names an undecodable payload as malformed while still showing the header', () => {
    const [h, , s] = t.hs256.split('.');
    const bad = `${h}.${b64('not json at all')}.${s}`;
    const f = one(bad, bad);
    assert.equal(causeIds(f)[0], 'token.malformed');
    assert.equal(tokenOf(f)?.header?.alg, 'HS256');
    assert.equal(tokenOf(f)?.payloadText, 'not json at all');
  });

  it('decodes a nested JWT carried as a JWS payload', () => {
    const outer = t.nested; // ES256 over the bytes of t.hs256, no cty header
    const f = one(outer, outer);
    assert.equal(tokenOf(f)?.isNested, true);
    assert.equal(tokenOf(f)?.nested?.claims?.sub, 'user-1');
  });

  it('never throws and stays bounded on hostile input', function () {
    this.timeout(WORK_TIMEOUT_MS);
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alphabet = 'eyJabc.-_+/=%\\\n\r "\'{}:0123456789';
    for (let i = 0; i < 300; i++) {
      let s = '';
      const n = Math.floor(rnd() * 400);
      for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
      if (i % 3 === 0) s += t.hs256.slice(0, Math.floor(rnd() * t.hs256.length));
      assert.doesNotThrow(() => analyze(s, opts));
    }
    for (const s of [
      'eyJa'.repeat(50000),
      '.'.repeat(100000),
      `${'eyJhbGciOiJub25lIn0.'.repeat(20000)}`,
      `eyJhbGciOiJIUzI1NiJ9.eyJ\n`.repeat(5000),
      '\uD800eyJ\uDFFF',
      '\u202eeyJhbGciOiJIUzI1NiJ9.e30.\u202c',
    ]) {
      assert.doesNotThrow(() => analyze(s, opts));
    }
  });

  it('stops when cancelled', () => {
    const text = `${t.hs256}\n`.repeat(5000);
    let polls = 0;
    const r = analyze(text, { ...opts, isCancelled: () => ++polls > 1 });
    assert.ok(r.findings.length < 5000, `found ${r.findings.length}`);
    assert.equal(r.cancelled, true);
  });
});
