/**
 * The provider catalogs as one index: which provider a text names, and which
 * catalog entries (codes and phrases) a text holds, best first.
 *
 * A code or phrase says something only where it cannot mean something else:
 * - a code that carries its provider in its shape (AADSTS50011, IDX10223,
 *   E0000011, ID2019, io.jsonwebtoken.ExpiredJwtException, ERR_JWT_EXPIRED)
 *   applies wherever it is found, as a whole word;
 * - a code that is an OAuth error, short, or shared by several catalogs
 *   (invalid_grant, user_null, TokenError) applies only when the text names
 *   its provider; Auth0's log types (f, fp, fu…) only as the value of `type`;
 * - a long phrase of one provider's own vocabulary names that provider; a
 *   short or shared one ("invalid signature", "token expired") applies with its
 *   provider named, and otherwise only as weak evidence, without the provider's
 *   name, meaning or fix.
 * Lookups are Maps keyed by the text's words: a code named `constructor` or
 * `__proto__` finds nothing.
 */
import type { Catalog, CatalogEntry } from './schema';
import { OAUTH_CODES, RFC_DESCRIPTIONS } from '../oauthCodes';
import { CATALOG as AUTH0 } from './auth0';
import { CATALOG as AZURE_APIM } from './azure-apim';
import { CATALOG as COGNITO } from './cognito';
import { CATALOG as DUENDE } from './duende';
import { CATALOG as ENTRA } from './entra';
import { CATALOG as FOSITE } from './fosite';
import { CATALOGS as GATEWAYS } from './gateways';
import { CATALOG as GITHUB } from './github';
import { CATALOG as GOOGLE } from './google';
import { CATALOG as IDENTITYMODEL } from './identitymodel';
import { CATALOG as KEYCLOAK } from './keycloak';
import { CATALOGS as LIBRARIES } from './libraries';
import { CATALOG as MSAL } from './msal';
import { CATALOG as OKTA } from './okta';
import { CATALOG as OPENIDDICT } from './openiddict';
import { CATALOG as PING } from './ping';
import { CATALOG as SALESFORCE } from './salesforce';
import { CATALOG as SPRING } from './spring';
import { CATALOG as TRANSPORT } from './transport';

export type { Catalog, CatalogEntry } from './schema';

/** Every catalog; where two share a code, the earlier one is listed first. */
export const CATALOGS: readonly Catalog[] = [
  ENTRA,
  IDENTITYMODEL,
  MSAL,
  AZURE_APIM,
  OKTA,
  AUTH0,
  KEYCLOAK,
  COGNITO,
  GOOGLE,
  GITHUB,
  SALESFORCE,
  OPENIDDICT,
  FOSITE,
  DUENDE,
  SPRING,
  PING,
  ...GATEWAYS,
  ...LIBRARIES,
  TRANSPORT,
];

/**
 * Lower-case words that name a provider (or a library) in a text: its name,
 * its domains, its packages and class prefixes. Markers of four characters or
 * fewer count only as whole words.
 */
