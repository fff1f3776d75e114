/**
 * What registered and common JWT claims and JOSE header parameters mean, for
 * hovers and the panel. Descriptions only: nothing here validates anything.
 */

const CLAIMS: Readonly<Record<string, string>> = {
  iss: 'Issuer: who minted the token (RFC 7519). Must match the issuer the receiver trusts, to the character.',
  sub: 'Subject: whom the token is about, a user or a client (RFC 7519).',
  aud: 'Audience: who may accept the token (RFC 7519). A receiver rejects a token whose aud does not name it.',
  exp: 'Expiration time in seconds since 1970 (RFC 7519). After it the token must be rejected.',
  nbf: 'Not before, in seconds since 1970 (RFC 7519). Before it the token must be rejected.',
  iat: 'Issued at, in seconds since 1970 (RFC 7519).',
  jti: 'JWT ID: a unique id that lets a receiver reject replays (RFC 7519).',
  nonce: 'The value the client sent in the authorization request, echoed to stop ID-token replay (OpenID Connect).',
  auth_time: 'When the user actually authenticated, in seconds since 1970 (OpenID Connect).',
  acr: 'Authentication context class: how strongly the user authenticated (OpenID Connect).',
  amr: 'Authentication methods used, such as pwd, mfa, otp (OpenID Connect, RFC 8176).',
  azp: 'Authorized party: the client the token was issued to (OpenID Connect).',
  at_hash: 'Hash of the access token issued with this ID token (OpenID Connect).',
  c_hash: 'Hash of the authorization code issued with this ID token (OpenID Connect).',
  s_hash: 'Hash of the state value (FAPI).',
  sid: 'Session id at the identity provider (OpenID Connect session and logout).',
  name: 'Full name (OpenID Connect).',
  given_name: 'Given name (OpenID Connect).',
  family_name: 'Family name (OpenID Connect).',
  preferred_username: 'The name the user goes by; not unique or stable (OpenID Connect).',
  email: 'Email address; trust it only together with email_verified (OpenID Connect).',
  email_verified: 'Whether the provider verified the email address (OpenID Connect).',
  phone_number: 'Phone number (OpenID Connect).',
  picture: 'Profile picture URL (OpenID Connect).',
  locale: 'Locale (OpenID Connect).',
  updated_at: 'When the profile was last updated (OpenID Connect).',
  client_id: 'The client the token was issued to (RFC 9068, RFC 8693).',
  scope: 'Space-separated scopes granted (RFC 9068, RFC 8693).',
  scp: 'Scopes granted (Microsoft Entra, Okta): a space-separated string or a list.',
  roles: 'Roles granted, often application permissions (RFC 9068, Microsoft Entra).',
  groups: 'Groups of the subject (RFC 9068).',
  entitlements: 'Entitlements of the subject (RFC 9068).',
  permissions: 'Permissions granted (Auth0 RBAC).',
  act: 'Actor: who is acting on behalf of the subject, in delegation (RFC 8693).',
  may_act: 'Who is allowed to act on behalf of the subject (RFC 8693).',
  cnf: 'Confirmation: the key the token is bound to, for DPoP or mTLS (RFC 7800, RFC 8705, RFC 9449).',
  htm: 'HTTP method of the request this DPoP proof is for (RFC 9449).',
  htu: 'HTTP URL of the request this DPoP proof is for (RFC 9449).',
  ath: 'Hash of the access token this DPoP proof accompanies (RFC 9449).',
  events: 'The security events this token reports (RFC 8417).',
  tid: 'Tenant id (Microsoft Entra).',
  oid: 'Object id of the user or service principal (Microsoft Entra).',
  upn: 'User principal name (Microsoft Entra).',
  unique_name: 'A display name of the user (Microsoft Entra v1 tokens).',
  appid: 'The client id that requested the token (Microsoft Entra v1 tokens).',
  appidacr: 'How the client authenticated: 0 public, 1 secret, 2 certificate (Microsoft Entra v1).',
  azpacr: 'How the client authenticated: 0 public, 1 secret, 2 certificate (Microsoft Entra v2).',
  idp: 'The identity provider that authenticated the subject.',
  ver: 'Token version (Microsoft Entra: 1.0 or 2.0, which changes the issuer format).',
  uti: 'Token id used internally by Microsoft Entra.',
  wids: 'Directory role template ids of the user (Microsoft Entra).',
  token_use: 'Whether this is an access or id token (Amazon Cognito).',
  'cognito:groups': 'Cognito user-pool groups of the user.',
  username: 'User name (Amazon Cognito).',
  realm_access: 'Realm roles of the user (Keycloak).',
  resource_access: 'Client roles of the user, per client (Keycloak).',
  typ: 'Token type inside the claims (Keycloak: Bearer, ID, Refresh, Offline).',
  session_state: 'Session id (Keycloak).',
  cid: 'Client id (Okta).',
  uid: 'User id (Okta).',
  gty: 'Grant type used to get the token (Auth0).',
  org_id: 'Organization id (Auth0 Organizations).',
};

const HEADER: Readonly<Record<string, string>> = {
  alg: 'Algorithm that signs (JWS) or manages the key (JWE). Receivers must pin the algorithms they accept.',
  enc: 'Content-encryption algorithm of a JWE.',
  typ: 'Media type of the whole token: JWT, at+jwt (access token), dpop+jwt, logout+jwt…',
  cty: 'Content type of the payload; JWT means another token is nested inside.',
  kid: 'Key id: which key of the issuer\u2019s JWKS signed or encrypted this.',
  jku: 'URL of a JWKS, carried in the token: never trust it without pinning.',
  jwk: 'A public key carried in the token: never trust it (DPoP proofs excepted).',
  x5u: 'URL of an X.509 certificate chain, carried in the token.',
  x5c: 'An X.509 certificate chain carried in the token.',
  x5t: 'SHA-1 thumbprint of the signing certificate.',
  'x5t#S256': 'SHA-256 thumbprint of the signing certificate.',
  crit: 'Header parameters the receiver must understand, or reject the token.',
  zip: 'Compression applied before encryption (DEF).',
  b64: 'false when the payload is not base64url-encoded (RFC 7797).',
  epk: 'Ephemeral public key of an ECDH-ES encryption.',
  apu: 'Agreement PartyUInfo (ECDH-ES).',
  apv: 'Agreement PartyVInfo (ECDH-ES).',
  iv: 'Initialization vector for AES-GCM key wrapping.',
  tag: 'Authentication tag for AES-GCM key wrapping.',
  p2s: 'PBES2 salt.',
  p2c: 'PBES2 iteration count.',
};

/** What a claim means, or undefined for claims nobody registered. */
export function describeClaim(name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(CLAIMS, name)) return CLAIMS[name];
  if (name.startsWith('xms_')) return 'An optional claim of Microsoft Entra.';
  if (/^https?:\/\//.test(name)) return 'A namespaced custom claim (as Auth0 requires for custom claims).';
  return undefined;
}

/** What a JOSE header parameter means. */
export function describeHeader(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(HEADER, name) ? HEADER[name] : undefined;
}

/** A claim or header value in running text: a string as it is, anything else as JSON (never "[object Object]"). */
export function claimText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return value.toString();
    case 'object':
      return JSON.stringify(value) ?? 'undefined';
    default:
      // undefined, and what JSON cannot hold (functions, symbols).
      return typeof value;
  }
}
