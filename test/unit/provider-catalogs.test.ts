// The provider catalogs as the engine reads them: the data's shape, which codes and
// phrases apply where, and the code's own meaning, causes, fix and reference reaching
// the finding, its evidence, the hover and the panel.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/core/analysis/analyze';
import { CATALOGS, catalogHits, namedProviders } from '../../src/core/knowledge/catalogs/index';
import { CAUSE_IDS, type ErrorFinding, isErrorFinding } from '../../src/core/model';
import { hoverMarkdown } from '../../src/present/hover';
import { renderPanel } from '../../src/present/panelHtml';
import { buildPanelModel } from '../../src/present/panelModel';

const OPTIONS = { now: 1_760_000_000, leeway: 60, strict: true };

function errors(text: string): ErrorFinding[] {
  return analyze(text, OPTIONS).findings.filter(isErrorFinding);
}

function one(text: string): ErrorFinding {
  const f = errors(text);
  assert.equal(f.length, 1, f.map((x) => x.summary).join(' | '));
  return f[0]!;
}

const hits = (text: string) => catalogHits(text, text.toLowerCase());

describe('provider catalogs: the data', () => {
  it('every entry has a code or phrases, known causes, a meaning, a fix and an https reference', () => {
    const causes = new Set<string>(CAUSE_IDS);
    let n = 0;
    for (const c of CATALOGS) {
      assert.ok(c.provider && c.family && /^https:\/\//.test(c.ref), c.family);
      for (const e of c.entries) {
        n++;
        const name = `${c.family} ${e.code ?? e.phrases?.[0]}`;
        assert.ok(e.code || e.phrases?.length, name);
        assert.ok(e.causes.length > 0 && e.causes.every((id) => causes.has(id)), name);
        assert.ok(e.meaning.length > 10 && e.fix.length > 10, name);
        assert.match(e.ref, /^https:\/\/\S+$/, name);
        for (const p of e.phrases ?? []) assert.equal(p, p.toLowerCase(), `${name}: phrases are lower case`);
      }
    }
    assert.ok(n > 1500, `${n} entries`);
  });

  it('names providers by their own words only', () => {
    assert.deepEqual([...namedProviders('post https://login.microsoftonline.com/x/oauth2/v2.0/token')], ['entra']);
    assert.ok(namedProviders('io.jsonwebtoken.expiredjwtexception').has('jjwt'));
    // Short markers count as whole words only: "laws" is not AWS, "memory" not Ory.
    assert.equal(namedProviders('the laws of memory').size, 0);
  });
});

describe('provider catalogs: where a code or phrase applies', () => {
  it('a numbered code applies anywhere, as a whole word', () => {
    assert.equal(hits('failed: AADSTS50011: redirect')[0]?.entry.code, 'AADSTS50011');
    assert.equal(hits('xAADSTS50011')[0], undefined);
  });

  it('an OAuth code or a short code of one provider needs that provider named', () => {
    assert.ok(!hits('{"error":"authorization_pending"}').some((h) => h.catalog.family === 'github'));
    assert.ok(hits('github device flow: authorization_pending').some((h) => h.catalog.family === 'github' && h.strength === 3));
  });

  it("Auth0's log types count only as the type of an Auth0 log entry", () => {
    assert.equal(hits('f fp fu fc').length, 0);
    const f = one('{"type":"fp","description":"Wrong email or password.","hostname":"acme.eu.auth0.com"}');
    assert.equal(f.problem.provider, 'Auth0');
    assert.equal(f.causes[0]!.id, 'grant.invalid');
  });

  it('generic wording is weak evidence without its provider: no provider, meaning or fix is claimed', () => {
    const h = hits('invalid signature');
    assert.ok(h.length > 0 && h.every((x) => x.strength === 1));
    const f = one('Error: invalid signature');
    assert.notEqual(f.problem.provider, 'Kong Gateway');
    assert.equal(f.problem.fix, undefined);
    assert.equal(f.causes[0]!.id, 'token.signature');
  });

  it('codes named like Object.prototype members find nothing and break nothing', () => {
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      assert.equal(hits(`${word} ${word}: ${word}`).length, 0, word);
      for (const text of [`{"error":"${word}","error_description":"${word}"}`, `error=${word}&error_description=${word}`, `${word}Exception: ${word}`]) {
        for (const f of errors(text)) assert.equal(f.problem.fix, undefined, text);
      }
    }
  });

  it('a wrapper yields to the code or phrase it carries', () => {
    const f = one('NotAuthorizedException: Unable to verify secret hash for client 4tq3v0example');
    assert.equal(f.causes[0]!.id, 'client.authentication-failed');
    assert.equal(one('MsalServiceException: AADSTS7000215: Invalid client secret provided.').problem.vendorCode, 'AADSTS7000215');
  });
});

