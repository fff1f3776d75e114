// Quick fixes in a real VS Code: for each rule a document, its diagnostic (range, message,
// code), the code action applied through the editor, and the text that results.
import * as assert from 'node:assert/strict';
import * as jose from 'jose';
import * as vscode from 'vscode';
import { utf8 } from './editor-helpers';

const EXTENSION_ID = 'token-doctor.token-doctor';
const SOURCE = 'Token Doctor';
const created: vscode.Uri[] = [];
let serial = 0;
/** Tells this run's files apart from a previous run's in the same folder. */
const runId = Math.random().toString(36).slice(2, 8);

async function open(ext: string, content: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace has no folder');
  const uri = vscode.Uri.joinPath(folder.uri, `quickfix-${runId}-${++serial}.${ext}`);
  await vscode.workspace.fs.writeFile(uri, utf8(content));
  created.push(uri);
  return vscode.workspace.openTextDocument(uri);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the document's diagnostics satisfy `done`, or fails after a timeout. */
async function diagnostics(doc: vscode.TextDocument, done: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  const until = Date.now() + 8000;
  for (;;) {
    const d = ours(doc.uri);
    if (done(d)) return d;
    if (Date.now() > until) assert.fail(`${what}; diagnostics now: ${JSON.stringify(d.map((x) => [x.code, doc.getText(x.range), x.message]))}`);
    await sleep(50);
  }
}

interface Case {
  readonly ext: string;
  readonly content: string;
  readonly code: string;
  readonly underlined: string;
  readonly message: RegExp;
  readonly expected: string;
  /** How many Token Doctor diagnostics the document has (default 1). */
  readonly count?: number;
  /** Title of the action to apply (default: the preferred one). */
  readonly title?: string;
}

/**
 * The quick fixes offered on the diagnostic's range. (The API's conversion drops the actions'
 * `diagnostics`, so ours are told apart by their titles and commands.)
 */
async function actionsFor(doc: vscode.TextDocument, diag: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const all =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  return all.filter((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value);
}

async function check(c: Case): Promise<void> {
  const doc = await open(c.ext, c.content);
  const count = c.count ?? 1;
  const list = await diagnostics(doc, (d) => d.length >= count, `expected ${count} diagnostic(s)`);
  assert.equal(list.length, count, `diagnostics: ${list.map((d) => `${JSON.stringify(d.code)} ${d.message}`).join(' | ')}`);
  const diag = list.find((d) => d.code === c.code && doc.getText(d.range) === c.underlined);
  assert.ok(diag, `no ${c.code} diagnostic on ${JSON.stringify(c.underlined)}; got ${JSON.stringify(list.map((d) => [d.code, doc.getText(d.range)]))}`);
  assert.match(diag.message, c.message);
  assert.equal(diag.severity, vscode.DiagnosticSeverity.Warning);
  const actions = await actionsFor(doc, diag);
  const action = c.title ? actions.find((a) => a.title === c.title) : actions.find((a) => a.isPreferred);
  assert.ok(action?.edit, `no ${c.title ?? 'preferred'} action with an edit; actions: ${actions.map((a) => a.title).join(', ')}`);
  const checklist = actions.find((a) => a.title === `Show the checklist for ${c.code}`);
  assert.equal(checklist?.command?.command, 'tokenDoctor.showDiagnosis', 'no "Show the checklist" action');
  assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit did not apply');
  assert.equal(doc.getText(), c.expected);
  if (count === 1) await diagnostics(doc, (d) => d.length === 0, 'the fixed document still has diagnostics');
}

async function clean(ext: string, content: string): Promise<void> {
  const doc = await open(ext, content);
  // Long enough for the debounce and analysis to have run several times over.
  await sleep(1200);
  assert.deepEqual(
    ours(doc.uri).map((d) => `${JSON.stringify(d.code)}: ${doc.getText(d.range)}: ${d.message}`),
    [],
  );
}

describe('quick fixes', function () {
  this.timeout(30_000);

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
  });

  after(async () => {
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  describe('token requests', () => {
    it('grant_type misspelled in an .http form body', () =>
      check({
        ext: 'http',
        content:
          'POST https://idp.example.com/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credential&client_id=app&client_secret=s3cret\n',
        code: 'grant.unsupported',
        underlined: 'client_credential',
        message: /grant_type "client_credential" .*"client_credentials"/,
        expected:
          'POST https://idp.example.com/oauth2/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials&client_id=app&client_secret=s3cret\n',
      }));

    it('grant_type with a dash in an .http JSON body keeps the quotes', () =>
      check({
        ext: 'http',
        content:
          'POST https://idp.example.com/token\nContent-Type: application/json\n\n{\n  "grant_type": "refresh-token",\n  "refresh_token": "rt-1",\n  "client_id": "app"\n}\n',
        code: 'grant.unsupported',
        underlined: 'refresh-token',
        message: /"refresh_token"/,
        expected:
          'POST https://idp.example.com/token\nContent-Type: application/json\n\n{\n  "grant_type": "refresh_token",\n  "refresh_token": "rt-1",\n  "client_id": "app"\n}\n',
      }));

    it('client_assertion_type misspelled, percent-encoded like the body', () =>
      check({
        ext: 'rest',
        content:
          'grant_type=client_credentials&client_id=app&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&client_assertion=abc\n',
        code: 'client.assertion-type',
        underlined: 'urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer',
        message: /urn:ietf:params:oauth:client-assertion-type:jwt-bearer/,
        expected:
          'grant_type=client_credentials&client_id=app&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=abc\n',
      }));

    it('a misspelled parameter name (redirect_url)', () =>
      check({
        ext: 'http',
        content: 'grant_type=authorization_code&code=c1&redirect_url=https%3A%2F%2Fapp%2Fcb&client_id=app\n',
        code: 'request.invalid',
        underlined: 'redirect_url',
        message: /should be "redirect_uri"/,
        expected: 'grant_type=authorization_code&code=c1&redirect_uri=https%3A%2F%2Fapp%2Fcb&client_id=app\n',
      }));

    it('clientId among snake_case keys in TypeScript', () =>
      check({
        ext: 'ts',
        content: "const body = new URLSearchParams({\n  grant_type: 'client_credentials',\n  clientId: 'app',\n  client_secret: secret,\n});\n",
        code: 'request.invalid',
        underlined: 'clientId',
        message: /exactly "client_id"/,
        expected: "const body = new URLSearchParams({\n  grant_type: 'client_credentials',\n  client_id: 'app',\n  client_secret: secret,\n});\n",
      }));

    it('missing code for authorization_code', () =>
      check({
        ext: 'http',
        content: 'grant_type=authorization_code&redirect_uri=https%3A%2F%2Fapp%2Fcb&client_id=app\n',
        code: 'request.invalid',
        underlined: 'grant_type=authorization_code',
        message: /no code/,
        expected: 'grant_type=authorization_code&redirect_uri=https%3A%2F%2Fapp%2Fcb&client_id=app&code=AUTHORIZATION_CODE\n',
      }));

    it('missing refresh_token on a multi-line .http body', () =>
      check({
        ext: 'http',
        content: 'POST https://idp/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=refresh_token\n&client_id=app\n',
        code: 'request.invalid',
        underlined: 'grant_type=refresh_token',
        message: /no refresh_token/,
        expected:
          'POST https://idp/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=refresh_token\n&client_id=app\n&refresh_token=REFRESH_TOKEN\n',
      }));

    it('client_assertion without client_assertion_type in a Python dict', () =>
      check({
        ext: 'py',
        content: "r = requests.post(url, data={\n    'grant_type': 'client_credentials',\n    'client_assertion': assertion,\n})\n",
        code: 'client.assertion-type',
        underlined: "'grant_type': 'client_credentials'",
        message: /no client_assertion_type/,
        expected:
          "r = requests.post(url, data={\n    'grant_type': 'client_credentials',\n    'client_assertion': assertion,\n    'client_assertion_type': 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',\n})\n",
      }));

    it('missing code_verifier after a PKCE authorize request in the same file', () => {
      const authorize =
        'GET https://idp/authorize?response_type=code&client_id=app&redirect_uri=https%3A%2F%2Fapp%2Fcb&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256\n\n###\n\nPOST https://idp/token\n\n';
      return check({
        ext: 'http',
        content: `${authorize}grant_type=authorization_code&code=c1&redirect_uri=https%3A%2F%2Fapp%2Fcb&client_id=app\n`,
        code: 'request.invalid',
        underlined: 'grant_type=authorization_code',
        message: /code_verifier/,
        expected: `${authorize}grant_type=authorization_code&code=c1&redirect_uri=https%3A%2F%2Fapp%2Fcb&client_id=app&code_verifier=CODE_VERIFIER\n`,
      });
    });

    it('a redirect_uri that differs from the authorize request', () => {
      const authorize =
        'GET https://idp/authorize?response_type=code&client_id=app&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback\n\n###\n\nPOST https://idp/token\n\n';
      return check({
        ext: 'http',
        content: `${authorize}grant_type=authorization_code&code=c1&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback%2F&client_id=app\n`,
        code: 'grant.invalid',
        underlined: 'https%3A%2F%2Fapp.example.com%2Fcallback%2F',
        message: /trailing slash/,
        expected: `${authorize}grant_type=authorization_code&code=c1&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&client_id=app\n`,
      });
    });

    it('scopes separated by commas in a curl --data-urlencode', () =>
      check({
        ext: 'sh',
        content:
          "curl -X POST https://idp.example.com/oauth/token \\\n  -d 'grant_type=client_credentials' \\\n  -u app:secret \\\n  --data-urlencode 'scope=openid,profile'\n",
        code: 'request.invalid-scope',
        underlined: 'openid,profile',
        message: /commas/,
        expected:
          "curl -X POST https://idp.example.com/oauth/token \\\n  -d 'grant_type=client_credentials' \\\n  -u app:secret \\\n  --data-urlencode 'scope=openid profile'\n",
      }));
  });

  describe('client assertion claims', () => {
    it('exp as a string in JSON', () =>
      check({
        ext: 'json',
        content:
          '{\n  "iss": "app",\n  "sub": "app",\n  "aud": "https://idp.example.com/oauth2/token",\n  "jti": "j1",\n  "iat": 1700000000,\n  "exp": "1700000300"\n}\n',
        code: 'client.assertion-claims',
        underlined: '"1700000300"',
        message: /string/,
        expected:
          '{\n  "iss": "app",\n  "sub": "app",\n  "aud": "https://idp.example.com/oauth2/token",\n  "jti": "j1",\n  "iat": 1700000000,\n  "exp": 1700000300\n}\n',
      }));

    it('iat from Date.now() without / 1000', () =>
      check({
        ext: 'ts',
        content:
          "// client_assertion\nconst claims = { iss: 'app', sub: 'app', aud: 'https://idp/token', jti: crypto.randomUUID(), iat: Date.now(), exp: Math.floor(Date.now() / 1000) + 300 };\n",
        code: 'client.assertion-claims',
        underlined: 'Date.now()',
        message: /milliseconds/,
        expected:
          "// client_assertion\nconst claims = { iss: 'app', sub: 'app', aud: 'https://idp/token', jti: crypto.randomUUID(), iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 300 };\n",
      }));

    it('a lifetime longer than the setting', () =>
      check({
        ext: 'ts',
        content:
          "const now = Math.floor(Date.now() / 1000);\nconst claims = { iss: 'app', sub: 'app', aud: 'https://idp/token', jti: crypto.randomUUID(), iat: now, exp: now + 60 * 60 * 24 * 365 };\n",
        code: 'client.assertion-claims',
        underlined: 'now + 60 * 60 * 24 * 365',
        message: /1 y after iat/,
        expected:
          "const now = Math.floor(Date.now() / 1000);\nconst claims = { iss: 'app', sub: 'app', aud: 'https://idp/token', jti: crypto.randomUUID(), iat: now, exp: now + 600 };\n",
      }));

    it('iat in the future', () =>
      check({
        ext: 'ts',
        content: "const claims = { iss: 'app', sub: 'app', aud: 'https://idp/token', jti: 'j1', iat: 4102444800, exp: 4102445100 };\n",
        code: 'client.assertion-claims',
        underlined: '4102444800',
        message: /in the future/,
        expected: "const claims = { iss: 'app', sub: 'app', aud: 'https://idp/token', jti: 'j1', iat: Math.floor(Date.now() / 1000), exp: 4102445100 };\n",
      }));

    it('iss ≠ sub: both become the client_id sent in the same file', () => {
      const tail =
        "\nconst body = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'orders-app', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: a });\n";
      return check({
        ext: 'ts',
        content: `const a = await new SignJWT({ iss: 'https://orders.example.com', sub: 'orders-app', aud: 'https://idp/token', jti: id, iat, exp: iat + 300 }).setProtectedHeader({ alg: 'RS256' }).sign(key);${tail}`,
        code: 'client.assertion-claims',
        underlined: "'https://orders.example.com'",
        message: /iss "https:\/\/orders.example.com" and sub "orders-app" differ/,
        expected: `const a = await new SignJWT({ iss: 'orders-app', sub: 'orders-app', aud: 'https://idp/token', jti: id, iat, exp: iat + 300 }).setProtectedHeader({ alg: 'RS256' }).sign(key);${tail}`,
      });
    });

    it('a missing jti in TypeScript', () =>
      check({
        ext: 'ts',
        content: '// client_assertion\nconst claims = {\n  iss: clientId,\n  sub: clientId,\n  aud: tokenUrl,\n  iat: now,\n  exp: now + 300,\n};\n',
        code: 'client.assertion-claims',
        underlined: '{\n  iss: clientId',
        message: /no jti/,
        expected:
          '// client_assertion\nconst claims = {\n  iss: clientId,\n  sub: clientId,\n  aud: tokenUrl,\n  iat: now,\n  exp: now + 300,\n  jti: crypto.randomUUID(),\n};\n',
      }));

    it('aud with a trailing slash the token endpoint does not have', () => {
      const head = "const TOKEN_URL = 'https://kc.example.com/realms/prod/protocol/openid-connect/token';\nconst claims = { iss: 'app', sub: 'app', aud: '";
      const tail = "', jti: id, iat: now, exp: now + 60 };\n";
      return check({
        ext: 'ts',
        content: `${head}https://kc.example.com/realms/prod/protocol/openid-connect/token/${tail}`,
        code: 'client.assertion-claims',
        underlined: "'https://kc.example.com/realms/prod/protocol/openid-connect/token/'",
        message: /trailing slash/,
        expected: `${head}https://kc.example.com/realms/prod/protocol/openid-connect/token${tail}`,
      });
    });

    it('a signed client assertion: no edit, "Copy corrected claims" copies them', async () => {
      const now = Math.floor(Date.now() / 1000);
      const jwt = await new jose.SignJWT({ iss: 'app', sub: 'app', aud: 'https://idp.example.com/token', jti: 'j1', iat: now - 10, exp: now + 90 * 86400 })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode('k'.repeat(32)));
      const doc = await open(
        'http',
        `POST https://idp.example.com/token\n\ngrant_type=client_credentials&client_id=app&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=${jwt}\n`,
      );
      const [diag] = await diagnostics(doc, (d) => d.length === 1, 'expected one diagnostic');
      assert.equal(diag!.code, 'client.assertion-claims');
      assert.equal(doc.getText(diag!.range), jwt);
      assert.match(diag!.message, /cannot be edited in place/);
      const actions = await actionsFor(doc, diag!);
      assert.ok(
        actions.every((a) => !a.edit),
        `a signed token got an edit: ${actions.map((a) => a.title).join(', ')}`,
      );
      const copy = actions.find((a) => a.command?.command === 'tokenDoctor.copyCorrectedClaims');
      assert.ok(copy?.command, `no copy action; actions: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(copy.isPreferred);
      const copied = await vscode.commands.executeCommand<string>(copy.command.command, ...(copy.command.arguments ?? []));
      assert.deepEqual(JSON.parse(copied), { iss: 'app', sub: 'app', aud: 'https://idp.example.com/token', jti: 'j1', iat: now - 10, exp: now - 10 + 600 });
      assert.equal(await vscode.env.clipboard.readText(), copied);
    });
  });

  describe('JOSE headers', () => {
    it('no alg: the algorithm that fits the key', () =>
      check({
        ext: 'ts',
        content: "const key = await importPKCS8(pem, 'RS256');\nconst jwt = await new SignJWT(claims).setProtectedHeader({ typ: 'JWT' }).sign(key);\n",
        code: 'token.algorithm',
        underlined: "{ typ: 'JWT' }",
        message: /no alg/,
        expected:
          "const key = await importPKCS8(pem, 'RS256');\nconst jwt = await new SignJWT(claims).setProtectedHeader({ typ: 'JWT', alg: 'RS256' }).sign(key);\n",
      }));

    it('alg none on a client assertion, fixed to HS256 when chosen', () =>
      check({
        ext: 'ts',
        content: "// header of the client_assertion\nconst header = { alg: 'none', typ: 'JWT' };\n",
        code: 'token.algorithm',
        underlined: "'none'",
        message: /unsigned/,
        title: 'Use HS256 (a client secret)',
        expected: "// header of the client_assertion\nconst header = { alg: 'HS256', typ: 'JWT' };\n",
      }));

    it('a wrong typ', () =>
      check({
        ext: 'json',
        content: '{"alg": "RS256", "typ": "JWS", "kid": "k1"}\n',
        code: 'token.wrong-type',
        underlined: '"JWS"',
        message: /typ "JWS"/,
        expected: '{"alg": "RS256", "typ": "JWT", "kid": "k1"}\n',
      }));
  });

  describe('correct inputs get no diagnostic', () => {
    it('real-world token requests in an .http file', () =>
      clean(
        'http',
        [
          'POST https://kc.example.com/realms/demo/protocol/openid-connect/token',
          'Content-Type: application/x-www-form-urlencoded',
          '',
          'grant_type=client_credentials&client_id=orders&client_secret=s3cr3t',
          '',
          '###',
          'POST https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token',
          'Content-Type: application/x-www-form-urlencoded',
          '',
          'scope=https%3A%2F%2Fgraph.microsoft.com%2F.default',
          '&client_id=11112222-bbbb-3333-cccc-4444dddd5555',
          '&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer',
          '&client_assertion={{assertion}}',
          '&grant_type=client_credentials',
          '',
          '###',
          'POST https://dev-1.okta.com/oauth2/default/v1/token',
          'Content-Type: application/x-www-form-urlencoded',
          '',
          'grant_type=refresh_token&scope=offline_access%20openid&refresh_token={{refresh}}&client_id=0oa1',
          '',
          '###',
          'POST https://tenant.auth0.com/oauth/token',
          'Content-Type: application/json',
          '',
          '{"client_id":"abc","client_secret":"xyz","audience":"https://api.example.com","grant_type":"client_credentials"}',
          '',
          '###',
          'POST https://oauth2.googleapis.com/token',
          '',
          'code=4%2F0Ab&client_id=c.apps.googleusercontent.com&client_secret=s&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&grant_type=authorization_code',
          '',
        ].join('\n'),
      ));

    it('a correct client assertion and token request in TypeScript', () =>
      clean(
        'ts',
        [
          "import { SignJWT, importPKCS8 } from 'jose';",
          "const TOKEN_URL = 'https://login.example.com/oauth2/token';",
          'export async function token(clientId: string, pem: string) {',
          "  const key = await importPKCS8(pem, 'RS256');",
          '  const now = Math.floor(Date.now() / 1000);',
          '  const assertion = await new SignJWT({ iss: clientId, sub: clientId, aud: TOKEN_URL, jti: crypto.randomUUID(), iat: now, exp: now + 300 })',
          "    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'k1' })",
          '    .sign(key);',
          '  const body = new URLSearchParams({',
          "    grant_type: 'client_credentials',",
          '    client_id: clientId,',
          "    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',",
          '    client_assertion: assertion,',
          "    scope: 'orders.read orders.write',",
          '  });',
          "  return fetch(TOKEN_URL, { method: 'POST', body });",
          '}',
          "const session = jwt.sign({ sub: user.id }, secret, { expiresIn: '10m', algorithm: 'HS256' });",
        ].join('\n'),
      ));

    it('a correct Google service-account assertion in Python, and prose in Markdown', async () => {
      await clean(
        'py',
        "import time, uuid\nimport jwt\nnow = int(time.time())\npayload = {'iss': SA, 'sub': SA, 'aud': 'https://oauth2.googleapis.com/token', 'iat': now, 'exp': now + 3600, 'jti': str(uuid.uuid4())}\nassertion = jwt.encode(payload, key, algorithm='RS256')\n",
      );
      await clean('md', 'A common typo is grant_type=client_credential; write `scope=a b`, not `scope=a,b`.\n');
    });
  });
});
