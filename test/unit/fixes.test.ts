import * as assert from 'node:assert/strict';
import { analyze } from '../../src/core/analysis/analyze';
import type { AnalysisOptions, Finding, Mistake } from '../../src/core/model';
import { NOW, hs, WORK_TIMEOUT_MS } from './helpers/tokens';

/** The token-request findings of the one analysis. */
function findTokenRequests(text: string, options: AnalysisOptions): Finding[] {
  return analyze(text, { strict: true, ...options }).findings.filter((f) => f.kind === 'token-request');
}

function run(text: string, extra: Partial<AnalysisOptions> = {}): Mistake[] {
  return [...analyze(text, { now: NOW, leeway: 60, randomId: () => 'RANDOM-ID', strict: true, ...extra }).mistakes];
}

/** The text after the problem's fix number `i` (default the preferred one). */
function applyFix(text: string, p: Mistake, i?: number): string {
  const fix = i === undefined ? (p.fixes.find((f) => f.preferred) ?? p.fixes[0]) : p.fixes[i];
  assert.ok(fix, `no fix for: ${p.message}`);
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Exactly one problem; returns it after checking its cause and underlined text. */
function one(text: string, cause: string, underlined: string, extra: Partial<AnalysisOptions> = {}): Mistake {
  const ps = run(text, extra);
  assert.equal(ps.length, 1, `expected one problem, got ${ps.length}: ${ps.map((p) => `${p.causeId} ${p.message}`).join(' | ')}`);
  const p = ps[0]!;
  assert.equal(p.causeId, cause);
  assert.equal(text.slice(p.start, p.end), underlined);
  return p;
}

function clean(text: string, extra: Partial<AnalysisOptions> = {}): void {
  const ps = run(text, extra);
  assert.deepEqual(
    ps.map((p) => `${p.causeId}: ${p.message}`),
    [],
  );
}

const HTTP = { languageId: 'plaintext', fileName: '/w/token.http' };
const TS = { languageId: 'typescript', fileName: '/w/auth.ts' };
const PY = { languageId: 'python', fileName: '/w/auth.py' };
const JSONF = { languageId: 'json', fileName: '/w/claims.json' };

describe('fixes: messages never hold a whole token', () => {
  it('a JWT sent as client_assertion_type is quoted by its first characters in the message, the finding and its summary', async () => {
    const jwt = await hs({ iss: 'app', sub: 'app', aud: 'https://idp.example.com/token', iat: NOW, exp: NOW + 300, jti: 'j' });
    const text = `grant_type=client_credentials&client_id=app&client_assertion_type=${jwt}&client_assertion=x\n`;
    const a = analyze(text, { now: NOW, leeway: 60, strict: true });
    const said = [...a.mistakes.map((m) => m.message), ...a.findings.flatMap((f) => [f.summary, ...f.causes.flatMap((c) => c.evidence)])];
    assert.ok(
      a.mistakes.some((m) => m.causeId === 'client.assertion-type'),
      said.join(' | '),
    );
    for (const s of said) {
      assert.ok(!s.includes(jwt.slice(0, 40)), `a message holds 40 characters of the token: ${s}`);
    }
  });
});

describe('fixes: parameters named like Object.prototype members', () => {
  it('a constructor or toString parameter is an unknown parameter, and the other mistakes still show', () => {
    for (const body of [
      'grant_type=client_credentials&constructor=1&client_id=app&scope=a,b',
      '{"grant_type":"client_credentials","constructor":"x","hasOwnProperty":1,"scope":"a,b"}',
    ]) {
      const found = run(body);
      assert.ok(
        found.some((p) => /comma/i.test(p.message)),
        `${body}: ${found.map((p) => p.message).join(' | ') || 'nothing'}`,
      );
    }
    assert.deepEqual(
      run('grant_type=constructor').map((p) => p.causeId),
      [],
    );
  });
});

describe('fixes: token request parameters', () => {
  it('grant_type misspelled in a form body → the registered value', () => {
    const text =
      'POST https://idp.example.com/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credential&client_id=app&client_secret=s3cret\n';
    const p = one(text, 'grant.unsupported', 'client_credential', HTTP);
    assert.equal(p.error, 'unsupported_grant_type');
    assert.match(p.message, /"client_credentials"/);
    assert.equal(applyFix(text, p), text.replace('client_credential&', 'client_credentials&'));
  });

  it('grant_type in the wrong case, with stray spaces, with dashes, short URN forms', () => {
    const cases: Array<[string, string]> = [
      ['Client_Credentials', 'client_credentials'],
      ['refresh-token', 'refresh_token'],
      ['device_code', 'urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code'],
      ['jwt-bearer', 'urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer'],
      ['client_credentials+', 'client_credentials'],
    ];
    for (const [bad, good] of cases) {
      const text = `grant_type=${bad}&client_id=app&client_secret=x&refresh_token=r&device_code=d&assertion=a\n`;
      const ps = run(text, HTTP).filter((p) => p.causeId === 'grant.unsupported');
      assert.equal(ps.length, 1, bad);
      assert.equal(applyFix(text, ps[0]!), text.replace(`=${bad}&`, `=${good}&`), bad);
    }
  });

  it('authorization-code in a JSON body keeps the JSON quotes', () => {
    const text =
      'POST https://idp.example.com/token\nContent-Type: application/json\n\n{\n  "grant_type": "authorization-code",\n  "code": "abc",\n  "redirect_uri": "https://app.example.com/cb"\n}\n';
    const p = one(text, 'grant.unsupported', 'authorization-code', HTTP);
    assert.equal(applyFix(text, p), text.replace('authorization-code', 'authorization_code'));
  });

  it('client_assertion_type misspelled (the grant-type URN) → the client-assertion-type URN, encoded like the body', () => {
    const text =
      'grant_type=client_credentials&client_id=app&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&client_assertion=eyJhbGciOi.x.y\n';
    const p = one(text, 'client.assertion-type', 'urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer', HTTP);
    assert.equal(p.error, 'invalid_client');
    assert.equal(applyFix(text, p), text.replace('grant-type%3Ajwt-bearer', 'client-assertion-type%3Ajwt-bearer'));
  });

  it('client_assertion_type unencoded stays unencoded', () => {
    const text = 'grant_type=client_credentials&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt_bearer&client_assertion=abc\n';
    const p = one(text, 'client.assertion-type', 'urn:ietf:params:oauth:client-assertion-type:jwt_bearer', HTTP);
    assert.equal(applyFix(text, p), text.replace('jwt_bearer', 'jwt-bearer'));
  });

  it('parameter names in the wrong case or misspelled → the registered name', () => {
    const text = 'grant_type=authorization_code&code=abc&redirect_url=https%3A%2F%2Fapp%2Fcb&Client_Id=app\n';
    const ps = run(text, HTTP);
    assert.deepEqual(
      ps.map((p) => [p.causeId, text.slice(p.start, p.end)]),
      [
        ['request.invalid', 'redirect_url'],
        ['request.invalid', 'Client_Id'],
      ],
    );
    assert.equal(applyFix(text, ps[0]!), text.replace('redirect_url', 'redirect_uri'));
    assert.equal(applyFix(text, ps[1]!), text.replace('Client_Id', 'client_id'));
  });

  it('clientId among snake_case keys of URLSearchParams → client_id', () => {
    const text = "const body = new URLSearchParams({\n  grant_type: 'client_credentials',\n  clientId: 'app',\n  client_secret: secret,\n});\n";
    const p = one(text, 'request.invalid', 'clientId', TS);
    assert.equal(applyFix(text, p), text.replace('clientId', 'client_id'));
  });

  it('camelCase SDK options objects are not renamed', () => {
    clean(
      "const msal = new ConfidentialClientApplication({ auth: { clientId: 'app', clientSecret: secret, authority } });\nawait oauth.getToken({ grantType: 'client_credentials', clientId: 'app' });\n",
      TS,
    );
  });

  it('missing code and redirect_uri for authorization_code (redirect_uri taken from the authorize request)', () => {
    const text =
      'GET https://idp.example.com/authorize?response_type=code&client_id=app&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&scope=openid\n\n###\n\nPOST https://idp.example.com/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=authorization_code&client_id=app\n';
    const ps = run(text, HTTP);
    assert.deepEqual(
      ps.map((p) => [p.causeId, text.slice(p.start, p.end)]),
      [
        ['request.invalid', 'grant_type=authorization_code'],
        ['request.invalid', 'grant_type=authorization_code'],
      ],
    );
    assert.match(ps[0]!.message, /no code/);
    assert.equal(applyFix(text, ps[0]!), text.replace('client_id=app\n', 'client_id=app&code=AUTHORIZATION_CODE\n'));
    assert.equal(applyFix(text, ps[1]!), text.replace('client_id=app\n', 'client_id=app&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb\n'));
  });

  it('missing refresh_token, device_code, and code_verifier after a PKCE authorize request', () => {
    const refresh = 'grant_type=refresh_token&client_id=app\n';
    assert.equal(
      applyFix(refresh, one(refresh, 'request.invalid', 'grant_type=refresh_token', HTTP)),
      'grant_type=refresh_token&client_id=app&refresh_token=REFRESH_TOKEN\n',
    );
    const device = 'grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=app\n';
    const dp = one(device, 'request.invalid', 'grant_type=urn:ietf:params:oauth:grant-type:device_code', HTTP);
    assert.equal(applyFix(device, dp), device.replace('\n', '&device_code=DEVICE_CODE\n'));
    const pkce =
      'GET https://idp/authorize?response_type=code&client_id=app&redirect_uri=https://app/cb&code_challenge=abc&code_challenge_method=S256\n\nPOST https://idp/token\n\ngrant_type=authorization_code&code=xyz&redirect_uri=https://app/cb&client_id=app\n';
    const pp = one(pkce, 'request.invalid', 'grant_type=authorization_code', HTTP);
    assert.match(pp.message, /code_verifier/);
    assert.equal(applyFix(pkce, pp), pkce.replace('client_id=app\n', 'client_id=app&code_verifier=CODE_VERIFIER\n'));
  });

  it('.http bodies split across lines get the new parameter on a line of its own', () => {
    const text = 'POST https://idp/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=refresh_token\n&client_id=app\n';
    const p = one(text, 'request.invalid', 'grant_type=refresh_token', HTTP);
    assert.equal(applyFix(text, p), `${text}&refresh_token=REFRESH_TOKEN\n`);
  });

  it('client_assertion without its type → adds the type (in a Python dict, same quotes)', () => {
    const text = "r = requests.post(url, data={\n    'grant_type': 'client_credentials',\n    'client_assertion': assertion,\n})\n";
    const p = one(text, 'client.assertion-type', "'grant_type': 'client_credentials'", PY);
    assert.equal(
      applyFix(text, p),
      "r = requests.post(url, data={\n    'grant_type': 'client_credentials',\n    'client_assertion': assertion,\n    'client_assertion_type': 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',\n})\n",
    );
  });

  it('redirect_uri differing from the authorize request → the authorize value', () => {
    const text =
      'GET https://idp/authorize?response_type=code&client_id=app&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback\n\nPOST https://idp/token\n\ngrant_type=authorization_code&code=xyz&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%2F&client_id=app\n';
    const p = one(text, 'grant.invalid', 'https%3A%2F%2Fapp.example.com%2Fcallback%2F', HTTP);
    assert.equal(p.error, 'invalid_grant');
    assert.match(p.message, /trailing slash/);
    assert.equal(applyFix(text, p), text.replace('callback%2F&', 'callback&'));
  });

  it('scopes separated by commas → spaces, encoded like the body', () => {
    const form = 'grant_type=client_credentials&scope=read,write&client_id=a&client_secret=b\n';
    assert.equal(applyFix(form, one(form, 'request.invalid-scope', 'read,write', HTTP)), form.replace('read,write', 'read+write'));
    const pct = 'grant_type=client_credentials&scope=openid%2C%20email&client_id=a&client_secret=b\n';
    assert.equal(applyFix(pct, one(pct, 'request.invalid-scope', 'openid%2C%20email', HTTP)), pct.replace('openid%2C%20email', 'openid%20email'));
    const code = "body.append('grant_type', 'client_credentials');\nbody.append('scope', 'a, b');\n";
    assert.equal(applyFix(code, one(code, 'request.invalid-scope', 'a, b', TS)), code.replace('a, b', 'a b'));
  });

  it('curl: -d form values and --data-urlencode raw values', () => {
    const text =
      "curl -X POST https://idp.example.com/oauth/token \\\n  -d 'grant_type=password' \\\n  -d 'username=u' \\\n  --data-urlencode 'scope=openid,profile'\n";
    const ps = run(text, { fileName: '/w/x.sh' });
    assert.deepEqual(
      ps.map((p) => [p.causeId, text.slice(p.start, p.end)]),
      [
        ['request.invalid', 'grant_type=password'],
        ['request.invalid-scope', 'openid,profile'],
      ],
    );
    assert.match(ps[0]!.message, /no password/);
    assert.equal(applyFix(text, ps[0]!), text.replace("'scope=openid,profile'", "'scope=openid,profile' --data-urlencode 'password=PASSWORD'"));
    assert.equal(applyFix(text, ps[1]!), text.replace('openid,profile', 'openid profile'));
  });

  it('params.append runs: a missing parameter is appended like the others', () => {
    const text =
      "const params = new URLSearchParams();\nparams.append('grant_type', 'refresh_token');\nparams.append('client_id', clientId);\nawait fetch(url, { method: 'POST', body: params });\n";
    const p = one(text, 'request.invalid', "'grant_type', 'refresh_token'", TS);
    assert.equal(applyFix(text, p), text.replace('clientId);\n', "clientId);\nparams.append('refresh_token', 'REFRESH_TOKEN');\n"));
  });
});

describe('fixes: claims sets and client assertions', () => {
  it('exp/iat as strings → numbers (JSON)', () => {
    const text =
      '{\n  "iss": "app",\n  "sub": "app",\n  "aud": "https://idp.example.com/oauth2/token",\n  "jti": "1",\n  "iat": 1795299900,\n  "exp": "1795300200"\n}\n';
    const p = one(text, 'client.assertion-claims', '"1795300200"', JSONF);
    assert.match(p.message, /string/);
    assert.equal(applyFix(text, p), text.replace('"1795300200"', '1795300200'));
  });

  it('milliseconds (13 digits) → seconds', () => {
    const text = '{"iss": "app", "sub": "app", "aud": "https://idp/token", "jti": "1", "iat": 1795299900000, "exp": 1795300200}';
    const p = one(text, 'client.assertion-claims', '1795299900000', JSONF);
    assert.equal(applyFix(text, p), text.replace('1795299900000', '1795299900'));
  });

  it('Date.now() without / 1000 → Math.floor(Date.now() / 1000), offsets in ms converted', () => {
    const text =
      "const claims = {\n  iss: clientId,\n  sub: clientId,\n  aud: tokenUrl,\n  jti: randomUUID(),\n  iat: Date.now(),\n  exp: Date.now() + 5 * 60 * 1000,\n};\nconst jwt = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).sign(key); // client_assertion\n";
    const ps = run(text, TS);
    assert.deepEqual(
      ps.map((p) => [p.causeId, text.slice(p.start, p.end)]),
      [
        ['client.assertion-claims', 'Date.now()'],
        ['client.assertion-claims', 'Date.now() + 5 * 60 * 1000'],
      ],
    );
    assert.equal(applyFix(text, ps[0]!), text.replace('iat: Date.now()', 'iat: Math.floor(Date.now() / 1000)'));
    assert.equal(applyFix(text, ps[1]!), text.replace('Date.now() + 5 * 60 * 1000', 'Math.floor(Date.now() / 1000) + 5 * 60'));
  });

  it('a variable holding Date.now() is read as milliseconds too', () => {
    const text =
      "const now = Date.now();\nconst assertion = await new SignJWT({ iss: 'app', sub: 'app', aud: 'https://idp/token', jti: id, iat: now, exp: now + 300 }).setProtectedHeader({ alg: 'ES256' }).sign(key);\n";
    const ps = run(text, TS);
    assert.deepEqual(
      ps.map((p) => text.slice(p.start, p.end)),
      ['now', 'now + 300'],
    );
    assert.equal(applyFix(text, ps[0]!), text.replace('iat: now', 'iat: Math.floor(now / 1000)'));
  });

  it('lifetime above the setting → iat + 600 (JSON) or base + 600 (code)', () => {
    const json = '{"iss": "app", "sub": "app", "aud": "https://idp/token", "jti": "1", "iat": 1795299900, "exp": 1795999900}';
    const p = one(json, 'client.assertion-claims', '1795999900', JSONF);
    assert.match(p.message, /8 d/);
    assert.equal(applyFix(json, p), json.replace('1795999900', '1795300500'));
    const code =
      "const claims = { iss: 'app', sub: 'app', aud: 'https://idp/token', jti: crypto.randomUUID(), iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60 * 60 * 24 * 365 };\n";
    const q = one(code, 'client.assertion-claims', 'Math.floor(Date.now() / 1000) + 60 * 60 * 24 * 365', TS);
    assert.equal(applyFix(code, q), code.replace(' + 60 * 60 * 24 * 365', ' + 600'));
    // The setting is honoured: one hour allowed, two hours flagged.
    const hours = "const claims = { iss: 'app', sub: 'app', aud: 'https://idp/token', jti: id, iat: now, exp: now + 7200 };\n";
    clean(hours, TS);
    one(hours, 'client.assertion-claims', 'now + 7200', { ...TS, maxLifetimeSeconds: 3600 });
  });

  it('iat in the future → now', () => {
    const json = '{"iss": "app", "sub": "app", "aud": "https://idp/token", "jti": "1", "iat": 1795390000, "exp": 1795390300}';
    const p = one(json, 'client.assertion-claims', '1795390000', JSONF);
    assert.match(p.message, /in the future/);
    assert.equal(applyFix(json, p), json.replace('1795390000', String(NOW)));
  });

  it('iss ≠ sub → both the client_id of the request in the same file', () => {
    const text =
      "const assertion = await new SignJWT({ iss: 'https://app.example.com', sub: 'orders-app', aud: 'https://idp/token', jti: id, iat, exp: iat + 300 }).setProtectedHeader({ alg: 'RS256' }).sign(key);\nconst body = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'orders-app', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion });\n";
    const p = one(text, 'client.assertion-claims', "'https://app.example.com'", TS);
    assert.equal(applyFix(text, p), text.replace("iss: 'https://app.example.com'", "iss: 'orders-app'"));
  });

  it('iss = sub but not the client_id sent with the request', () => {
    const text =
      "const a = await new SignJWT({ iss: 'old-app', sub: 'old-app', aud: 'https://idp/token', jti: id, iat, exp: iat + 300 }).setProtectedHeader({ alg: 'RS256' }).sign(key);\nconst body = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'new-app', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: a });\n";
    const p = one(text, 'client.assertion-claims', "'old-app'", TS);
    assert.equal(applyFix(text, p), text.replace(/old-app/g, 'new-app'));
  });

  it('missing jti → a random one (JSON literal, JS crypto.randomUUID(), Python uuid)', () => {
    const json = '{\n  "iss": "app",\n  "sub": "app",\n  "aud": "https://idp/token",\n  "iat": 1795299900,\n  "exp": 1795300200\n}\n';
    const p = one(json, 'client.assertion-claims', '{\n  "iss": "app"', JSONF);
    assert.equal(applyFix(json, p), json.replace('1795300200\n', '1795300200,\n  "jti": "RANDOM-ID"\n'));
    const js = '// client_assertion\nconst claims = { iss: id, sub: id, aud: url, iat: now, exp: now + 300 };\n';
    assert.equal(
      applyFix(js, one(js, 'client.assertion-claims', '{ iss: id, sub: id, aud: url, iat: now, exp: now + 300 }', TS)),
      js.replace('now + 300 }', 'now + 300, jti: crypto.randomUUID() }'),
    );
    const py =
      "import time\nimport jwt\n\nclaims = {\n    'iss': CLIENT_ID,\n    'sub': CLIENT_ID,\n    'aud': 'https://oauth2.googleapis.com/token',\n    'iat': int(time.time()),\n    'exp': int(time.time()) + 300,\n}\n";
    assert.equal(
      applyFix(py, one(py, 'client.assertion-claims', "{\n    'iss': CLIENT_ID", PY)),
      'import uuid\n' + py.replace('+ 300,\n}', "+ 300,\n    'jti': str(uuid.uuid4()),\n}"),
    );
  });

  it('aud not the token endpoint used in the file (trailing slash, case, another realm)', () => {
    const base = (aud: string) =>
      `const TOKEN = 'https://kc.example.com/realms/prod/protocol/openid-connect/token';\nconst claims = { iss: 'app', sub: 'app', aud: '${aud}', jti: id, iat: now, exp: now + 60 };\n`;
    for (const [aud, how] of [
      ['https://kc.example.com/realms/prod/protocol/openid-connect/token/', /trailing slash/],
      ['https://KC.example.com/realms/prod/protocol/openid-connect/token', /letter case/],
      ['https://kc.example.com/realms/dev/protocol/openid-connect/token', /another path/],
    ] as const) {
      const text = base(aud);
      const p = one(text, 'client.assertion-claims', `'${aud}'`, TS);
      assert.match(p.message, how);
      assert.equal(applyFix(text, p), base('https://kc.example.com/realms/prod/protocol/openid-connect/token'));
    }
    // The issuer (a prefix of the token endpoint) is accepted by servers: no problem.
    clean(base('https://kc.example.com/realms/prod'), TS);
  });

  it('a signed client assertion: explained, no edit, corrected claims to copy', async () => {
    const jwt = await hs({ iss: 'https://app.example.com', sub: 'app', aud: 'https://idp.example.com/token', iat: NOW - 10, exp: NOW + 90 * 86400 });
    const text = `POST https://idp.example.com/token\n\ngrant_type=client_credentials&client_id=app&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${jwt}\n`;
    const p = one(text, 'client.assertion-claims', jwt, HTTP);
    assert.equal(p.fixes.length, 0);
    assert.match(p.message, /cannot be edited in place/);
    assert.match(p.message, /no jti/);
    const copy = JSON.parse(p.copyText!);
    assert.deepEqual(copy, { iss: 'app', sub: 'app', aud: 'https://idp.example.com/token', iat: NOW - 10, exp: NOW - 10 + 600, jti: 'RANDOM-ID' });
  });
});

describe('fixes: JOSE headers', () => {
  it('no alg in setProtectedHeader → the algorithm that fits the key', () => {
    const rsa = "const key = await importPKCS8(pem, 'RS256');\nconst jwt = await new SignJWT(claims).setProtectedHeader({ typ: 'JWT' }).sign(key);\n";
    const p = one(rsa, 'token.algorithm', "{ typ: 'JWT' }", TS);
    assert.equal(applyFix(rsa, p), rsa.replace("{ typ: 'JWT' }", "{ typ: 'JWT', alg: 'RS256' }"));
    const hs =
      "const secret = new TextEncoder().encode(clientSecret);\nconst jwt = await new SignJWT(claims).setProtectedHeader({ typ: 'JWT' }).sign(secret);\n";
    assert.equal(applyFix(hs, one(hs, 'token.algorithm', "{ typ: 'JWT' }", TS)), hs.replace("{ typ: 'JWT' }", "{ typ: 'JWT', alg: 'HS256' }"));
  });

  it('alg none on a client assertion → a real algorithm', () => {
    const text = "// the client_assertion's header\nconst header = { alg: 'none', typ: 'JWT' };\n";
    const p = one(text, 'token.algorithm', "'none'", TS);
    assert.equal(p.fixes.length, 3);
    assert.equal(applyFix(text, p), text.replace("'none'", "'RS256'"));
    assert.equal(applyFix(text, p, 2), text.replace("'none'", "'HS256'"));
  });

  it('a wrong typ → JWT; alg in the wrong case → the registered name', () => {
    const text = '{"alg": "rs256", "typ": "JWS", "kid": "k1"}';
    const ps = run(text, JSONF);
    assert.deepEqual(
      ps.map((p) => [p.causeId, text.slice(p.start, p.end)]),
      [
        ['token.algorithm', '"rs256"'],
        ['token.wrong-type', '"JWS"'],
      ],
    );
    assert.equal(applyFix(text, ps[0]!), text.replace('rs256', 'RS256'));
    assert.equal(applyFix(text, ps[1]!), text.replace('"JWS"', '"JWT"'));
  });
});

describe('fixes: correct inputs stay clean', () => {
  it('real-world token requests (Keycloak, Entra, Okta, Auth0, Google)', () => {
    clean(
      [
        '### Keycloak client credentials',
        'POST https://kc.example.com/realms/demo/protocol/openid-connect/token',
        'Content-Type: application/x-www-form-urlencoded',
        '',
        'grant_type=client_credentials&client_id=orders&client_secret=s3cr3t',
        '',
        '### Entra ID with a certificate',
        'POST https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
        'Content-Type: application/x-www-form-urlencoded',
        '',
        'scope=https%3A%2F%2Fgraph.microsoft.com%2F.default',
        '&client_id=11112222-bbbb-3333-cccc-4444dddd5555',
        '&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer',
        '&client_assertion=eyJhbGciOiJSUzI1NiIsIng1dCI6Imd4OHRHeXN5amNScUtqRlBuZDdSRnd2d1pJMCJ9.eyJ9.M',
        '&grant_type=client_credentials',
        '',
        '### Okta refresh',
        'POST https://dev-1.okta.com/oauth2/default/v1/token',
        'Content-Type: application/x-www-form-urlencoded',
        '',
        'grant_type=refresh_token&redirect_uri=http%3A%2F%2Flocalhost%3A8080&scope=offline_access%20openid&refresh_token=abc',
        '',
        '### Auth0 client credentials (JSON)',
        'POST https://tenant.auth0.com/oauth/token',
        'Content-Type: application/json',
        '',
        '{"client_id":"abc","client_secret":"xyz","audience":"https://api.example.com","grant_type":"client_credentials"}',
        '',
        '### Google device flow',
        'POST https://oauth2.googleapis.com/token',
        '',
        'client_id=c&client_secret=s&device_code=d&grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code',
        '',
      ].join('\n'),
      HTTP,
    );
  });

  it('the fixture request: authorization_code with code and redirect_uri', () => {
    clean(
      'POST https://login.example.test/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=authorization_code&code=expired-code&redirect_uri=https%3A%2F%2Fapp.example.test%2Fcallback&client_id=orders-web\n',
      HTTP,
    );
  });

  it('an authorize request then a matching PKCE token request', () => {
    clean(
      'GET https://idp/authorize?response_type=code&client_id=app&redirect_uri=https%3A%2F%2Fapp%2Fcb&scope=openid%20profile&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256\n\nPOST https://idp/token\n\ngrant_type=authorization_code&code=c&redirect_uri=https%3A%2F%2Fapp%2Fcb&client_id=app&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\n',
      HTTP,
    );
  });

  it("a correct client assertion in code, and JWT libraries' expiresIn style", () => {
    clean(
      [
        "import { SignJWT, importPKCS8 } from 'jose';",
        "const TOKEN_URL = 'https://login.example.com/oauth2/token';",
        'export async function clientAssertion(clientId: string, pem: string) {',
        "  const key = await importPKCS8(pem, 'RS256');",
        '  const now = Math.floor(Date.now() / 1000);',
        '  return new SignJWT({ iss: clientId, sub: clientId, aud: TOKEN_URL, jti: crypto.randomUUID(), iat: now, exp: now + 300 })',
        "    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k1' })",
        '    .sign(key);',
        '}',
        'export async function token(clientId: string, pem: string) {',
        '  const body = new URLSearchParams({',
        "    grant_type: 'client_credentials',",
        '    client_id: clientId,',
        "    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',",
        '    client_assertion: await clientAssertion(clientId, pem),',
        "    scope: 'orders.read orders.write',",
        '  });',
        "  return fetch(TOKEN_URL, { method: 'POST', body });",
        '}',
        "const session = jwt.sign({ sub: user.id, role: 'admin' }, secret, { expiresIn: '10m', algorithm: 'HS256' });",
        "const t = await new SignJWT({ sub: 'u' }).setProtectedHeader({ alg: 'ES256' }).setIssuedAt().setExpirationTime('2h').sign(key);",
        'const claims = { iss: ISSUER, sub: user.id, aud: API, iat: now, exp: now + 30 * 86400 };',
      ].join('\n'),
      TS,
    );
  });

  it('a correct Google service-account assertion in Python', () => {
    clean(
      "import time, uuid\nimport jwt\nnow = int(time.time())\npayload = {\n    'iss': SA_EMAIL,\n    'sub': SA_EMAIL,\n    'aud': 'https://oauth2.googleapis.com/token',\n    'iat': now,\n    'exp': now + 3600,\n    'jti': str(uuid.uuid4()),\n}\nassertion = jwt.encode(payload, key, algorithm='RS256', headers={'kid': KID})\nr = requests.post('https://oauth2.googleapis.com/token', data={'grant_type': 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'assertion': assertion})\n",
      PY,
    );
  });

  it('prose in Markdown is not flagged; a fenced block is', () => {
    const md =
      'Send grant_type=client_credential (a common typo) and `scope=a,b`.\n\n```http\nPOST https://idp/token\n\ngrant_type=client_credential&client_id=a&client_secret=b\n```\n';
    const ps = run(md, { languageId: 'markdown', fileName: '/w/README.md' });
    assert.equal(ps.length, 1);
    assert.equal(ps[0]!.causeId, 'grant.unsupported');
    assert.ok(ps[0]!.start > md.indexOf('```http'));
  });

  it('unrelated code and data: HTTP headers, JWKS, cookies, config', () => {
    clean(
      [
        "fetch(url, { headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });",
        '{"keys":[{"kty":"RSA","alg":"RS256","kid":"k1","use":"sig","n":"abc","e":"AQAB"}]}',
        "res.cookie('sid', id, { expires: new Date(Date.now() + 3600000), httpOnly: true });",
        'const q = `a=1&b=2`; let x=1; if (a==b) {}',
        'const cfg = { exp: true, iat: false };',
      ].join('\n'),
      TS,
    );
  });

  it('never throws on hostile input', function () {
    this.timeout(WORK_TIMEOUT_MS);
    const hostile = [
      '{'.repeat(20000),
      '"exp":'.repeat(20000),
      'grant_type='.repeat(20000),
      `${'a='.repeat(30000)}&`,
      "'".repeat(30000),
      'curl '.repeat(20000),
    ];
    // Time is measured by npm run bench, never asserted here: a wall-clock bound fails on a loaded machine.
    for (const h of hostile) assert.doesNotThrow(() => run(h));
  });
});

describe('fixes: findTokenRequests', () => {
  it('reports token-request findings with cause ids and errors, none for correct input', () => {
    const text = 'POST https://idp/token\n\ngrant_type=client_credential&client_id=a&client_secret=b\n';
    const fs = findTokenRequests(text, { now: NOW, leeway: 60, fileName: 'x.http' });
    assert.equal(fs.length, 1);
    assert.equal(fs[0]!.kind, 'token-request');
    assert.equal(fs[0]!.error, 'unsupported_grant_type');
    assert.deepEqual(
      fs[0]!.causes.map((c) => c.id),
      ['grant.unsupported'],
    );
    assert.equal(text.slice(fs[0]!.start, fs[0]!.end), 'grant_type=client_credential&client_id=a&client_secret=b');
    assert.deepEqual(findTokenRequests(text.replace('credential&', 'credentials&'), { now: NOW, leeway: 60, fileName: 'x.http' }), []);
  });

  it('finds a request deep in a large log, with offsets into the whole text', function () {
    this.timeout(WORK_TIMEOUT_MS);
    const filler = 'INFO GET /api/orders 200 12ms user=alice trace=abc\n'.repeat(20000);
    const body = 'grant_type=client_credential&client_id=a&client_secret=b';
    const text = `${filler}POST https://idp/token\n${body}\n${filler}`;
    assert.ok(text.length > 1024 * 1024);
    const fs = findTokenRequests(text, { now: NOW, leeway: 60 });
    assert.equal(fs.length, 1);
    assert.equal(text.slice(fs[0]!.start, fs[0]!.end), body);
  });

  it('reads Markdown prose as prose when the scan is told the language', () => {
    const md = 'Send grant_type=client_credential&client_id=a by mistake and the server answers unsupported_grant_type.\n';
    const kinds = (o: object) => analyze(md, { now: NOW, leeway: 60, ...o }).findings.map((f) => f.kind);
    assert.ok(kinds({}).includes('token-request'));
    assert.ok(!kinds({ languageId: 'markdown', fileName: '/w/README.md' }).includes('token-request'));
  });
});