describe("provider catalogs: a code's own meaning, causes, fix and reference", () => {
  const text =
    "AADSTS700016: Application with identifier '0d3c' was not found in the directory 'contoso'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.";

  it('AADSTS700016 ranks its own cause first, with evidence about the app id and the tenant', () => {
    const f = one(text);
    assert.equal(f.error, 'unauthorized_client');
    const first = f.causes[0]!;
    assert.equal(first.id, 'client.authentication-failed');
    assert.match(first.evidence[0]!, /AADSTS700016: The application \(client ID\) was not found in the tenant/);
    assert.ok(first.evidence.some((e) => /what to do for AADSTS700016: The app id is not in this tenant/.test(e)));
    // Nothing on it speaks of a secret, or of a client that authenticated.
    for (const e of first.evidence) assert.doesNotMatch(e, /secret|is authenticated/i);
    assert.equal(f.problem.provider, 'Microsoft Entra ID');
    assert.match(f.problem.fix!, /client_id and the tenant in the authority URL/);
    assert.match(f.problem.reference!, /^https:\/\/learn\.microsoft\.com\//);
    assert.ok(f.summary.length < 120);
  });

  it('the RFC error stated in the text is the error; the code implies one when none is stated', () => {
    assert.equal(
      one('oauthlib.oauth2.rfc6749.errors.InvalidGrantError: (invalid_grant) AADSTS50076: you must use multi-factor authentication').error,
      'invalid_grant',
    );
    const mfa = one('AADSTS50076: Due to a configuration change made by your administrator, you must use multi-factor authentication.');
    assert.equal(mfa.causes[0]!.id, 'request.interaction-required');
  });

  it('a code that means exactly one cause establishes it, and a nearby token does not outrank it', () => {
    const f = one("IDX10214: Audience validation failed. Audiences: 'api://a'. Did not match: validationParameters.ValidAudience: 'api://b'");
    assert.equal(f.causes[0]!.id, 'token.wrong-audience');
    assert.equal(f.causes[0]!.established, true);
  });

  it("a nearby token still says why an established cause happened (README's worked example)", () => {
    const log = readFileSync(path.resolve(__dirname, '../../../samples/app.log'), 'utf8');
    const { findings } = analyze(log, { now: 1_795_300_000, leeway: 60 });
    const f = findings.find((x) => x.kind === 'oauth-error' && x.error === 'invalid_client')!;
    assert.equal(f.causes[0]!.id, 'client.assertion-claims');
    assert.ok(f.causes[0]!.evidence.some((e) => /nearby client assertion: .*milliseconds/.test(e)));
    assert.equal(f.causes[1]!.id, 'client.authentication-failed');
  });

  it('the hover and the panel say what to do for this code, with its reference', () => {
    const f = one(text);
    const md = hoverMarkdown(f, { showDiagnosis: 's', copyDecoded: 'd', copyRedacted: 'r', args: {} });
    assert.match(md, /\*\*What to do for AADSTS700016:\*\* The app id is not in this tenant/);
    assert.match(md, /\[reference\]\(https:\/\/learn\.microsoft\.com\/en-us\/entra\/identity-platform\/reference-error-codes\)/);
    const model = buildPanelModel([{ finding: f, raw: text }], { source: 'test', now: OPTIONS.now, leeway: 60, all: [f] });
    const html = renderPanel(model, { nonce: 'n', cspSource: 'https://res', scriptUri: 'https://res/p.js', styleUri: 'https://res/p.css', ticked: new Set() });
    assert.match(html, /<dt>What to do for AADSTS700016<\/dt><dd>The app id is not in this tenant/);
    assert.match(html, /<a href="https:\/\/learn\.microsoft\.com\/en-us\/entra\/identity-platform\/reference-error-codes">/);
  });
});

describe('error detection: repeats and request lines', () => {
  it('a log repeating one error (timestamps and ids aside) gives each repeat its own span and words, and the same diagnosis', () => {
    const id = (i: number) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-00000000abcd`;
    const lines = Array.from(
      { length: 200 },
      (_, i) =>
        `2026-11-21T10:00:${String(i % 60).padStart(2, '0')}Z ERROR AADSTS700016: Application with identifier '${id(i)}' was not found in the directory 'contoso'.`,
    );
    const text = lines.join('\n');
    const f = errors(text);
    assert.equal(f.length, 200);
    for (let i = 0; i < f.length; i++) {
      assert.equal(f[i]!.causes, f[0]!.causes, 'the causes are shared');
      assert.ok(f[i]!.problem.description!.includes(`'${id(i)}'`), 'each keeps its own description');
      assert.ok(text.slice(f[i]!.start, f[i]!.end).includes(id(i)));
    }
  });

  it('request lines with tokens are not errors', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiYXVkIjoiNDAxIn0.c2lnbmF0dXJlLWZvci10ZXN0aW5nLW9ubHk';
    const log = Array.from({ length: 300 }, (_, i) => `2026-11-21T10:00:00Z DEBUG GET /api/orders/${i} Authorization: Bearer ${jwt}`).join('\n');
    assert.equal(errors(log).length, 0);
  });
});
