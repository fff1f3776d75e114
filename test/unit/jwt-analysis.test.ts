import assert from 'node:assert/strict';
import { findTokens } from '../../src/core/jwt/find';
import { describeClaim, describeHeader } from '../../src/core/jwt/claims';
import { readTime } from '../../src/core/jwt/times';
import { duration, isoUtc, relative } from '../../src/core/text/time';
import { type Finding, tokenOf } from '../../src/core/model';
import { MAX_JSON_DEPTH, jsonDepth } from '../../src/core/text/depth';
import { redactToken } from '../../src/core/redact';
import { NOW, hs } from './helpers/tokens';

const scan1 = (text: string, leeway = 60): Finding => {
  const f = findTokens(text, { now: NOW, leeway });
  assert.equal(f.length, 1, `one token expected, got ${f.length}`);
  return f[0]!;
};
const ids = (f: Finding) => f.causes.map((c) => c.id);

describe('time claims', () => {
  it('formats times in ISO-8601 UTC and relative words', () => {
    assert.equal(isoUtc(1_795_300_000), '2026-11-21T22:26:40Z');
    assert.equal(duration(3 * 3600 + 12 * 60 + 5), '3 h 12 min');
    assert.equal(duration(2 * 86400 + 4 * 3600), '2 d 4 h');
    assert.equal(duration(45), '45 s');
    assert.equal(relative(NOW - 3600, NOW), '1 h ago');
    assert.equal(relative(NOW + 300, NOW), 'in 5 min');
    assert.equal(isoUtc(1e20), undefined, 'out-of-range dates do not throw');
  });

  it('reads times written as numbers, strings, ISO dates and milliseconds', () => {
    assert.deepEqual(
      [
        readTime('exp', NOW, NOW).problem,
        readTime('exp', String(NOW), NOW).problem,
        readTime('exp', NOW * 1000, NOW).problem,
        readTime('exp', 'soon', NOW).problem,
      ],
      [undefined, 'string', 'milliseconds', 'not-a-number'],
    );
    assert.equal(readTime('exp', NOW * 1000, NOW).seconds, NOW);
  });

  it('reads NumericDates as seconds up to 9999-12-31, milliseconds only where seconds are absurd, and says when a time is out of range', () => {
    // 253402300799 is the last second of 9999 (RFC 7519 NumericDate), not 1978 in milliseconds.
    const y9999 = readTime('exp', 253402300799, NOW);
    assert.equal(y9999.problem, undefined);
    assert.equal(y9999.iso, '9999-12-31T23:59:59Z');
    assert.match(y9999.relative ?? '', /^in 79\d\d y/);
    for (const raw of [1e308, Infinity, 1e13 * 1000, -1e15]) {
      const t = readTime('exp', raw, NOW);
      assert.equal(t.problem, 'out-of-range', String(raw));
      assert.equal(t.seconds, undefined, String(raw));
    }
    assert.equal(readTime('exp', 1e12 + 5, NOW).problem, 'milliseconds');
  });

  it('a claim nested 10,000 levels deep is cut at 32 levels where it is decoded: no stack overflow anywhere after', () => {
    const b64 = (x: string) => Buffer.from(x).toString('base64url');
    const deep = (n: number) => '['.repeat(n) + '1' + ']'.repeat(n);
    const objects = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const token = `${b64('{"alg":"HS256"}')}.${b64(`{"sub":"u","exp":${deep(10_000)},"x":${objects(10_000)}}`)}.${b64('x'.repeat(32))}`;
    const f = scan1(`Bearer ${token}`);
    const report = tokenOf(f)!;
    assert.equal(jsonDepth(report.claims), MAX_JSON_DEPTH, 'cut at 32 levels, the claims object counted');
    assert.match(JSON.stringify(report.claims), /nested deeper than 32 levels/);
    assert.match(f.summary, /malformed/);
    assert.ok(f.causes.length > 0);
    assert.ok(redactToken(report).length > 0, 'the redacted copy is built');
  });

  it('a token whose exp is 1e400 (Infinity once parsed) says out of range, not null or expired', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const token = `${b64('{"alg":"HS256","typ":"JWT"}')}.${b64('{"sub":"u","exp":1e400}')}.${b64('x'.repeat(32))}`;
    const f = scan1(`Bearer ${token}`);
    const report = tokenOf(f)!;
    assert.equal(report.times[0]?.problem, 'out-of-range');
    assert.ok(!ids(f).includes('token.expired'), ids(f).join(', '));
    assert.ok(
      f.causes.some((c) => c.evidence.some((e) => /out of the range of dates/.test(e))),
      JSON.stringify(f.causes),
    );
    assert.doesNotMatch(f.summary, /null|e\+\d/);
    assert.equal(readTime('iat', '2026-11-21T22:26:40Z', NOW).seconds, NOW);
  });

  it('names an expired token with evidence and honours the leeway', async () => {
    const f = scan1(await hs({ sub: 'a', scope: 'x', iat: NOW - 7200, exp: NOW - 3600 }));
    assert.equal(ids(f)[0], 'token.expired');
    assert.match(f.causes[0]!.evidence[0]!, /exp 2026-11-21T21:26:40Z is 1 h before now/);
    assert.match(f.summary, /expired 1 h ago/);
    const g = await hs({ sub: 'a', exp: NOW - 30 });
    assert.ok(!ids(scan1(g, 60)).includes('token.expired'), 'within leeway');
    assert.ok(ids(scan1(g, 0)).includes('token.expired'), 'without leeway');
  });

  it('names a token that is not valid yet (nbf or iat in the future)', async () => {
    const f = scan1(await hs({ sub: 'a', nbf: NOW + 600, exp: NOW + 4000 }));
    assert.equal(ids(f)[0], 'token.not-yet-valid');
    const g = scan1(await hs({ sub: 'a', iat: NOW + 900, exp: NOW + 4000 }));
    assert.equal(ids(g)[0], 'token.not-yet-valid');
  });

  it('computes the lifetime and warns about long ones', async () => {
    const f = scan1(await hs({ sub: 'a', scope: 'x', iat: NOW, exp: NOW + 30 * 86400 }));
    assert.equal(tokenOf(f)?.lifetimeSeconds, 30 * 86400);
    assert.ok(tokenOf(f)?.notes.some((n) => n.code === 'long-lifetime'));
  });
});

