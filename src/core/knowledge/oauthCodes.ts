import type { CauseId } from '../model';

/**
 * Where in the OAuth picture an error happens. The same words mean different
 * things in different places: "expired" at the token endpoint under
 * invalid_client is about the client assertion, at an API it is the bearer token.
 */
export type Ctx =
  | 'resource' // an API rejected a bearer token
  | 'client' // the token endpoint rejected the client's authentication
  | 'grant' // the token endpoint rejected the grant (code, refresh token, assertion, password)
  | 'authorize' // the authorization endpoint redirected back with an error
  | 'device' // device authorization grant polling
  | 'request' // the request itself is malformed
  | 'server'
  | 'transport'
  | 'rate'
  | 'apikey'
  | 'unknown';

export interface CodeInfo {
  readonly ctx: Ctx;
  /** Causes, most likely first, when nothing else is known. */
  readonly causes: readonly CauseId[];
  readonly meaning: string;
  /** Short phrase for summaries. */
  readonly short: string;
  /** The RFC code this non-standard code stands for, if any. */
  readonly rfc?: string;
}

const TOKEN_GENERIC: readonly CauseId[] = [
  'token.expired',
  'token.revoked',
  'token.malformed',
  'token.signature',
  'token.wrong-audience',
  'token.wrong-issuer',
  'token.altered',
  'token.truncated',
];