// prettier-ignore
const MARKERS: Readonly<Record<string, readonly string[]>> = {
  entra: ['aadsts', 'login.microsoftonline', 'microsoftonline.com', 'login.windows.net', 'sts.windows.net', 'microsoft entra', 'azure ad', 'azure active directory', 'b2clogin.com', 'ciamlogin.com', 'azure.identity', 'azidentity', 'com.azure.identity'],
  identitymodel: ['microsoft.identitymodel', 'system.identitymodel', 'securitytoken', 'jwtbearer', 'microsoft.aspnetcore.authentication', 'idx10', 'idx12', 'idx14', 'idx20', 'idx21', 'idx23', 'idx40'],
  msal: ['msal', 'microsoft.identity.client', 'microsoft.identity.web', 'msidweb', 'adal', 'clientautherror', 'browserautherror', 'interactionrequiredautherror', 'clientconfigurationerror', 'aka.ms/msal'],
  'azure-apim': ['apim', 'api management', 'ocp-apim', 'validate-jwt', 'azure-api.net'],
  okta: ['okta', 'e0000'],
  auth0: ['auth0'],
  keycloak: ['keycloak', '/realms/', 'realmid='],
  cognito: ['cognito', 'amazoncognito', 'initiateauth', 'amplify'],
  google: ['google', 'googleapis', 'gserviceaccount', 'gcloud'],
  github: ['github', 'octokit'],
  salesforce: ['salesforce', 'force.com', 'sfdc', 'restforce', 'jsforce'],
  openiddict: ['openiddict'],
  fosite: ['fosite', 'hydra', 'ory.sh', 'ory network', 'ory/'],
  duende: ['identityserver', 'duende'],
  spring: ['springframework', 'spring security', 'spring-security', 'spring authorization server', 'oauth2authenticationexception', 'oauth2authorizationexception'],
  ping: ['forgerock', 'openam', 'pingam', 'pingfederate', 'pingone', 'ping identity', 'pingidentity'],
  envoy: ['envoy', 'istio', 'jwt_authn', 'jwt_auth', 'requestauthentication'],
  'oauth2-proxy': ['oauth2-proxy', 'oauth2_proxy', 'oauthproxy', 'oauth2proxy'],
  kong: ['kong'],
  apisix: ['apisix'],
  apigee: ['apigee', 'steps.jwt', 'steps.oauth', 'keymanagement.service', 'oauth.v2', 'sap api management'],
  aws: ['execute-api', 'x-amzn', 'amazonaws', 'api gateway', 'apigateway', 'aws', 'alb', 'elb'],
  nginx: ['nginx'],
  traefik: ['traefik'],
  jsonwebtoken: ['jsonwebtokenerror', 'tokenexpirederror', 'notbeforeerror', 'node_modules/jsonwebtoken'],
  'express-jwt': ['express-jwt', 'unauthorizederror', 'express-oauth2-jwt-bearer'],
  jose: ['err_jwt', 'err_jws', 'err_jwk', 'err_jwe', 'err_jose', 'joseerror', 'node_modules/jose'],
  'jwks-rsa': ['jwks-rsa', 'jwksrsa', 'signingkeynotfounderror', 'jwkserror'],
  pyjwt: ['jwt.exceptions', 'pyjwt', 'site-packages/jwt', 'jwt/api_jwt'],
  nimbus: ['nimbus', 'com.nimbusds'],
  jjwt: ['io.jsonwebtoken', 'jjwt'],
  authjs: ['next-auth', 'nextauth', 'authjs', 'auth.js', '@auth/'],
  passport: ['passport'],
  'openid-client': ['openid-client', 'oauth4webapi', 'operror', 'rperror'],
  'oidc-client-ts': ['oidc-client', 'oidcclient', 'usermanager'],
  appauth: ['appauth', 'org.openid.appauth', 'oidauthorization', 'authorizationexception'],
  'google-auth': ['google-auth', 'google.auth', 'googleauth', 'oauth2client'],
  'go-oauth2': ['oauth2: ', 'oidc: ', 'golang.org/x/oauth2', 'go-oidc'],
  oauthlib: ['oauthlib'],
  authlib: ['authlib'],
  transport: [],
};

/** Sentences of RFC 6749 and 6750 that every server may send: a catalog phrase taken from them names no provider. */
const RFC_SENTENCES = RFC_DESCRIPTIONS.map(([sentence]) => sentence);

/**
 * Phrases of four words or more that are still everyday wording: they are
 * read only with their provider named.
 */
const COMMON_PHRASES = new Set([
  'access token has expired',
  'the access token has expired',
  'incorrect username or password',
  'response type not supported',
  'grant type not supported',
  'failed to refresh token',
  'failed to verify signature',
  'the access token is missing',
  'the access token is invalid',
  'the token has expired',
  'the token is expired',
  'the token has been revoked.',
  'refresh token has expired',
  'the refresh token expired',
  'user is not authorized to access this resource',
  'the signature is invalid',
  'the issuer is invalid',
  'the audience is invalid',
  'the token is not valid yet',
  'the token is not yet valid',
  'invalid authentication credentials',
  'no client credentials found',
  'the credentials provided were invalid',
  'the access token has been revoked',
  'the user code is invalid or has expired',
  'connection error making token request',
]);