describe('token types', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>, string]> = [
    ['RFC 9068 access token', { typ: 'at+jwt' }, { sub: 'a', client_id: 'c' }, 'access-token'],
    ['access token with scp', {}, { sub: 'a', scp: 'User.Read', tid: 't' }, 'access-token'],
    ['ID token with nonce', {}, { iss: 'https://i', sub: 'a', aud: 'c', nonce: 'n', exp: NOW + 60 }, 'id-token'],
    ['Cognito ID token', {}, { sub: 'a', token_use: 'id' }, 'id-token'],
    ['Keycloak refresh token', {}, { sub: 'a', typ: 'Refresh' }, 'refresh-token'],
    ['client assertion', {}, { iss: 'app', sub: 'app', aud: 'https://idp/oauth2/token', jti: 'j', exp: NOW + 60 }, 'client-assertion'],
    ['logout token', { typ: 'logout+jwt' }, { iss: 'i', events: { 'http://schemas.openid.net/event/backchannel-logout': {} } }, 'logout-token'],
    ['DPoP proof', { typ: 'dpop+jwt' }, { htm: 'POST', htu: 'https://r', jti: 'j', iat: NOW }, 'dpop-proof'],
    ['unknown', {}, { foo: 1 }, 'unknown'],
  ];
  for (const [name, header, claims, type] of cases) {
    it(`infers ${name}`, async () => {
      const f = scan1(await hs(claims, header));
      assert.equal(tokenOf(f)?.type.type, type, tokenOf(f)?.type.reason);
      assert.ok(tokenOf(f)!.type.reason.length > 5);
    });
  }

  it('names an ID token sent as a bearer access token as the wrong type', async () => {
    const tok = await hs({ iss: 'https://i', sub: 'a', aud: 'c', nonce: 'n', exp: NOW + 600 });
    assert.equal(ids(scan1(`Authorization: Bearer ${tok}`))[0], 'token.wrong-type');
  });
});

describe('client assertions', () => {
  it('explains exp and iat written as strings or milliseconds', async () => {
    const f = scan1(`client_assertion=${await hs({ iss: 'app', sub: 'app', aud: 'https://idp/token', jti: 'j', iat: String(NOW), exp: (NOW + 300) * 1000 })}`);
    assert.equal(ids(f)[0], 'client.assertion-claims');
    const ev = f.causes[0]!.evidence.join(' ');
    assert.match(ev, /iat is the string/);
    assert.match(ev, /exp .* is in milliseconds/);
  });

  it('names iss differing from sub, a missing jti and a long lifetime', async () => {
    const f = scan1(`client_assertion=${await hs({ iss: 'app', sub: 'other', aud: 'https://idp/token', iat: NOW, exp: NOW + 3 * 86400 })}`);
    const ev = f.causes.find((c) => c.id === 'client.assertion-claims')!.evidence.join(' ');
    assert.match(ev, /iss "app" and sub "other" differ/);
    assert.match(ev, /no jti/);
    assert.match(ev, /lifetime is 3 d/);
  });

  it('leaves a correct assertion without causes', async () => {
    const f = scan1(`client_assertion=${await hs({ iss: 'app', sub: 'app', aud: 'https://idp/token', jti: 'j1', iat: NOW, exp: NOW + 300 })}`);
    assert.deepEqual(f.causes, []);
  });
});

describe('security notes', () => {
  it('warns about keys carried in the header and suspicious kid values', async () => {
    const f = scan1(await hs({ sub: 'a', exp: NOW + 60 }, { jku: 'https://evil/jwks', kid: '../../dev/null' }));
    const codes = tokenOf(f)!.notes.map((n) => n.code);
    assert.ok(codes.includes('header-jku'));
    assert.ok(codes.includes('kid-suspicious'));
  });
  it('warns about a missing exp and typ confusion', async () => {
    const f = scan1(await hs({ sub: 'a', nonce: 'n' }, { typ: 'at+jwt' }));
    const codes = tokenOf(f)!.notes.map((n) => n.code);
    assert.ok(codes.includes('no-exp'));
    assert.ok(codes.includes('typ-confusion'));
  });
});

describe('claim descriptions', () => {
  it('describes registered, OIDC, RFC 9068, RFC 8693 and provider claims', () => {
    for (const c of ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'nonce', 'azp', 'at_hash', 'scope', 'scp', 'roles', 'act', 'may_act', 'tid', 'cnf']) {
      assert.ok(describeClaim(c), c);
    }
    assert.equal(describeClaim('toString'), undefined, 'no prototype keys');
    assert.ok(describeHeader('kid'));
  });
});

describe('isoUtc', () => {
  it('agrees with Date for dates across four centuries and leap days', () => {
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      const s = (x % 12_000_000) * 1000 - 2_000_000_000 * (i % 2) + 1_000_000_000;
      const want = new Date(s * 1000).toISOString().replace('.000Z', 'Z');
      if (!want.startsWith('-') && !want.startsWith('+')) assert.equal(isoUtc(s), want, String(s));
    }
    assert.equal(isoUtc(951782400), '2000-02-29T00:00:00Z');
    assert.equal(isoUtc(0), '1970-01-01T00:00:00Z');
  });
});