/** RFC 6749, 6750, 8628, 9449, 8693, 7591, 8707, OIDC Core, and common non-standard codes. */
// One entry per line, so that a row reads, greps and diffs as one entry:
// prettier-ignore
export const OAUTH_CODES: Readonly<Record<string, CodeInfo>> = {
  // RFC 6749 §4.1.2.1 / §5.2
  invalid_request: {
    ctx: 'request',
    causes: ['request.invalid', 'token.missing', 'client.assertion-type', 'request.redirect-uri', 'grant.invalid'],
    meaning: 'The request is missing a required parameter, repeats one, has an invalid value, or is otherwise malformed.',
    short: 'malformed request',
  },
  invalid_client: {
    ctx: 'client',
    causes: ['client.authentication-failed', 'client.assertion-claims', 'client.assertion-type', 'client.unauthorized'],
    meaning: 'The authorization server could not authenticate the client: unknown client, wrong secret or key, or an unsupported authentication method.',
    short: 'client authentication failed',
  },
  invalid_grant: {
    ctx: 'grant',
    causes: ['grant.invalid', 'request.redirect-uri', 'client.assertion-claims'],
    meaning: 'The authorization code, refresh token or assertion is invalid, expired, revoked, was issued to another client, or does not match the redirect URI or PKCE verifier.',
    short: 'grant rejected',
  },
  unauthorized_client: {
    ctx: 'client',
    causes: ['client.unauthorized', 'grant.unsupported', 'client.authentication-failed', 'token.wrong-issuer'],
    meaning: 'The client is authenticated but not allowed to use this grant type, response type, realm or resource.',
    short: 'client not allowed',
  },
  unsupported_grant_type: {
    ctx: 'request',
    causes: ['grant.unsupported', 'request.invalid'],
    meaning: 'The authorization server does not support the grant_type sent, or the value is misspelled.',
    short: 'grant type not supported',
  },
  invalid_scope: {
    ctx: 'request',
    causes: ['request.invalid-scope'],
    meaning: 'A requested scope is unknown, malformed, or exceeds what the client or user may be granted.',
    short: 'scope rejected',
  },
  invalid_state: { ctx: 'authorize', causes: ['request.state'], meaning: 'The state on the callback is missing or is not the one the client sent.', short: 'state mismatch', rfc: 'invalid_request' },
  state_mismatch: { ctx: 'authorize', causes: ['request.state'], meaning: 'The state on the callback is missing or is not the one the client sent.', short: 'state mismatch', rfc: 'invalid_request' },
  mismatching_state: { ctx: 'authorize', causes: ['request.state'], meaning: 'The state on the callback is not the one stored in the session (Authlib).', short: 'state mismatch', rfc: 'invalid_request' },
  access_denied: {
    ctx: 'authorize',
    causes: ['request.access-denied', 'client.unauthorized', 'token.insufficient-scope'],
    meaning: 'The resource owner or a policy of the authorization server denied the request.',
    short: 'access denied',
  },
  unsupported_response_type: {
    ctx: 'authorize',
    causes: ['request.unsupported-response-type', 'client.unauthorized'],
    meaning: 'The authorization server does not allow this response_type (or response_mode) for this client.',
    short: 'response type not allowed',
  },
  server_error: {
    ctx: 'server',
    causes: ['server.error', 'request.invalid', 'client.assertion-claims'],
    meaning: 'The authorization server hit an unexpected condition. Malformed input it failed to reject cleanly is a frequent trigger.',
    short: 'server error',
  },
  temporarily_unavailable: {
    ctx: 'server',
    causes: ['server.unavailable', 'server.rate-limited'],
    meaning: 'The authorization server is overloaded or under maintenance and cannot handle the request right now.',
    short: 'temporarily unavailable',
  },
  // RFC 6750 §3.1
  invalid_token: {
    ctx: 'resource',
    causes: TOKEN_GENERIC,
    meaning: 'The access token is expired, revoked, malformed, or invalid for another reason (signature, audience, issuer).',
    short: 'token rejected',
  },
  insufficient_scope: {
    ctx: 'resource',
    causes: ['token.insufficient-scope', 'token.wrong-audience'],
    meaning: 'The token is valid but does not carry the scope (or role) this request needs.',
    short: 'scope missing from token',
  },
  // OIDC Core §3.1.2.6
  interaction_required: {
    ctx: 'authorize',
    causes: ['request.interaction-required'],
    meaning: 'prompt=none was used but the user must interact (sign in, consent, MFA) before a response can be given.',
    short: 'user interaction required',
  },
  login_required: {
    ctx: 'authorize',
    causes: ['request.interaction-required'],
    meaning: 'prompt=none was used but there is no signed-in session at the identity provider.',
    short: 'sign-in required',
  },
  account_selection_required: {
    ctx: 'authorize',
    causes: ['request.interaction-required'],
    meaning: 'Several accounts are signed in and the user must choose one; prompt=none prevented that.',
    short: 'account selection required',
  },
  consent_required: {
    ctx: 'authorize',
    causes: ['request.interaction-required', 'request.access-denied'],
    meaning: 'The user (or an administrator) has not consented to the requested scopes, and prompt=none prevented asking.',
    short: 'consent required',
  },
  invalid_request_uri: { ctx: 'request', causes: ['request.invalid'], meaning: 'The request_uri is unreachable or its content is invalid.', short: 'bad request_uri' },
  invalid_request_object: { ctx: 'request', causes: ['request.invalid', 'token.signature'], meaning: 'The signed request object (JAR) is invalid.', short: 'bad request object' },
  request_not_supported: { ctx: 'request', causes: ['request.invalid'], meaning: 'The provider does not support the request parameter.', short: 'request parameter not supported' },
  request_uri_not_supported: { ctx: 'request', causes: ['request.invalid'], meaning: 'The provider does not support the request_uri parameter.', short: 'request_uri not supported' },
  registration_not_supported: { ctx: 'request', causes: ['request.invalid'], meaning: 'The provider does not support the registration parameter.', short: 'registration not supported' },
  unmet_authentication_requirements: {
    ctx: 'authorize',
    causes: ['request.interaction-required'],
    meaning: 'The provider could not satisfy the requested acr or authentication strength.',
    short: 'authentication requirements not met',
  },
  // RFC 8628 device flow
  authorization_pending: {
    ctx: 'device',
    causes: ['grant.pending'],
    meaning: 'The user has not finished the device sign-in yet; keep polling at the given interval.',
    short: 'waiting for the user',
  },
  slow_down: {
    ctx: 'device',
    causes: ['grant.pending', 'server.rate-limited'],
    meaning: 'The client polls too fast; add 5 seconds to the polling interval.',
    short: 'polling too fast',
  },
  expired_token: {
    ctx: 'resource',
    causes: ['token.expired', 'grant.device-expired'],
    meaning: 'The token has expired. At a device-flow token endpoint (RFC 8628) it means the device_code expired before the user finished.',
    short: 'token expired',
  },
  // RFC 9449 DPoP
  invalid_dpop_proof: {
    ctx: 'resource',
    causes: ['token.dpop'],
    meaning: 'The DPoP proof JWT is missing or invalid: wrong htm/htu, stale iat, reused jti, bad signature, or missing ath.',
    short: 'DPoP proof rejected',
  },
  use_dpop_nonce: {
    ctx: 'resource',
    causes: ['token.dpop'],
    meaning: 'The server requires a server-provided nonce in the DPoP proof; retry with the value from the DPoP-Nonce header.',
    short: 'DPoP nonce required',
  },
  // RFC 8693 / RFC 8707
  invalid_target: {
    ctx: 'request',
    causes: ['token.wrong-audience', 'request.invalid-scope', 'request.invalid'],
    meaning: 'The requested resource or audience is unknown or not allowed for this client.',
    short: 'target resource rejected',
  },
  invalid_resource: {
    ctx: 'request',
    causes: ['token.wrong-audience', 'request.invalid-scope', 'request.invalid'],
    meaning: 'The resource (API) requested is unknown to the authorization server or not available to this client.',
    short: 'unknown resource',
  },
  // RFC 7591 dynamic registration
  invalid_redirect_uri: { ctx: 'request', causes: ['request.redirect-uri'], meaning: 'A redirect URI is not allowed or not registered.', short: 'redirect URI rejected' },
  invalid_client_metadata: { ctx: 'request', causes: ['request.invalid'], meaning: 'A client metadata field in the registration request is invalid.', short: 'client metadata rejected' },
  invalid_software_statement: { ctx: 'request', causes: ['request.invalid', 'token.signature'], meaning: 'The software statement is invalid.', short: 'software statement rejected' },
  unapproved_software_statement: { ctx: 'request', causes: ['client.unauthorized'], meaning: 'The software statement is not approved for use with this server.', short: 'software statement not approved' },
  invalid_authorization_details: { ctx: 'request', causes: ['request.invalid', 'request.invalid-scope'], meaning: 'The authorization_details (RFC 9396) are invalid.', short: 'authorization details rejected' },
  // Common non-standard codes
  malformed_token: { ctx: 'resource', causes: ['token.malformed', 'token.altered', 'token.truncated'], meaning: 'The token could not be parsed.', short: 'token malformed', rfc: 'invalid_token' },
  token_expired: { ctx: 'resource', causes: ['token.expired'], meaning: 'The token has expired.', short: 'token expired', rfc: 'invalid_token' },
  access_token_expired: { ctx: 'resource', causes: ['token.expired'], meaning: 'The access token has expired.', short: 'access token expired', rfc: 'invalid_token' },
  invalid_access_token: { ctx: 'resource', causes: TOKEN_GENERIC, meaning: 'The access token was not accepted.', short: 'access token rejected', rfc: 'invalid_token' },
  token_revoked: { ctx: 'resource', causes: ['token.revoked'], meaning: 'The token has been revoked.', short: 'token revoked', rfc: 'invalid_token' },
  invalid_signature: { ctx: 'resource', causes: ['token.signature', 'token.algorithm'], meaning: 'The token signature did not verify.', short: 'bad signature', rfc: 'invalid_token' },
  invalid_audience: { ctx: 'resource', causes: ['token.wrong-audience'], meaning: 'The token was issued for another audience.', short: 'wrong audience', rfc: 'invalid_token' },
  invalid_issuer: { ctx: 'resource', causes: ['token.wrong-issuer'], meaning: 'The token comes from an issuer the receiver does not trust.', short: 'wrong issuer', rfc: 'invalid_token' },
  unauthorized: { ctx: 'resource', causes: ['token.expired', 'token.missing', 'token.revoked', 'token.malformed'], meaning: 'The request was not authenticated.', short: 'unauthorized' },
  invalid_credentials: { ctx: 'client', causes: ['client.authentication-failed', 'grant.invalid'], meaning: 'The credentials were not accepted.', short: 'credentials rejected' },
  redirect_uri_mismatch: { ctx: 'authorize', causes: ['request.redirect-uri'], meaning: 'The redirect_uri does not exactly match one registered for the client.', short: 'redirect URI mismatch', rfc: 'invalid_request' },
  mfa_required: { ctx: 'authorize', causes: ['request.interaction-required'], meaning: 'Multi-factor authentication is required (Auth0 returns this for the password and MFA grants).', short: 'MFA required', rfc: 'interaction_required' },
  // GitHub OAuth apps
  bad_verification_code: { ctx: 'grant', causes: ['grant.invalid'], meaning: 'GitHub: the code is wrong, expired (10 minutes) or already used.', short: 'code expired or already used', rfc: 'invalid_grant' },
  incorrect_client_credentials: { ctx: 'client', causes: ['client.authentication-failed'], meaning: 'GitHub: client_id or client_secret is wrong.', short: 'wrong client credentials', rfc: 'invalid_client' },
  unverified_user_email: { ctx: 'authorize', causes: ['request.access-denied'], meaning: 'GitHub: the user must verify their primary email first.', short: 'unverified email', rfc: 'access_denied' },
  application_suspended: { ctx: 'client', causes: ['client.unauthorized'], meaning: 'GitHub: the OAuth app is suspended.', short: 'application suspended', rfc: 'unauthorized_client' },
  device_flow_disabled: { ctx: 'client', causes: ['client.unauthorized'], meaning: 'GitHub: device flow is not enabled for this app.', short: 'device flow disabled', rfc: 'unauthorized_client' },
  incorrect_device_code: { ctx: 'device', causes: ['grant.invalid'], meaning: 'GitHub: the device_code is not valid.', short: 'wrong device code', rfc: 'invalid_grant' },
  // Salesforce
  invalid_client_id: { ctx: 'client', causes: ['client.authentication-failed', 'apikey.invalid'], meaning: 'Salesforce: the client identifier (consumer key) is unknown in this org.', short: 'unknown client id', rfc: 'invalid_client' },
  invalid_app_access: { ctx: 'client', causes: ['client.unauthorized'], meaning: 'Salesforce: the user is not admin-approved for this connected app.', short: 'user not approved for app', rfc: 'unauthorized_client' },
  inactive_user: { ctx: 'grant', causes: ['grant.invalid', 'request.access-denied'], meaning: 'Salesforce: the user is inactive.', short: 'user inactive', rfc: 'invalid_grant' },
  inactive_org: { ctx: 'grant', causes: ['grant.invalid'], meaning: 'Salesforce: the org is locked, closed or suspended.', short: 'org inactive', rfc: 'invalid_grant' },
  rate_limit_exceeded: { ctx: 'rate', causes: ['server.rate-limited'], meaning: 'Too many requests were made in the current window.', short: 'rate limited' },
  too_many_requests: { ctx: 'rate', causes: ['server.rate-limited'], meaning: 'Too many requests were made in the current window.', short: 'rate limited' },
  // Keycloak event error codes (server log `error=...`)
  invalid_user_credentials: { ctx: 'grant', causes: ['grant.invalid'], meaning: 'Keycloak: wrong username or password.', short: 'wrong user credentials', rfc: 'invalid_grant' },
  invalid_client_credentials: { ctx: 'client', causes: ['client.authentication-failed'], meaning: 'Keycloak: the client secret or assertion is wrong.', short: 'wrong client credentials', rfc: 'invalid_client' },
  client_not_found: { ctx: 'client', causes: ['client.authentication-failed'], meaning: 'Keycloak: no client with this client_id in the realm.', short: 'client not found', rfc: 'invalid_client' },
  invalid_code: { ctx: 'grant', causes: ['grant.invalid'], meaning: 'Keycloak: the authorization code is invalid or already used.', short: 'code invalid', rfc: 'invalid_grant' },
  expired_code: { ctx: 'grant', causes: ['grant.invalid'], meaning: 'Keycloak: the authorization code or login action expired.', short: 'code expired', rfc: 'invalid_grant' },
  code_already_used: { ctx: 'grant', causes: ['grant.invalid'], meaning: 'Keycloak: the code was already exchanged.', short: 'code already used', rfc: 'invalid_grant' },
  invalid_redirect_uri_keycloak: { ctx: 'authorize', causes: ['request.redirect-uri'], meaning: 'Keycloak: redirect_uri not allowed for the client.', short: 'redirect URI rejected', rfc: 'invalid_request' },
  user_not_found: { ctx: 'grant', causes: ['grant.invalid'], meaning: 'The user does not exist in this realm or directory.', short: 'user not found', rfc: 'invalid_grant' },
  user_disabled: { ctx: 'grant', causes: ['request.access-denied', 'grant.invalid'], meaning: 'The user account is disabled.', short: 'user disabled', rfc: 'invalid_grant' },
  user_temporarily_disabled: { ctx: 'grant', causes: ['request.access-denied', 'server.rate-limited'], meaning: 'The user is locked out after too many failed logins.', short: 'user locked out', rfc: 'invalid_grant' },
  invalid_refresh_token: { ctx: 'grant', causes: ['grant.invalid'], meaning: 'The refresh token is invalid, expired or revoked.', short: 'refresh token rejected', rfc: 'invalid_grant' },
  refresh_token_expired: { ctx: 'grant', causes: ['grant.invalid'], meaning: 'The refresh token has expired.', short: 'refresh token expired', rfc: 'invalid_grant' },
  session_expired: { ctx: 'grant', causes: ['grant.invalid', 'token.revoked'], meaning: 'The SSO session behind the token has ended.', short: 'session expired', rfc: 'invalid_grant' },
  not_allowed: { ctx: 'client', causes: ['client.unauthorized'], meaning: 'The operation is not allowed for this client.', short: 'not allowed', rfc: 'unauthorized_client' },
  invalid_authentication_request: { ctx: 'request', causes: ['request.invalid'], meaning: 'The authentication request is malformed.', short: 'bad authentication request', rfc: 'invalid_request' },
};