type Scope = 'distinctive' | 'scoped' | 'type-only';

interface Keyed {
  readonly entry: CatalogEntry;
  readonly catalog: Catalog;
  readonly scope: Scope;
  /** The code or phrase as the catalog writes it. */
  readonly key: string;
}

export interface CatalogHit {
  readonly entry: CatalogEntry;
  readonly catalog: Catalog;
  /** The code or phrase as found. */
  readonly found: string;
  readonly via: 'code' | 'phrase';
  /**
   * 3: a code that names its provider, or a code of a provider the text names;
   * 2: a phrase of one provider's vocabulary, or of a provider the text names;
   * 1: a phrase several providers use, or of a provider the text does not name:
   *    its causes are weak evidence, its provider, meaning and fix are not shown.
   */
  readonly strength: 1 | 2 | 3;
  /** Offset of the code or phrase in the text read. */
  readonly at: number;
}

const AUTH_WORD_RE =
  /Jwt|Jws|Jwk|Jwe|Jose|Msal|Adal|OAuth|Oidc|Saml|Token|Grant|Signature|Claim|Audience|Issuer|Credential|Secret|Csrf|Nonce|Pkce|Dpop|Consent|Interaction|Cert|SSL|Ssl|TLS|Tls|Handshake/;

const NUMBERED_RE = /^(?:AADSTS\d{4,8}|IDX\d{5}|E0000\d{3}|ID\d{4})$/;

function humps(code: string): number {
  let n = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c >= 65 && c <= 90 && (i === 0 || !(code.charCodeAt(i - 1) >= 65 && code.charCodeAt(i - 1) <= 90))) n++;
  }
  return n;
}

/** Whether a code may be read without its provider named (see the file comment). */
function codeScope(code: string, shared: boolean): Scope {
  if (NUMBERED_RE.test(code)) return 'distinctive';
  if (/^[a-z]{1,8}$/.test(code)) return 'type-only';
  if (shared || Object.prototype.hasOwnProperty.call(OAUTH_CODES, code.toLowerCase())) return 'scoped';
  if (code.includes('.')) return 'distinctive';
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(code)) return code.length >= 10 ? 'distinctive' : 'scoped';
  if (/^E[A-Z]{5,}$/.test(code)) return 'distinctive'; // ECONNREFUSED, ETIMEDOUT...
  if (/^[A-Z][A-Za-z0-9]+$/.test(code)) {
    // A class name names its provider only when it speaks the vocabulary of tokens and OAuth:
    // ExpiredJwtException, SecurityTokenExpiredException, InvalidGrantError do; NotAuthorizedException
    // (Cognito, and JAX-RS too) or UserNotFoundException do not.
    const h = humps(code);
    return code.length >= 12 && (h >= 3 || (h >= 2 && /(?:Exception|Error)$/.test(code))) && AUTH_WORD_RE.test(code) ? 'distinctive' : 'scoped';
  }
  if (/^[a-z][a-z0-9]*(?:_[a-z0-9]+){2,}$/.test(code) && code.length >= 14) return 'distinctive';
  return 'scoped';
}

function phraseScope(p: string, shared: boolean): Scope {
  if (shared || COMMON_PHRASES.has(p)) return 'scoped';
  if (RFC_SENTENCES.some((s) => s.includes(p) || p.includes(s))) return 'scoped';
  const words = p.split(/\s+/).filter(Boolean).length;
  return (words >= 4 && p.length >= 20) || p.length >= 28 ? 'distinctive' : 'scoped';
}

