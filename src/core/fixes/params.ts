/** Registered OAuth 2.0 / OpenID Connect parameter names and grant types, and near misses of them. */

/** Token and authorization endpoint parameters (RFC 6749, 7523, 7636, 8628, 8693, 8707, 9126, 9449, OIDC, CIBA). */
export const PARAMETERS = [
  'grant_type',
  'code',
  'redirect_uri',
  'client_id',
  'client_secret',
  'scope',
  'refresh_token',
  'username',
  'password',
  'code_verifier',
  'code_challenge',
  'code_challenge_method',
  'client_assertion',
  'client_assertion_type',
  'device_code',
  'assertion',
  'audience',
  'resource',
  'subject_token',
  'subject_token_type',
  'actor_token',
  'actor_token_type',
  'requested_token_type',
  'requested_token_use',
  'response_type',
  'response_mode',
  'state',
  'nonce',
  'prompt',
  'login_hint',
  'id_token_hint',
  'auth_req_id',
  'request_uri',
  'dpop_jkt',
  'acr_values',
  'max_age',
  'ui_locales',
  'claims',
  'realm',
  'otp',
  'mfa_token',
  'binding_code',
  'oob_code',
  'connection',
  'organization',
  'token',
  'token_type_hint',
] as const;

const BY_NORMAL = new Map<string, string>(PARAMETERS.map((p) => [normal(p), p]));
const REGISTERED = new Set<string>(PARAMETERS);

/** Names people write for a registered parameter that do not reduce to it by case or separators. */
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    redirecturl: 'redirect_uri',
    redirect: 'redirect_uri',
    callbackuri: 'redirect_uri',
    redirecturis: 'redirect_uri',
    scopes: 'scope',
    clientassertiontypes: 'client_assertion_type',
    assertiontype: 'client_assertion_type',
    granttypes: 'grant_type',
    grant: 'grant_type',
    refreshtokens: 'refresh_token',
    codeverfier: 'code_verifier',
    pkceverifier: 'code_verifier',
    clientsecretkey: 'client_secret',
  }),
);

/** Lower case without separators: `Grant_Type`, `grant-type` and `grantType` all read `granttype`. */
export function normal(name: string): string {
  return name.toLowerCase().replace(/[-_\s.]/g, '');
}

export function isRegistered(name: string): boolean {
  return REGISTERED.has(name);
}

/** Damerau-Levenshtein distance of two short strings, capped (returns cap+1 past it). */
export function distance(a: string, b: string, cap = 2): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  if (a.length > 64 || b.length > 64) return a === b ? 0 : cap + 1;
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The registered parameter a name was meant to be, when it is not already
 * that exact name: another case or separator (`Grant_Type`, `clientId`), a
 * known alias (`redirect_url`) or a one-letter slip in a long name (`grant_tpye`).
 */
export function intendedParameter(name: string): string | undefined {
  if (REGISTERED.has(name)) return undefined;
  if (name.length > 64) return undefined;
  const cached = CACHE.get(name);
  if (cached !== undefined) return cached || undefined;
  const found = lookUp(name);
  if (CACHE.size > 4096) CACHE.clear();
  CACHE.set(name, found ?? '');
  return found;
}

const CACHE = new Map<string, string>();

function lookUp(name: string): string | undefined {
  const n = normal(name);
  const hit = BY_NORMAL.get(n) ?? ALIASES.get(n);
  if (hit) return hit;
  if (n.length >= 8) {
    for (const p of PARAMETERS) {
      const pn = normal(p);
      if (pn.length >= 8 && distance(n, pn, 1) <= 1) return p;
    }
  }
  return undefined;
}

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const SAML_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer';