/**
 * The descriptions RFC 6749 and 6750 give their error codes, lower case, as
 * servers send them verbatim (Ory Hydra, Spring, PingFederate...): such a
 * sentence states its code even where the code itself is not printed.
 */
// prettier-ignore
export const RFC_DESCRIPTIONS: ReadonlyArray<readonly [sentence: string, code: string]> = [
  ['the request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed', 'invalid_request'],
  ['client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method)', 'invalid_client'],
  ['the provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection uri used in the authorization request, or was issued to another client', 'invalid_grant'],
  ['the provided access grant is invalid, expired, or revoked', 'invalid_grant'],
  ['the authenticated client is not authorized to use this authorization grant type', 'unauthorized_client'],
  ['the authorization grant type is not supported by the authorization server', 'unsupported_grant_type'],
  ['the requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner', 'invalid_scope'],
  ['the resource owner or authorization server denied the request', 'access_denied'],
  ['the authorization server does not support obtaining an authorization code using this method', 'unsupported_response_type'],
  ['the authorization server encountered an unexpected condition that prevented it from fulfilling the request', 'server_error'],
  ['the authorization server is currently unable to handle the request due to a temporary overloading or maintenance of the server', 'temporarily_unavailable'],
  ['the access token provided is expired, revoked, malformed, or invalid for other reasons', 'invalid_token'],
  ['the request requires higher privileges than provided by the access token', 'insufficient_scope'],
];