/**
 * Phrases are compared lower-cased, with underscores read as spaces (Envoy
 * logs 'Jwt_verification_fails' for 'Jwt verification fails') and without a
 * leading 'the'.
 */
function phraseKey(p: string): string {
  // A leading article is not part of the vocabulary: "authorization code has already been used" is
  // fosite's "The authorization code has already been used." without its first word.
  return p.toLowerCase().replace(/_/g, ' ').replace(/^the /, '');
}

const CODES = new Map<string, Keyed[]>();
/** Phrases by their first four characters. */
const PHRASES = new Map<string, Keyed[]>();
const FAMILY_OF = new Map<Catalog, string>();

function add<K>(m: Map<K, Keyed[]>, k: K, v: Keyed): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

(function build() {
  const codeOwners = new Map<string, Set<string>>();
  const phraseOwners = new Map<string, Set<string>>();
  const own = (m: Map<string, Set<string>>, k: string, fam: string) => {
    const s = m.get(k) ?? new Set<string>();
    s.add(fam);
    m.set(k, s);
  };
  for (const c of CATALOGS) {
    FAMILY_OF.set(c, c.family);
    for (const e of c.entries) {
      if (e.code) own(codeOwners, e.code, c.family);
      for (const p of e.phrases ?? []) own(phraseOwners, phraseKey(p), c.family);
    }
  }
  for (const c of CATALOGS) {
    for (const e of c.entries) {
      if (e.code) add(CODES, e.code, { entry: e, catalog: c, key: e.code, scope: codeScope(e.code, codeOwners.get(e.code)!.size > 1) });
      for (const raw of e.phrases ?? []) {
        const p = phraseKey(raw);
        if (p.length < 4) continue;
        add(PHRASES, p.slice(0, 4), { entry: e, catalog: c, key: p, scope: phraseScope(p, phraseOwners.get(p)!.size > 1) });
      }
    }
  }
})();

// One case-insensitive pass over every marker, longest first.
const MARKER_LIST: { marker: string; family: string }[] = Object.entries(MARKERS)
  .flatMap(([family, ms]) => ms.map((marker) => ({ marker, family })))
  .sort((a, b) => b.marker.length - a.marker.length);