export const GRANT = {
  code: 'authorization_code',
  client: 'client_credentials',
  refresh: 'refresh_token',
  password: 'password',
  device: 'urn:ietf:params:oauth:grant-type:device_code',
  jwt: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  saml: 'urn:ietf:params:oauth:grant-type:saml2-bearer',
  exchange: 'urn:ietf:params:oauth:grant-type:token-exchange',
  ciba: 'urn:openid:params:grant-type:ciba',
} as const;

/** Grant types servers actually use (registered, and the big providers' own). */
const KNOWN_GRANTS = new Set<string>([
  ...Object.values(GRANT),
  'implicit',
  'urn:ietf:params:oauth:grant-type:uma-ticket',
  'urn:ietf:params:oauth:grant-type:pre-authorized_code',
  'http://auth0.com/oauth/grant-type/password-realm',
  'http://auth0.com/oauth/grant-type/passwordless/otp',
  'http://auth0.com/oauth/grant-type/mfa-otp',
  'http://auth0.com/oauth/grant-type/mfa-oob',
  'http://auth0.com/oauth/grant-type/mfa-recovery-code',
  'urn:okta:params:oauth:grant-type:otp',
  'urn:okta:params:oauth:grant-type:oob',
  'interaction_code',
  'http://auth0.com/oauth/grant-type/mfa-otp',
  'saml2-bearer',
  'webauthn',
]);

/** Short forms people write for URN grant types. */
const GRANT_ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    devicecode: GRANT.device,
    device: GRANT.device,
    jwtbearer: GRANT.jwt,
    tokenexchange: GRANT.exchange,
    saml2bearer: GRANT.saml,
    ciba: GRANT.ciba,
    code: GRANT.code,
    clientcredential: GRANT.client,
    clientcredentials: GRANT.client,
    refreshtoken: GRANT.refresh,
    refresh: GRANT.refresh,
    authorizationcode: GRANT.code,
    authorisationcode: GRANT.code,
    authcode: GRANT.code,
    passwordgrant: GRANT.password,
  }),
);

/**
 * The registered grant type a value was meant to be, when the value is not a
 * known grant type itself: wrong case, stray spaces, `-` for `_`, a missing
 * `s`, a short form of a URN. Unknown values that look like nothing are left alone
 * (servers have extension grants).
 */
export function intendedGrant(value: string): string | undefined {
  if (KNOWN_GRANTS.has(value)) return undefined;
  const t = value.trim();
  const lower = t.toLowerCase();
  for (const g of KNOWN_GRANTS) if (g.toLowerCase() === lower) return g;
  const n = normal(lower.replace(/^urn:ietf:params:oauth:grant-type:/, ''));
  const alias = GRANT_ALIASES.get(n);
  if (alias) return alias;
  for (const g of Object.values(GRANT)) {
    const gn = normal(g.replace(/^urn:(ietf|openid):params:(oauth:)?grant-type:/, ''));
    if (gn.length >= 8 && distance(n, gn, 2) <= (gn.length >= 12 ? 2 : 1)) return g;
  }
  return undefined;
}

/** What a client_assertion_type should be, when it is not one of the two registered values. */
export function intendedAssertionType(value: string): string | undefined {
  if (value === JWT_BEARER_ASSERTION_TYPE || value === SAML_ASSERTION_TYPE) return undefined;
  if (/saml/i.test(value)) return SAML_ASSERTION_TYPE;
  return JWT_BEARER_ASSERTION_TYPE;
}

/** Parameters a grant cannot do without (beyond client authentication). */
export function requiredFor(grant: string): readonly string[] {
  switch (grant) {
    case GRANT.code:
      return ['code', 'redirect_uri'];
    case GRANT.refresh:
      return ['refresh_token'];
    case GRANT.password:
      return ['username', 'password'];
    case GRANT.device:
      return ['device_code'];
    case GRANT.jwt:
    case GRANT.saml:
      return ['assertion'];
    case GRANT.exchange:
      return ['subject_token', 'subject_token_type'];
    case GRANT.ciba:
      return ['auth_req_id'];
    default:
      return [];
  }
}