/** The RFC error whose description a lower-cased text quotes (its first 48 characters are enough), if any. */
export function rfcDescribed(lower: string): string | undefined {
  for (const [sentence, code] of RFC_DESCRIPTIONS) if (lower.includes(sentence.slice(0, 48))) return code;
  return undefined;
}

/** Lowercased, trimmed code with common spellings folded ("Invalid-Grant" → invalid_grant). */
export function normalizeCode(raw: string): string {
  let s = raw.trim().toLowerCase();
  if (s.length > 80) s = s.slice(0, 80);
  return s.replace(/[\s-]/g, '_');
}

/** True for strings that look like an error code rather than a sentence. */
export function looksLikeCode(raw: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{0,40}(?:[-_.][A-Za-z0-9]{1,40}){0,8}$/.test(raw.trim()) && raw.length <= 80;
}

/** The code table entry, if known. */
export function codeInfo(code: string | undefined): CodeInfo | undefined {
  if (!code) return undefined;
  return Object.prototype.hasOwnProperty.call(OAUTH_CODES, code) ? OAUTH_CODES[code] : undefined;
}

/** Where in the OAuth picture a cause sits, when no error code says so. */
export function ctxOfCause(id: CauseId | undefined): Ctx {
  if (!id) return 'unknown';
  if (id.startsWith('client.')) return 'client';
  if (id.startsWith('grant.')) return id === 'grant.pending' || id === 'grant.device-expired' ? 'device' : 'grant';
  if (id.startsWith('token.')) return 'resource';
  if (id.startsWith('transport.')) return 'transport';
  if (id === 'server.rate-limited') return 'rate';
  if (id.startsWith('server.')) return 'server';
  if (id === 'apikey.invalid') return 'apikey';
  if (id === 'request.access-denied' || id === 'request.interaction-required' || id === 'request.redirect-uri') return 'authorize';
  return 'request';
}