const MARKER_FAMILIES = new Map<string, string[]>();
for (const { marker, family } of MARKER_LIST) {
  const l = MARKER_FAMILIES.get(marker) ?? [];
  l.push(family);
  MARKER_FAMILIES.set(marker, l);
}
const MARKERS_BY_FIRST = new Map<string, string[]>();
for (const k of MARKER_FAMILIES.keys()) {
  const l = MARKERS_BY_FIRST.get(k[0]!) ?? [];
  l.push(k);
  MARKERS_BY_FIRST.set(k[0]!, l);
}
const MARKER_RE = new RegExp([...MARKER_FAMILIES.keys()].map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** The families whose provider the lower-cased text names. */
export function namedProviders(lower: string): Set<string> {
  const out = new Set<string>();
  const re = MARKER_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  for (let n = 0; n < 200 && (m = re.exec(lower)); n++) {
    // Every marker that starts here: google.auth names google-auth, google names Google.
    for (const k of MARKERS_BY_FIRST.get(m[0][0]!) ?? []) {
      if (!lower.startsWith(k, m.index)) continue;
      if (k.length <= 4 && (isWordChar(lower.charCodeAt(m.index - 1)) || isWordChar(lower.charCodeAt(m.index + k.length)))) continue;
      for (const f of MARKER_FAMILIES.get(k) ?? []) out.add(f);
    }
    re.lastIndex = m.index + 1;
  }
  return out;
}

/** The provider's display name for a family ("okta" → "Okta"). */
export function providerName(family: string): string | undefined {
  return CATALOGS.find((c) => c.family === family)?.provider;
}

const CODE_TOKEN_RE = /[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*/g;

/**
 * The catalog entries a text holds, best first: those of a provider the
 * text names (or that name theirs) before wording several providers share;
 * among them a wrapper after what it wraps, a numbered code (AADSTS, IDX…)
 * first, then the narrower entry (fewer causes), a code before a phrase, a
 * longer phrase before a shorter one, and then by position. `lower` is
 * text.toLowerCase(); `typeValue` is the value of a `type` member around the
 * text (Auth0 log types), when there is one; `around` the providers that the
 * rest of the same message names (its other lines).
 */
export function catalogHits(text: string, lower: string, typeValue?: string, around?: ReadonlySet<string>): CatalogHit[] {
  const named = namedProviders(lower);
  if (around) for (const f of around) named.add(f);
  const hits: CatalogHit[] = [];
  const seen = new Set<CatalogEntry>();
  const push = (k: Keyed, found: string, via: 'code' | 'phrase', at: number) => {
    if (seen.has(k.entry)) return;
    const isNamed = named.has(k.catalog.family);
    let strength: 1 | 2 | 3;
    if (via === 'code') {
      if (k.scope === 'type-only') {
        if (!isNamed || typeValue !== k.key) return;
        strength = 3;
      } else if (k.scope === 'distinctive' || isNamed) strength = 3;
      else return; // an OAuth error or a shared code: the error code tables read it, not one provider's catalog
    } else strength = k.scope === 'distinctive' || isNamed ? 2 : 1;
    seen.add(k.entry);
    hits.push({ entry: k.entry, catalog: k.catalog, found, via, strength, at });
  };
  // Codes: every word of the text, and each dotted word's tails (io.jsonwebtoken.ExpiredJwtException).
  const re = CODE_TOKEN_RE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  for (let n = 0; n < 2000 && (m = re.exec(text)); n++) {
    const w = m[0];
    const lookup = (word: string, at: number) => {
      const ks = CODES.get(word);
      if (ks) for (const k of ks) push(k, word, 'code', at);
    };
    lookup(w, m.index);
    for (let i = 1; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (c === 46 || c === 45) lookup(w.slice(i + 1), m.index + i + 1);
    }
  }
  if (typeValue && !hits.length) {
    const ks = CODES.get(typeValue);
    if (ks) for (const k of ks) push(k, typeValue, 'code', 0);
  }
  // Phrases: at each word start, the phrases sharing the next four characters.
  const words = lower.includes('_') ? lower.replace(/_/g, ' ') : lower;
  for (let p = 0; p + 4 <= words.length; p++) {
    if (p > 0 && isWordChar(words.charCodeAt(p - 1))) continue;
    const ks = PHRASES.get(words.slice(p, p + 4));
    if (!ks) continue;
    for (const k of ks) {
      if (!words.startsWith(k.key, p)) continue;
      const endsInWord = isWordChar(k.key.charCodeAt(k.key.length - 1));
      if (endsInWord && isWordChar(words.charCodeAt(p + k.key.length))) continue;
      push(k, text.slice(p, p + k.key.length), 'phrase', p);
    }
  }
  return hits.sort(compareHits);
}

function compareHits(a: CatalogHit, b: CatalogHit): number {
  const strongA = a.strength >= 2;
  const strongB = b.strength >= 2;
  return (
    Number(strongB) - Number(strongA) ||
    Number(!!a.entry.wraps) - Number(!!b.entry.wraps) ||
    Number(NUMBERED_RE.test(b.found)) - Number(NUMBERED_RE.test(a.found)) ||
    // The narrower entry: an exception class that covers several checks yields to the phrase naming one.
    a.entry.causes.length - b.entry.causes.length ||
    b.strength - a.strength ||
    (a.via === b.via ? 0 : a.via === 'code' ? -1 : 1) ||
    (a.via === 'phrase' ? b.found.length - a.found.length : 0) ||
    a.at - b.at
  );
}

/** The entries of one code, for a code read from a structured member (`errorCode`, `error_codes`). */
export function entriesOfCode(code: string): readonly { entry: CatalogEntry; catalog: Catalog }[] {
  return CODES.get(code) ?? [];
}
