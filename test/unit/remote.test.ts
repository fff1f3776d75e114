import assert from 'node:assert/strict';
import { ageText, discoveryUrl, fetchJson, jwksUriOf, urlProblem, type FetchFunction } from '../../src/core/verify/remote';
import { json, startServer, type TestServer } from './helpers/server';

const nodeFetch: FetchFunction = (url, init) => fetch(url, init);

describe('fetching key documents (a loopback HTTP server)', function () {
  this.timeout(20_000);
  let server: TestServer;
  before(async () => {
    server = await startServer();
    server.route('/.well-known/openid-configuration', json({ issuer: `${server.base}`, jwks_uri: `${server.base}/jwks` }));
    server.route('/jwks', json({ keys: [{ kty: 'oct', k: 'AAAA', kid: 'a' }] }, 'application/jwk-set+json'));
    server.route('/html', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>Sign in</body></html>');
    });
    server.route('/broken', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"keys": [');
    });
    server.route('/huge', (_req, res) => {
      // No content-length: the size limit must hold while reading.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys":[');
      const chunk = `${JSON.stringify({ kty: 'oct', k: 'A'.repeat(1000) })},`;
      for (let i = 0; i < 800; i++) res.write(chunk);
      res.end('{}]}');
    });
    server.route('/declared-huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
      res.write('{');
      // Never finishes: the client must stop on the declared length alone.
    });
    server.route('/slow', (_req, res) => {
      const timer = setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      }, 5000);
      res.on('close', () => clearTimeout(timer));
    });
    server.route('/moved', (_req, res) => {
      res.writeHead(302, { location: '/jwks' });
      res.end();
    });
    server.route('/hostile', (_req, res) => {
      // \u009b is the 8-bit terminal escape (CSI): allowed in a status line, harmful in a terminal.
      res.writeHead(418, 'Teapot\u009b31m red', { 'content-type': 'application/json' });
      res.end('{}');
    });
    server.route('/gone', (_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  after(() => server.close());
  beforeEach(() => server.requests.splice(0));

  it('discovery: iss → /.well-known/openid-configuration → jwks_uri', async () => {
    const url = discoveryUrl(`${server.base}/`);
    assert.equal(url, `${server.base}/.well-known/openid-configuration`);
    const doc = await fetchJson(url, nodeFetch);
    assert.ok(doc.ok);
    const uri = jwksUriOf(doc.json, `${server.base}/`);
    assert.deepEqual(uri, { uri: `${server.base}/jwks` });
    const keys = await fetchJson(`${server.base}/jwks`, nodeFetch);
    assert.ok(keys.ok);
    assert.deepEqual(server.requests, ['/.well-known/openid-configuration', '/jwks']);
  });

  it('a discovery document naming another issuer is noted', () => {
    const r = jwksUriOf({ issuer: 'https://other.example/', jwks_uri: 'https://other.example/jwks' }, 'https://idp.example/');
    assert.ok('uri' in r && r.note && /says its issuer is https:\/\/other\.example\//.test(r.note));
    assert.deepEqual(jwksUriOf({ issuer: 'x' }, 'x'), { problem: 'the discovery document has no jwks_uri' });
    assert.match((jwksUriOf({ jwks_uri: 'http://example.com/jwks' }, 'x') as { problem: string }).problem, /only https/);
  });

  it('a redirect is reported, never followed: the only request is to the URL shown', async () => {
    const r = await fetchJson(`${server.base}/moved`, nodeFetch);
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.redirect === `${server.base}/jwks`);
    assert.match(!r.ok ? r.reason : '', /redirects to .*\/jwks; only the URL shown is fetched/);
    assert.deepEqual(server.requests, ['/moved']);
  });

  it('a web page is not a key set (wrong content type)', async () => {
    const r = await fetchJson(`${server.base}/html`, nodeFetch);
    assert.ok(!r.ok);
    assert.match(r.reason, /content type text\/html, not JSON/);
  });

  it('invalid JSON, an error status', async () => {
    const broken = await fetchJson(`${server.base}/broken`, nodeFetch);
    assert.ok(!broken.ok);
    assert.match(broken.reason, /not valid JSON/);
    const gone = await fetchJson(`${server.base}/gone`, nodeFetch);
    assert.ok(!gone.ok);
    assert.match(gone.reason, /HTTP 404/);
  });

  it('what a server says is made printable before it is shown', async () => {
    const r = await fetchJson(`${server.base}/hostile`, nodeFetch);
    assert.ok(!r.ok);
    assert.match(r.reason, /HTTP 418 Teapot/);
    assert.ok(!r.reason.includes('\u009b'), r.reason);
  });

  it('a huge answer is cut off at the size limit, declared or not', async () => {
    const streamed = await fetchJson(`${server.base}/huge`, nodeFetch, { timeoutMs: 15_000, maxBytes: 64 * 1024 });
    assert.ok(!streamed.ok);
    assert.match(streamed.reason, /over the 64 KB limit/);
    const declared = await fetchJson(`${server.base}/declared-huge`, nodeFetch, { timeoutMs: 15_000, maxBytes: 64 * 1024 });
    assert.ok(!declared.ok);
    assert.match(declared.reason, /the answer is 10\.0 MB, over the 64 KB limit/);
  });

  it('a slow server runs into the timeout', async () => {
    const r = await fetchJson(`${server.base}/slow`, nodeFetch, { timeoutMs: 200, maxBytes: 1024 });
    assert.ok(!r.ok);
    assert.match(r.reason, /no answer within 200 ms/);
  });

  it('only https, or http on this machine; no credentials in the URL', () => {
    assert.equal(urlProblem('https://login.example.com/jwks'), undefined);
    assert.equal(urlProblem('http://127.0.0.1:8080/jwks'), undefined);
    assert.equal(urlProblem('http://localhost/jwks'), undefined);
    assert.match(urlProblem('http://login.example.com/jwks') ?? '', /only https/);
    assert.match(urlProblem('file:///etc/passwd') ?? '', /only https/);
    assert.match(urlProblem('https://user:pw@login.example.com/') ?? '', /user name or password/);
    assert.equal(discoveryUrl('not a url'), undefined);
    assert.equal(discoveryUrl('https://idp.example.com/tenant/v2.0'), 'https://idp.example.com/tenant/v2.0/.well-known/openid-configuration');
  });

  it('says how old a cached document is', () => {
    assert.equal(ageText(0, 2000), 'just now');
    assert.equal(ageText(0, 125_000), '2 min ago');
    assert.equal(ageText(0, 3 * 3600_000 + 60_000), '3 h 1 min ago');
  });
});