/** HTTP status semantics used when nothing more specific is known. */
export function statusInfo(status: number): { causes: CauseId[]; short: string; meaning: string; ctx: Ctx } | undefined {
  switch (status) {
    case 401:
      return {
        causes: ['token.expired', 'token.revoked', 'token.malformed', 'token.wrong-audience', 'token.missing', 'token.signature', 'transport.proxy-altered'],
        short: 'token rejected',
        meaning: 'The request was not authenticated: the credentials are missing, expired, or not accepted.',
        ctx: 'resource',
      };
    case 403:
      return {
        causes: ['token.insufficient-scope', 'token.wrong-audience', 'request.access-denied', 'apikey.invalid'],
        short: 'authenticated but not allowed',
        meaning: 'The caller was identified but is not allowed to do this: a scope, role or policy is missing.',
        ctx: 'resource',
      };
    case 407:
      return {
        causes: ['transport.network', 'transport.proxy-altered'],
        short: 'proxy authentication required',
        meaning: 'A forward proxy between the client and the server wants its own credentials (Proxy-Authorization).',
        ctx: 'transport',
      };
    case 429:
      return {
        causes: ['server.rate-limited'],
        short: 'rate limited',
        meaning: 'Too many requests in the current window; wait as Retry-After says.',
        ctx: 'rate',
      };
    case 400:
      return { causes: ['request.invalid'], short: 'bad request', meaning: 'The server rejected the request as malformed.', ctx: 'request' };
    case 500:
      return { causes: ['server.error', 'request.invalid'], short: 'server error', meaning: 'The server failed while handling the request.', ctx: 'server' };
    case 502:
    case 504:
      return {
        causes: ['server.unavailable', 'transport.network'],
        short: status === 502 ? 'bad gateway' : 'gateway timeout',
        meaning: 'A gateway could not get a (timely) answer from the server behind it.',
        ctx: 'server',
      };
    case 503:
      return {
        causes: ['server.unavailable', 'server.rate-limited'],
        short: 'service unavailable',
        meaning: 'The server is overloaded or under maintenance.',
        ctx: 'server',
      };
    default:
      return undefined;
  }
}
