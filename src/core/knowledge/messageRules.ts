import type { CauseId } from '../model';
import type { Ctx } from './oauthCodes';

/**
 * Messages of providers, gateways and libraries, recognised in a line of text.
 * `n` is a lowercase literal that must occur in the lowercased line before the
 * (bounded) regex is tried, so most rules cost one indexOf on a short string.
 */
export interface LineRule {
  readonly n: string | readonly string[];
  readonly re: RegExp;
  readonly causes: readonly CauseId[];
  readonly provider?: string;
  /** Vendor code: a literal, or 1 to take the regex's first group. */
  readonly code?: string | 1;
  /** The RFC error code the message implies. */
  readonly error?: string;
  readonly status?: number;
  readonly ctx?: Ctx;
  readonly short: string;
  readonly meaning: string;
  /** Only report when the surroundings are about auth (network errors). */
  readonly needsAuthContext?: boolean;
}

type R = LineRule;
const JWT_LIB = (n: string | readonly string[], re: RegExp, causes: CauseId[], provider: string, short: string, meaning: string, code?: string | 1): R => ({
  n,
  re,
  causes,
  provider,
  short,
  meaning,
  error: 'invalid_token',
  ctx: 'resource',
  ...(code ? { code } : {}),
});

const ENVOY = (n: string | readonly string[], re: RegExp, causes: CauseId[], short: string, meaning: string): R => ({
  n,
  re,
  causes,
  provider: 'Envoy',
  code: 'jwt_authn',
  error: causes[0] === 'transport.network' ? undefined : 'invalid_token',
  status: 401,
  ctx: causes[0] === 'transport.network' ? 'transport' : 'resource',
  short,
  meaning,
});

const TOKEN_ANY: CauseId[] = ['token.expired', 'token.revoked', 'token.malformed', 'token.altered'];

// One entry per line, so that a row reads, greps and diffs as one entry:
// prettier-ignore
export const LINE_RULES: readonly LineRule[] = [
  // ---- Sensedia API gateway
  { n: 'identified by', re: /\baccess[ _]token in the request, identified by (?:header|query ?param|cookie) [\w.-]{1,60}, is invalid/i, causes: ['token.expired', 'token.revoked', 'token.malformed', 'token.altered'], provider: 'Sensedia', error: 'invalid_token', status: 401, ctx: 'resource', short: 'access token invalid', meaning: 'The gateway could not validate the access token: it is wrong, expired, revoked, altered, or not valid for this API.' },
  { n: 'identified by', re: /\bclient[ _]id in the request, identified by (?:header|query ?param|cookie) [\w.-]{1,60}, is invalid/i, causes: ['client.authentication-failed', 'apikey.invalid'], provider: 'Sensedia', status: 401, ctx: 'apikey', short: 'client id invalid', meaning: 'The gateway does not know this client id, or it is not allowed for this API or environment.' },
  { n: 'identified by', re: /\bin the request, identified by (?:header|query ?param|cookie) [\w.-]{1,60}, is invalid/i, causes: ['apikey.invalid', 'token.expired', 'token.revoked'], provider: 'Sensedia', status: 401, ctx: 'apikey', short: 'credential invalid', meaning: 'The gateway rejected the credential named in the message.' },
  { n: 'has not been found', re: /access token in \w{1,20} [\w.-]{1,60} has not been found/i, causes: ['token.revoked', 'token.expired', 'token.altered'], provider: 'Sensedia', error: 'invalid_token', status: 401, ctx: 'resource', short: 'access token not found', meaning: 'The gateway has no record of this access token: it is wrong, expired or revoked.' },
  { n: 'does not have access to this resource', re: /does not have access to this resource/i, causes: ['token.insufficient-scope', 'token.wrong-audience'], provider: 'Sensedia', error: 'insufficient_scope', status: 403, ctx: 'resource', short: 'no access to this resource', meaning: 'The token is valid but its app or plan is not allowed to call this resource.' },

  // ---- Apigee
  { n: 'access_token_expired', re: /keymanagement\.service\.access_token_expired/i, code: 'keymanagement.service.access_token_expired', causes: ['token.expired'], provider: 'Apigee', error: 'invalid_token', status: 401, ctx: 'resource', short: 'access token expired', meaning: 'Apigee: the access token has expired.' },
  { n: 'invalid_access_token', re: /keymanagement\.service\.invalid_access_token/i, code: 'keymanagement.service.invalid_access_token', causes: ['token.revoked', 'token.expired', 'token.altered', 'token.wrong-issuer'], provider: 'Apigee', error: 'invalid_token', status: 401, ctx: 'resource', short: 'access token unknown', meaning: 'Apigee: the token is not one this organisation/environment issued, or it was revoked.' },
  { n: 'failedtoresolveaccesstoken', re: /(?:steps\.)?oauth\.v2\.FailedToResolveAccessToken/i, code: 'steps.oauth.v2.FailedToResolveAccessToken', causes: ['token.missing', 'token.altered'], provider: 'Apigee', error: 'invalid_request', status: 401, ctx: 'resource', short: 'no access token in request', meaning: 'Apigee: the OAuthV2 policy found no access token where it looks (Authorization: Bearer by default).' },
  { n: 'invalidaccesstoken', re: /(?:steps\.)?oauth\.v2\.InvalidAccessToken/i, code: 'oauth.v2.InvalidAccessToken', causes: ['token.altered', 'token.missing', 'token.revoked'], provider: 'Apigee', error: 'invalid_token', status: 401, ctx: 'resource', short: 'invalid access token', meaning: 'Apigee: the Authorization header is not "Bearer <token>" or the token is unknown.' },
  { n: 'invalidapikey', re: /(?:steps\.)?oauth\.v2\.InvalidApiKey(?:ForGivenResource)?|Invalid ApiKey(?: for given resource)?/i, code: 'oauth.v2.InvalidApiKey', causes: ['apikey.invalid', 'token.insufficient-scope'], provider: 'Apigee', status: 401, ctx: 'apikey', short: 'API key invalid', meaning: 'Apigee: the API key is unknown, revoked, or its API product does not include this resource.' },
  { n: 'apiproduct match', re: /no api ?product match found/i, code: 'keymanagement.service.InvalidAPICallAsNoApiProductMatchFound', causes: ['token.insufficient-scope', 'apikey.invalid'], provider: 'Apigee', status: 401, ctx: 'resource', short: 'no API product for this path', meaning: 'Apigee: the key or token is valid, but none of its API products covers this proxy, path or environment.' },
  { n: 'not_approved', re: /(?:keymanagement\.service\.)?(?:invalid_client-)?app_not_approved|ApiKeyNotApproved/i, code: 'keymanagement.service.app_not_approved', causes: ['apikey.invalid', 'client.unauthorized'], provider: 'Apigee', status: 401, ctx: 'apikey', short: 'app not approved', meaning: 'Apigee: the developer app or its key is not approved (or revoked).' },
  { n: 'quotaviolation', re: /policies\.ratelimit\.QuotaViolation/i, code: 'policies.ratelimit.QuotaViolation', causes: ['server.rate-limited'], provider: 'Apigee', status: 429, ctx: 'rate', short: 'quota exceeded', meaning: 'Apigee: the quota for this app or key is used up for the period.' },
  { n: 'spikearrest', re: /(?:policies\.ratelimit\.)?SpikeArrestViolation/i, code: 'policies.ratelimit.SpikeArrestViolation', causes: ['server.rate-limited'], provider: 'Apigee', status: 429, ctx: 'rate', short: 'spike arrest', meaning: 'Apigee: requests arrived faster than the Spike Arrest rate allows.' },
  { n: 'steps.jwt.', re: /steps\.jwt\.(TokenExpired|TokenNotYetValid|InvalidToken|FailedToDecode|AlgorithmMismatch|InvalidSignature|KidMismatch|NoMatchingPublicKey|InvalidClaim|InvalidIssuer|InvalidAudience)/i, code: 1, causes: ['token.expired', 'token.malformed'], provider: 'Apigee', error: 'invalid_token', status: 401, ctx: 'resource', short: 'JWT policy failed', meaning: 'Apigee: the VerifyJWT policy rejected the token.' },

  // ---- AWS API Gateway, STS, Cognito
  { n: 'missing authentication token', re: /missing authentication token/i, causes: ['request.invalid', 'token.missing'], provider: 'AWS API Gateway', status: 403, ctx: 'request', short: 'no route or no SigV4 auth', meaning: 'API Gateway: most often the path, method or stage does not exist (this is its 404), otherwise an IAM-authorised route got no SigV4 signature.' },
  { n: 'explicit deny', re: /not authorized to access this resource with an explicit deny/i, causes: ['token.insufficient-scope', 'token.expired'], provider: 'AWS API Gateway', error: 'insufficient_scope', status: 403, ctx: 'resource', short: 'denied by authorizer policy', meaning: 'API Gateway: the Lambda authorizer (or resource policy) returned Deny for this method ARN; a cached policy for another path can cause it too.' },
  { n: 'not authorized to access this resource', re: /user is not authorized to access this resource/i, causes: ['token.insufficient-scope'], provider: 'AWS API Gateway', error: 'insufficient_scope', status: 403, ctx: 'resource', short: 'not authorized', meaning: 'API Gateway: the authorizer did not allow this method and path.' },
  { n: 'incoming token has expired', re: /the incoming token has expired/i, causes: ['token.expired'], provider: 'AWS API Gateway', error: 'invalid_token', status: 401, ctx: 'resource', short: 'token expired', meaning: 'API Gateway (Cognito/JWT authorizer): the token has expired.' },
  { n: 'key=value pair', re: /invalid key=value pair \(missing equal-sign\) in authorization header/i, causes: ['token.altered', 'token.missing'], provider: 'AWS API Gateway', status: 403, ctx: 'resource', short: 'SigV4 expected', meaning: 'API Gateway expected an AWS SigV4 Authorization header (IAM authorization) and got something else, such as a Bearer token.' },
  { n: 'security token included in the request is expired', re: /security token included in the request is expired|ExpiredTokenException/i, causes: ['token.expired'], provider: 'AWS', status: 403, ctx: 'resource', short: 'AWS session token expired', meaning: 'AWS: the temporary security credentials have expired.' },
  { n: 'security token included in the request is invalid', re: /security token included in the request is invalid|UnrecognizedClientException/i, causes: ['apikey.invalid', 'token.revoked', 'token.altered'], provider: 'AWS', status: 403, ctx: 'apikey', short: 'AWS credentials invalid', meaning: 'AWS: the access key or session token is unknown, from another partition or region setup, or was cut off.' },
  { n: 'signature we calculated does not match', re: /signature we calculated does not match/i, code: 'SignatureDoesNotMatch', causes: ['apikey.invalid', 'token.altered'], provider: 'AWS', status: 403, ctx: 'apikey', short: 'SigV4 signature mismatch', meaning: 'AWS: the request signature does not match: wrong secret key, or the request changed after signing.' },
  { n: 'signature expired', re: /signature expired: \d{8}T\d{6}Z is now earlier than/i, causes: ['token.not-yet-valid', 'token.expired'], provider: 'AWS', status: 403, ctx: 'resource', short: 'clock skew', meaning: 'AWS: the signed request is too old or from the future: the client clock is off.' },
  { n: 'access token has expired', re: /Access Token has expired/, causes: ['token.expired'], provider: 'Amazon Cognito', code: 'NotAuthorizedException', error: 'invalid_token', status: 400, ctx: 'resource', short: 'access token expired', meaning: 'Cognito: the access token has expired (default lifetime 1 hour).' },
  { n: 'access token has been revoked', re: /Access Token has been revoked/, causes: ['token.revoked'], provider: 'Amazon Cognito', code: 'NotAuthorizedException', error: 'invalid_token', status: 400, ctx: 'resource', short: 'access token revoked', meaning: 'Cognito: the token was revoked (global sign-out or refresh token revocation).' },
  { n: 'refresh token has expired', re: /refresh token has expired/i, causes: ['grant.invalid'], provider: 'Amazon Cognito', code: 'NotAuthorizedException', error: 'invalid_grant', status: 400, ctx: 'grant', short: 'refresh token expired', meaning: 'The refresh token has expired; the user must sign in again.' },
  { n: 'invalid refresh token', re: /invalid refresh token/i, causes: ['grant.invalid'], provider: 'Amazon Cognito', code: 'NotAuthorizedException', error: 'invalid_grant', status: 400, ctx: 'grant', short: 'refresh token rejected', meaning: 'The refresh token is invalid, revoked, or from another app client (with a client secret, SECRET_HASH must use the user sub).' },
  { n: 'invalid login token', re: /invalid login token\.?\s{0,3}(?:token expired|issuer doesn'?t match|.{0,80})/i, causes: ['token.expired', 'token.wrong-issuer', 'token.wrong-type'], provider: 'Amazon Cognito', code: 'NotAuthorizedException', error: 'invalid_token', status: 400, ctx: 'resource', short: 'identity pool login token rejected', meaning: 'Cognito identity pool: the ID token in Logins is expired or from a provider not configured on the pool.' },
  { n: 'secret hash', re: /unable to verify secret hash for client/i, causes: ['client.authentication-failed'], provider: 'Amazon Cognito', code: 'NotAuthorizedException', error: 'invalid_client', status: 400, ctx: 'client', short: 'SECRET_HASH wrong or missing', meaning: 'Cognito: the app client has a secret, so every call needs SECRET_HASH = Base64(HMAC-SHA256(secret, username + client_id)).' },
  { n: 'incorrect username or password', re: /incorrect username or password/i, causes: ['grant.invalid'], provider: 'Amazon Cognito', code: 'NotAuthorizedException', error: 'invalid_grant', status: 400, ctx: 'grant', short: 'wrong username or password', meaning: 'The username or password is wrong.' },
  { n: ['usernotconfirmedexception', 'user is not confirmed'], re: /UserNotConfirmedException|User is not confirmed/i, code: 'UserNotConfirmedException', causes: ['request.interaction-required'], provider: 'Amazon Cognito', status: 400, ctx: 'authorize', short: 'user not confirmed', meaning: 'Cognito: the user has not confirmed sign-up (code or link).' },
  { n: 'passwordresetrequiredexception', re: /PasswordResetRequiredException/i, code: 'PasswordResetRequiredException', causes: ['request.interaction-required'], provider: 'Amazon Cognito', status: 400, ctx: 'authorize', short: 'password reset required', meaning: 'Cognito: the user must reset the password first.' },
  { n: 'usernotfoundexception', re: /UserNotFoundException/i, code: 'UserNotFoundException', causes: ['grant.invalid'], provider: 'Amazon Cognito', status: 400, ctx: 'grant', short: 'user not found', meaning: 'Cognito: no such user in the pool.' },
  { n: 'toomanyrequestsexception', re: /TooManyRequestsException|LimitExceededException|ThrottlingException|Rate exceeded/i, causes: ['server.rate-limited'], provider: 'AWS', status: 429, ctx: 'rate', short: 'throttled', meaning: 'AWS throttled the calls: too many requests per second for this account or operation.' },

  // ---- Google
  { n: 'token has been expired or revoked', re: /token has been expired or revoked/i, causes: ['grant.invalid'], provider: 'Google', error: 'invalid_grant', status: 400, ctx: 'grant', short: 'refresh token expired or revoked', meaning: 'Google: the refresh token is dead: revoked by the user, unused for 6 months, password change with Gmail scopes, over the per-client limit, or a 7-day testing-mode token.' },
  { n: 'short-lived token', re: /token must be a short-lived token/i, causes: ['client.assertion-claims'], provider: 'Google', error: 'invalid_grant', status: 400, ctx: 'grant', short: 'assertion lifetime or clock wrong', meaning: 'Google: the service-account JWT must last at most 1 hour and iat/exp must match the current time.' },
  { n: 'invalid jwt signature', re: /invalid jwt signature/i, causes: ['client.authentication-failed'], provider: 'Google', error: 'invalid_grant', status: 400, ctx: 'grant', short: 'service account key invalid', meaning: 'Google: the assertion was signed with a key that is deleted, disabled, or belongs to another service account.' },
  { n: 'invalid authentication credentials', re: /request had invalid authentication credentials/i, causes: ['token.expired', 'token.wrong-type', 'token.altered', 'token.revoked'], provider: 'Google', error: 'invalid_token', status: 401, ctx: 'resource', code: 'UNAUTHENTICATED', short: 'token rejected', meaning: 'Google APIs: the bearer token is expired, revoked, not an OAuth access token (an ID token or API key in its place), or mangled.' },
  { n: 'missing required authentication credential', re: /request is missing required authentication credential/i, causes: ['token.missing'], provider: 'Google', status: 401, ctx: 'resource', code: 'UNAUTHENTICATED', short: 'no credentials', meaning: 'Google APIs: no access token or API key was sent.' },
  { n: 'insufficient authentication scopes', re: /insufficient authentication scopes|ACCESS_TOKEN_SCOPE_INSUFFICIENT/i, causes: ['token.insufficient-scope'], provider: 'Google', error: 'insufficient_scope', status: 403, ctx: 'resource', code: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', short: 'scope missing', meaning: 'Google APIs: the token lacks a scope this method requires; request it and get a new token (re-consent).' },
  { n: 'api key not valid', re: /api key not valid|API_KEY_INVALID|missing a valid api key|API_KEY_SERVICE_BLOCKED|API_KEY_HTTP_REFERRER_BLOCKED/i, causes: ['apikey.invalid'], provider: 'Google', status: 400, ctx: 'apikey', short: 'API key invalid', meaning: 'Google: the API key is wrong, deleted, or restricted (API, referrer, IP).' },
  { n: 'permission_denied', re: /PERMISSION_DENIED|caller does not have permission/i, causes: ['token.insufficient-scope', 'apikey.invalid'], provider: 'Google', status: 403, ctx: 'resource', code: 'PERMISSION_DENIED', short: 'permission denied', meaning: 'Google: the identity lacks an IAM role or the API is not enabled in the project.' },
  { n: 'resource_exhausted', re: /RESOURCE_EXHAUSTED|rateLimitExceeded|userRateLimitExceeded|quota exceeded for quota metric/i, causes: ['server.rate-limited'], provider: 'Google', status: 429, ctx: 'rate', short: 'quota exhausted', meaning: 'Google: a rate or quota limit was hit for the project or user.' },
  { n: 'unauthenticated', re: /"status":\s{0,3}"UNAUTHENTICATED"/, causes: ['token.expired', 'token.missing', 'token.wrong-type'], provider: 'Google', error: 'invalid_token', status: 401, ctx: 'resource', code: 'UNAUTHENTICATED', short: 'not authenticated', meaning: 'Google APIs: the request was not authenticated.' },

  // ---- GitHub
  { n: 'bad credentials', re: /"?message"?\s{0,3}:\s{0,3}"Bad credentials"|\bBad credentials\b/i, causes: ['token.revoked', 'token.expired', 'token.altered'], provider: 'GitHub', error: 'invalid_token', status: 401, ctx: 'resource', short: 'token not accepted', meaning: 'GitHub: the token is unknown: revoked, expired (fine-grained/OAuth tokens expire), regenerated, or pasted wrongly.' },
  { n: 'requires authentication', re: /\bRequires authentication\b/i, causes: ['token.missing'], provider: 'GitHub', status: 401, ctx: 'resource', short: 'no token sent', meaning: 'GitHub: the endpoint needs a token and none arrived.' },
  { n: 'not accessible by', re: /Resource not accessible by (?:integration|personal access token)/i, causes: ['token.insufficient-scope'], provider: 'GitHub', error: 'insufficient_scope', status: 403, ctx: 'resource', short: 'token lacks permission', meaning: 'GitHub: the app installation or fine-grained token lacks the permission or repository access.' },
  { n: 'rate limit', re: /(?:api|secondary) rate limit exceeded|exceeded a secondary rate limit/i, causes: ['server.rate-limited'], provider: 'GitHub', status: 403, ctx: 'rate', short: 'rate limited', meaning: 'GitHub: the rate limit is used up; wait for x-ratelimit-reset or retry-after.' },
  { n: 'password authentication was removed', re: /support for password authentication was removed/i, causes: ['token.missing'], provider: 'GitHub', status: 403, ctx: 'resource', short: 'password instead of token', meaning: 'GitHub no longer accepts account passwords for Git over HTTPS; use a token.' },

  // ---- Salesforce
  { n: 'invalid_session_id', re: /INVALID_SESSION_ID/, code: 'INVALID_SESSION_ID', causes: ['token.expired', 'token.revoked', 'token.wrong-issuer'], provider: 'Salesforce', error: 'invalid_token', status: 401, ctx: 'resource', short: 'session expired or invalid', meaning: 'Salesforce: the session (access token) timed out, was revoked, or belongs to another org/instance URL.' },
  { n: "hasn't approved this consumer", re: /user hasn'?t approved this consumer/i, causes: ['request.access-denied', 'client.unauthorized'], provider: 'Salesforce', error: 'invalid_grant', status: 400, ctx: 'grant', short: 'user not pre-authorized', meaning: 'Salesforce JWT bearer flow: the user has not approved the connected app and it is not admin pre-authorized for their profile.' },
  { n: 'request_limit_exceeded', re: /REQUEST_LIMIT_EXCEEDED/, code: 'REQUEST_LIMIT_EXCEEDED', causes: ['server.rate-limited'], provider: 'Salesforce', status: 403, ctx: 'rate', short: 'API limit exceeded', meaning: 'Salesforce: the org API request limit is used up.' },

  // ---- Kong
  { n: 'no api key found', re: /no api key found in request/i, causes: ['apikey.invalid'], provider: 'Kong', status: 401, ctx: 'apikey', short: 'no API key', meaning: 'Kong key-auth: no key in the configured header or query parameter (apikey by default).' },
  { n: 'invalid authentication credentials', re: /invalid authentication credentials/i, causes: ['apikey.invalid', 'client.authentication-failed'], provider: 'Kong', status: 401, ctx: 'apikey', short: 'credentials not accepted', meaning: 'Kong: the key or credentials do not belong to any consumer.' },
  { n: 'bad token', re: /bad token; invalid (signature|json)/i, causes: ['token.signature', 'token.malformed'], provider: 'Kong', error: 'invalid_token', status: 401, ctx: 'resource', short: 'bad token', meaning: 'Kong JWT plugin: the token signature does not verify with the consumer secret, or the token is not valid JSON.' },
  { n: 'in claims', re: /no mandatory '(\w{1,10})' in claims/i, causes: ['token.malformed'], provider: 'Kong', error: 'invalid_token', status: 401, ctx: 'resource', short: 'claim missing', meaning: 'Kong JWT plugin: a claim listed in claims_to_verify is missing.' },
  { n: "given 'iss'", re: /no credentials found for given '(?:iss|kid)'/i, causes: ['token.wrong-issuer'], provider: 'Kong', error: 'invalid_token', status: 401, ctx: 'resource', short: 'no consumer for iss', meaning: 'Kong JWT plugin: no JWT credential has a key equal to the token iss (or kid).' },
  { n: 'cannot consume this service', re: /you cannot consume this service/i, causes: ['token.insufficient-scope'], provider: 'Kong', status: 403, ctx: 'resource', short: 'ACL denied', meaning: 'Kong ACL: the consumer is not in an allowed group.' },

  // ---- Auth0
  { n: 'not allowed for the client', re: /grant type '[\w:./-]{1,80}' not allowed for the client/i, causes: ['client.unauthorized'], provider: 'Auth0', error: 'unauthorized_client', status: 403, ctx: 'client', short: 'grant not enabled for app', meaning: 'Auth0: this grant type is not enabled in the application settings (Advanced > Grant Types).' },
  { n: 'service not enabled within domain', re: /service not enabled within domain/i, causes: ['token.wrong-audience', 'request.invalid'], provider: 'Auth0', error: 'access_denied', status: 403, ctx: 'request', short: 'unknown audience', meaning: 'Auth0: the audience parameter does not match any API defined in the tenant.' },
  { n: 'service not found', re: /service not found/i, causes: ['token.wrong-audience', 'request.invalid'], provider: 'Auth0', error: 'access_denied', status: 403, ctx: 'request', short: 'unknown audience', meaning: 'Auth0: the audience parameter does not match any API identifier in this tenant.' },
  { n: 'client-grant', re: /client is not authorized to access "?[^"\s]{1,200}"?\. You (?:might )?need to create a "?client-grant/i, causes: ['client.unauthorized'], provider: 'Auth0', error: 'access_denied', status: 403, ctx: 'client', short: 'application not authorized for API', meaning: 'Auth0: the machine-to-machine application is not authorized for this API (no client grant).' },
  { n: 'callback url mismatch', re: /callback url mismatch/i, causes: ['request.redirect-uri'], provider: 'Auth0', error: 'invalid_request', status: 400, ctx: 'authorize', short: 'callback URL mismatch', meaning: 'Auth0: the redirect_uri is not in Allowed Callback URLs.' },
  { n: 'unknown or invalid refresh token', re: /unknown or invalid refresh token/i, causes: ['grant.invalid'], provider: 'Auth0', error: 'invalid_grant', status: 403, ctx: 'grant', short: 'refresh token rejected', meaning: 'Auth0: the refresh token is unknown, revoked, rotated away (reuse detection), or for another client.' },
  { n: 'wrong email or password', re: /wrong email or password/i, causes: ['grant.invalid'], provider: 'Auth0', error: 'invalid_grant', status: 403, ctx: 'grant', short: 'wrong email or password', meaning: 'Auth0: the credentials are wrong.' },

  // ---- Keycloak
  { n: 'account is not fully set up', re: /account is not fully set up/i, causes: ['request.interaction-required'], provider: 'Keycloak', error: 'invalid_grant', status: 400, ctx: 'authorize', short: 'required actions pending', meaning: 'Keycloak: the user has required actions (verify email, update password, OTP setup) that a direct grant cannot complete.' },
  { n: 'org.keycloak', re: /org\.keycloak\.events.{0,400}?\berror=([a-z_]{3,60})/i, code: 1, causes: ['grant.invalid'], provider: 'Keycloak', status: 400, ctx: 'grant', short: 'Keycloak event error', meaning: 'Keycloak event log: an authentication step failed.' },

  // ---- jsonwebtoken / express-jwt (Node)
  JWT_LIB('tokenexpirederror', /TokenExpiredError(?::\s{0,3}jwt expired)?/, ['token.expired'], 'jsonwebtoken', 'token expired', 'jsonwebtoken: exp is in the past (beyond clockTolerance).', 'TokenExpiredError'),
  JWT_LIB('jwt expired', /\bjwt expired\b/i, ['token.expired'], 'jsonwebtoken', 'token expired', 'jsonwebtoken: exp is in the past (beyond clockTolerance).'),
  JWT_LIB('notbeforeerror', /NotBeforeError|\bjwt not active\b/i, ['token.not-yet-valid'], 'jsonwebtoken', 'token not yet valid', 'jsonwebtoken: nbf is in the future.'),
  JWT_LIB('jwt malformed', /\bjwt malformed\b/i, ['token.malformed', 'token.altered', 'token.truncated'], 'jsonwebtoken', 'token malformed', 'jsonwebtoken: the string is not a three-part JWT (often "Bearer " left in, or an opaque token).'),
  JWT_LIB('jwt audience invalid', /\bjwt audience invalid\b/i, ['token.wrong-audience'], 'jsonwebtoken', 'wrong audience', 'jsonwebtoken: aud does not match the audience option.'),
  JWT_LIB('jwt issuer invalid', /\bjwt issuer invalid\b/i, ['token.wrong-issuer'], 'jsonwebtoken', 'wrong issuer', 'jsonwebtoken: iss does not match the issuer option.'),
  JWT_LIB('jwt must be provided', /\bjwt must be provided\b|No authorization token was found|credentials_required/i, ['token.missing'], 'jsonwebtoken', 'no token', 'No token reached the verifier: header missing or read from the wrong place.'),
  JWT_LIB('credentials_bad_format', /credentials_bad_format|Format is Authorization: Bearer \[token\]|credentials_bad_scheme/i, ['token.altered', 'token.missing'], 'express-jwt', 'bad Authorization header', 'express-jwt: the Authorization header is not "Bearer <token>".'),
  JWT_LIB('jwt signature is required', /\bjwt signature is required\b/i, ['token.algorithm'], 'jsonwebtoken', 'unsigned token', 'jsonwebtoken: the token has no signature (alg none) but verification needs one.'),
  JWT_LIB('invalid algorithm', /\binvalid algorithm\b/i, ['token.algorithm'], 'jsonwebtoken', 'algorithm not allowed', 'The token alg is not in the allowed list, or does not fit the key type (HS vs RS).'),
  JWT_LIB('invalid signature', /\binvalid signature\b/i, ['token.signature'], 'jsonwebtoken', 'bad signature', 'The signature does not verify with the configured secret or key.'),
  JWT_LIB('secret or public key must be provided', /secret or public key must be provided/i, ['token.signature'], 'jsonwebtoken', 'no verification key', 'jsonwebtoken: no secret or key was configured (undefined env var?).'),

  // ---- jose (panva)
  JWT_LIB(['err_jwt_expired', 'jwtexpired', '"exp" claim timestamp'], /ERR_JWT_EXPIRED|JWTExpired|"exp" claim timestamp check failed/, ['token.expired'], 'jose', 'token expired', 'jose: exp is in the past.', 'ERR_JWT_EXPIRED'),
  JWT_LIB('"nbf" claim', /"nbf" claim timestamp check failed/, ['token.not-yet-valid'], 'jose', 'token not yet valid', 'jose: nbf is in the future.', 'ERR_JWT_CLAIM_VALIDATION_FAILED'),
  JWT_LIB('"aud" claim', /unexpected "aud" claim value|"aud" claim check failed/, ['token.wrong-audience'], 'jose', 'wrong audience', 'jose: aud does not match the expected audience.', 'ERR_JWT_CLAIM_VALIDATION_FAILED'),
  JWT_LIB('"iss" claim', /unexpected "iss" claim value|"iss" claim check failed/, ['token.wrong-issuer'], 'jose', 'wrong issuer', 'jose: iss does not match the expected issuer.', 'ERR_JWT_CLAIM_VALIDATION_FAILED'),
  JWT_LIB('"typ"', /unexpected "typ" JWT header value/, ['token.wrong-type'], 'jose', 'wrong token type', 'jose: the typ header is not the expected one (e.g. at+jwt).', 'ERR_JWT_CLAIM_VALIDATION_FAILED'),
  JWT_LIB(['err_jws_signature_verification_failed', 'jwssignatureverificationfailed'], /ERR_JWS_SIGNATURE_VERIFICATION_FAILED|JWSSignatureVerificationFailed/, ['token.signature'], 'jose', 'bad signature', 'jose: signature verification failed.', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'),
  JWT_LIB(['err_jwks_no_matching_key', 'jwksnomatchingkey', 'no applicable key found'], /ERR_JWKS_NO_MATCHING_KEY|JWKSNoMatchingKey|no applicable key found in the JSON Web Key Set/, ['token.signature', 'token.wrong-issuer'], 'jose', 'no matching key', 'jose: no key in the JWKS matches the token kid/alg (keys rotated or token from another issuer).', 'ERR_JWKS_NO_MATCHING_KEY'),
  JWT_LIB(['err_jose_alg_not_allowed', 'josealgnotallowed', 'header parameter value not allowed'], /ERR_JOSE_ALG_NOT_ALLOWED|JOSEAlgNotAllowed|"alg" \(Algorithm\) Header Parameter value not allowed/, ['token.algorithm'], 'jose', 'algorithm not allowed', 'jose: the alg is not in the allowed algorithms.', 'ERR_JOSE_ALG_NOT_ALLOWED'),
  JWT_LIB(['err_jws_invalid', 'err_jwt_invalid', 'invalid compact jws', 'compact jws serialization'], /ERR_JW[ST]_INVALID|Invalid Compact JWS|JWTs must use Compact JWS serialization/, ['token.malformed', 'token.altered', 'token.truncated'], 'jose', 'token malformed', 'jose: the input is not a valid compact JWS/JWT.', 'ERR_JWS_INVALID'),
  JWT_LIB('err_jwt_claim_validation_failed', /ERR_JWT_CLAIM_VALIDATION_FAILED/, ['token.wrong-audience', 'token.wrong-issuer', 'token.malformed'], 'jose', 'claim check failed', 'jose: a claim check failed.', 'ERR_JWT_CLAIM_VALIDATION_FAILED'),
  { n: 'err_jwks_timeout', re: /ERR_JWKS_TIMEOUT/, code: 'ERR_JWKS_TIMEOUT', causes: ['transport.network'], provider: 'jose', ctx: 'transport', short: 'JWKS fetch timed out', meaning: 'jose: the JWKS endpoint did not answer in time.' },

  // ---- PyJWT / python-jose
  JWT_LIB('expiredsignatureerror', /ExpiredSignatureError|Signature has expired/, ['token.expired'], 'PyJWT', 'token expired', 'PyJWT: exp is in the past (beyond leeway).', 'ExpiredSignatureError'),
  JWT_LIB('immaturesignatureerror', /ImmatureSignatureError|The token is not yet valid/, ['token.not-yet-valid'], 'PyJWT', 'token not yet valid', 'PyJWT: nbf or iat is in the future.', 'ImmatureSignatureError'),
  JWT_LIB('invalidaudienceerror', /InvalidAudienceError|Audience doesn'?t match|Invalid audience/, ['token.wrong-audience'], 'PyJWT', 'wrong audience', 'PyJWT: aud does not match the audience argument.', 'InvalidAudienceError'),
  JWT_LIB('invalidissuererror', /InvalidIssuerError|Invalid issuer/, ['token.wrong-issuer'], 'PyJWT', 'wrong issuer', 'PyJWT: iss does not match the issuer argument.', 'InvalidIssuerError'),
  JWT_LIB('invalidsignatureerror', /InvalidSignatureError|Signature verification failed/, ['token.signature'], 'PyJWT', 'bad signature', 'The signature does not verify with the key given.', 'InvalidSignatureError'),
  JWT_LIB('invalidalgorithmerror', /InvalidAlgorithmError|The specified alg value is not allowed|Algorithm not supported/, ['token.algorithm'], 'PyJWT', 'algorithm not allowed', 'PyJWT: the token alg is not in algorithms=[...].', 'InvalidAlgorithmError'),
  JWT_LIB('not enough segments', /Not enough segments|Too many segments/, ['token.malformed', 'token.truncated', 'token.altered'], 'PyJWT', 'wrong number of segments', 'PyJWT: the string does not have three dot-separated parts.', 'DecodeError'),
  JWT_LIB('padding', /Invalid (?:header|payload|crypto) padding|Incorrect padding/, ['token.truncated', 'token.altered', 'token.malformed'], 'PyJWT', 'bad base64 padding', 'A segment is not valid base64url: the token was cut or altered.', 'DecodeError'),
  JWT_LIB('missingrequiredclaimerror', /MissingRequiredClaimError|Token is missing the "\w{1,10}" claim/, ['token.malformed'], 'PyJWT', 'claim missing', 'PyJWT: a required claim is missing.', 'MissingRequiredClaimError'),
  JWT_LIB('unable to find a signing key', /Unable to find a signing key that matches/, ['token.signature', 'token.wrong-issuer'], 'PyJWT', 'no matching key', 'PyJWKClient: no key in the JWKS has the token kid.', 'PyJWKClientError'),

  // ---- Nimbus / Spring Security
  JWT_LIB('jwt expired at', /Jwt expired at [\w:.+-]{6,40}/, ['token.expired'], 'Spring Security', 'token expired', 'Spring Security: the JWT exp is in the past (60 s default clock skew).'),
  JWT_LIB('expired jwt', /\bExpired JWT\b/, ['token.expired'], 'Nimbus JOSE+JWT', 'token expired', 'Nimbus: exp is in the past.', 'BadJWTException'),
  JWT_LIB('before use time', /JWT before use time/, ['token.not-yet-valid'], 'Nimbus JOSE+JWT', 'token not yet valid', 'Nimbus: nbf is in the future.', 'BadJWTException'),
  JWT_LIB('jwt audience rejected', /JWT audience rejected|JWT aud claim has value/, ['token.wrong-audience'], 'Nimbus JOSE+JWT', 'wrong audience', 'Nimbus: aud is not an accepted audience.', 'BadJWTException'),
  JWT_LIB('jwt issuer rejected', /JWT issuer rejected|JWT iss claim has value|The iss claim is not valid/, ['token.wrong-issuer'], 'Nimbus JOSE+JWT', 'wrong issuer', 'Nimbus / Spring: iss does not match the configured issuer-uri.', 'BadJWTException'),
  JWT_LIB('another algorithm expected', /Another algorithm expected, or no matching key\(s\) found/, ['token.signature', 'token.algorithm', 'token.wrong-issuer'], 'Nimbus JOSE+JWT', 'no matching key or algorithm', "Nimbus: no key in the JWK set matches the token's kid and alg (keys rotated, another issuer, or HS/RS mismatch).", 'BadJOSEException'),
  JWT_LIB('signed jwt rejected', /Signed JWT rejected: Invalid signature/, ['token.signature'], 'Nimbus JOSE+JWT', 'bad signature', 'Nimbus: the signature does not verify.', 'BadJWSException'),
  JWT_LIB('unsigned jwt rejected', /Unsigned JWT rejected|Unsecured \(plain\) JWTs are rejected/, ['token.algorithm'], 'Nimbus JOSE+JWT', 'unsigned token', 'Nimbus: alg none is not accepted.', 'BadJOSEException'),
  JWT_LIB('jose header', /JOSE header "?typ"? \(type\) "?[\w+./-]{1,40}"? not allowed/i, ['token.wrong-type'], 'Nimbus JOSE+JWT', 'wrong typ', 'Nimbus: the typ header is not accepted (at+jwt vs JWT).', 'BadJOSEException'),
  JWT_LIB('missing required claims', /JWT missing required claims|The required audience is missing|The aud claim is not valid/, ['token.wrong-audience', 'token.malformed'], 'Spring Security', 'claim check failed', 'A required claim (often aud) is missing or not valid.'),
  JWT_LIB('missing part delimiters', /Missing (?:part|dot) delimiter|Invalid JWT serialization|Malformed token|Bearer token is malformed/i, ['token.malformed', 'token.altered', 'token.truncated'], 'Spring Security', 'token malformed', 'The token is not a compact JWT.'),
  { n: "couldn't retrieve remote jwk set", re: /Couldn'?t retrieve remote JWK set|Unable to obtain configuration from|Unable to resolve the Configuration with the provided Issuer/i, causes: ['transport.network', 'transport.tls'], provider: 'Spring Security', ctx: 'transport', short: 'JWKS/metadata unreachable', meaning: 'The resource server could not fetch the JWK set or discovery document.' },
  { n: 'full authentication is required', re: /Full authentication is required to access this resource|InsufficientAuthenticationException/, causes: ['token.missing', 'transport.proxy-altered', 'token.altered'], provider: 'Spring Security', status: 401, ctx: 'resource', short: 'no authentication', meaning: 'Spring Security: the request reached a protected endpoint anonymously: no Authorization header (or one a proxy stripped).' },
  { n: 'authorization_request_not_found', re: /authorization_request_not_found/, code: 'authorization_request_not_found', causes: ['request.state'], provider: 'Spring Security', error: 'invalid_request', ctx: 'authorize', short: 'login session lost', meaning: 'Spring Security OAuth2 client: the saved authorization request was not found on the callback (session cookie lost, different host, or SameSite).' },
  { n: 'accessdeniedexception', re: /AccessDeniedException|\bAccess is denied\b/, causes: ['token.insufficient-scope'], provider: 'Spring Security', error: 'insufficient_scope', status: 403, ctx: 'resource', short: 'access denied', meaning: 'Spring Security: authenticated, but the required authority (SCOPE_x or ROLE_x) is missing.' },
  { n: 'cannot convert access token to json', re: /Cannot convert access token to JSON/, causes: ['token.signature', 'token.malformed'], provider: 'Spring Security OAuth', error: 'invalid_token', status: 401, ctx: 'resource', short: 'token not decodable', meaning: 'Legacy Spring Security OAuth: the JWT did not verify with the configured signing key.' },

  // ---- jjwt
  JWT_LIB('expiredjwtexception', /ExpiredJwtException|JWT expired (?:at|\d)/, ['token.expired'], 'jjwt', 'token expired', 'jjwt: exp is in the past (beyond allowedClockSkewSeconds).', 'ExpiredJwtException'),
  JWT_LIB('prematurejwtexception', /PrematureJwtException|JWT must not be accepted before/, ['token.not-yet-valid'], 'jjwt', 'token not yet valid', 'jjwt: nbf is in the future.', 'PrematureJwtException'),
  JWT_LIB('signatureexception', /(?:io\.jsonwebtoken\.(?:security\.)?)?SignatureException|JWT signature does not match locally computed signature/, ['token.signature'], 'jjwt', 'bad signature', 'jjwt: the signature does not match the key.', 'SignatureException'),
  JWT_LIB('malformedjwtexception', /MalformedJwtException|JWT strings must contain exactly 2 period characters/, ['token.malformed', 'token.truncated', 'token.altered'], 'jjwt', 'token malformed', 'jjwt: the token is not a well-formed compact JWT.', 'MalformedJwtException'),
  JWT_LIB('unsupportedjwtexception', /UnsupportedJwtException/, ['token.algorithm', 'token.wrong-type'], 'jjwt', 'unsupported token', 'jjwt: the token kind is not the one expected (e.g. unsigned claims JWT).', 'UnsupportedJwtException'),
  JWT_LIB('incorrectclaimexception', /IncorrectClaimException|Expected (aud|iss) claim to be/, ['token.wrong-audience', 'token.wrong-issuer'], 'jjwt', 'claim mismatch', 'jjwt: a required claim has another value.', 'IncorrectClaimException'),
  JWT_LIB('weakkeyexception', /WeakKeyException/, ['token.algorithm'], 'jjwt', 'key too weak', 'jjwt: the key is too short for the algorithm.', 'WeakKeyException'),

  // ---- ASP.NET remote authentication
  { n: ['state', 'csrf'], re: /\b(?:state (?:parameter |value )?(?:mismatch|does not match|did not match|is invalid|missing)|mismatching[_ ]state|invalid[_ ]state|state mismatch|unable to verify authorization request state|checks\.state argument is missing|CSRF (?:token |state )?(?:mismatch|validation failed))/i, causes: ['request.state'], error: 'invalid_request', ctx: 'authorize', short: 'state mismatch', meaning: 'The state returned on the callback is missing or differs from the one the client stored before the redirect (a lost session or cookie, two tabs, or a forged callback).' },
  { n: 'correlation failed', re: /Correlation failed/, causes: ['request.state'], provider: 'ASP.NET Core', error: 'invalid_request', ctx: 'authorize', short: 'correlation cookie lost', meaning: 'ASP.NET Core: the correlation cookie set before the redirect was not sent back (SameSite, HTTP vs HTTPS, another host, or a stale tab).' },
  { n: 'message.state', re: /Unable to unprotect the message\.State|The oauth state was missing or invalid/i, causes: ['request.state'], provider: 'ASP.NET Core', error: 'invalid_request', ctx: 'authorize', short: 'state invalid', meaning: 'The state on the callback could not be read: data protection keys differ between instances, or the state was altered.' },
  { n: 'the signature key was not found', re: /The signature key was not found/, causes: ['token.signature', 'token.wrong-issuer'], provider: 'ASP.NET Core', error: 'invalid_token', status: 401, ctx: 'resource', short: 'signing key not found', meaning: 'No key from the metadata matches the token kid.' },

  // ---- oauthlib / requests-oauthlib / MSAL style "(code) message"
  { n: 'oauthlib', re: /oauthlib\.oauth2\.rfc6749\.errors\.(\w{1,40})Error/, code: 1, causes: ['request.invalid'], provider: 'oauthlib', ctx: 'unknown', short: 'OAuth error', meaning: 'oauthlib raised an OAuth error from the server response.' },

  // ---- Envoy / Istio jwt_authn (messages are case-sensitive "Jwt ...")
  ENVOY('jwt is expired', /Jwt is expired/, ['token.expired'], 'token expired', 'Envoy/Istio jwt_authn: exp is in the past.'),
  ENVOY(['jwt not yet valid', 'jwt is not yet valid'], /Jwt (?:is )?not yet valid/, ['token.not-yet-valid'], 'token not yet valid', 'Envoy/Istio jwt_authn: nbf is in the future.'),
  ENVOY('jwt is missing', /Jwt is missing/, ['token.missing'], 'no token', 'Envoy/Istio jwt_authn: the request carried no JWT where the RequestAuthentication expects it (header or query parameter).'),
  ENVOY('jwt issuer is not configured', /Jwt issuer is not configured/, ['token.wrong-issuer'], 'issuer not configured', 'Envoy/Istio jwt_authn: no provider is configured for this iss (compare iss with the RequestAuthentication issuer, to the character).'),
  ENVOY('audiences in jwt are not allowed', /Audiences in Jwt are not allowed/, ['token.wrong-audience'], 'audience not allowed', 'Envoy/Istio jwt_authn: aud names none of the configured audiences.'),
  ENVOY('jwks remote fetch', /Jwks remote fetch is failed/, ['transport.network', 'transport.tls'], 'JWKS unreachable', 'Envoy/Istio jwt_authn: the proxy could not fetch the issuer\'s JWKS (network, DNS or TLS from the proxy).'),
  ENVOY(['jwt verification fails', 'jwks doesn'], /Jwt verification fails|Jwks doesn't have key to match kid or alg from Jwt/, ['token.signature', 'token.wrong-issuer'], 'signature rejected', 'Envoy/Istio jwt_authn: the signature does not verify with the configured JWKS (rotated keys, or a token from another issuer).'),

  // ---- TLS
  { n: 'curl: (60)', re: /curl: \(60\) (?:SSL certificate problem: )?.{0,120}/i, causes: ['transport.tls'], provider: 'curl', code: 'curl 60', ctx: 'transport', short: 'certificate not trusted', meaning: 'curl could not verify the server certificate chain against its CA bundle.' },
  { n: 'curl: (51)', re: /curl: \(51\)/i, causes: ['transport.tls'], provider: 'curl', code: 'curl 51', ctx: 'transport', short: 'certificate name mismatch', meaning: 'The certificate does not match the host name.' },
  { n: 'curl: (35)', re: /curl: \(35\)/i, causes: ['transport.tls'], provider: 'curl', code: 'curl 35', ctx: 'transport', short: 'TLS handshake failed', meaning: 'The TLS handshake failed (protocol, cipher, or client certificate).' },
  { n: 'ssl certificate problem', re: /SSL certificate problem: .{0,120}/i, causes: ['transport.tls'], ctx: 'transport', short: 'certificate not trusted', meaning: 'The server certificate chain could not be verified.' },
  { n: ['cert', 'leaf_signature'], re: /\b(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(?:_LOCALLY)?|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)\b/, code: 1, causes: ['transport.tls'], provider: 'Node.js', ctx: 'transport', short: 'certificate rejected', meaning: 'Node.js rejected the server certificate.' },
  { n: ['unable to verify the first certificate', 'self-signed certificate', 'self signed certificate', 'unable to get local issuer certificate', 'certificate has expired', 'certificate is not yet valid'], re: /unable to verify the first certificate|self[- ]signed certificate(?: in certificate chain)?|unable to get local issuer certificate|certificate has expired|certificate is not yet valid/i, causes: ['transport.tls'], ctx: 'transport', short: 'certificate rejected', meaning: 'The server certificate chain could not be verified.' },
  { n: 'pkix', re: /PKIX path (?:building|validation) failed|SunCertPathBuilderException|unable to find valid certification path/i, causes: ['transport.tls'], provider: 'Java', code: 'PKIX', ctx: 'transport', short: 'certificate not trusted', meaning: 'Java: the server certificate chain does not lead to a CA in the truststore (cacerts).' },
  { n: 'certificate_verify_failed', re: /CERTIFICATE_VERIFY_FAILED|certificate verify failed|SSLCertVerificationError/i, causes: ['transport.tls'], provider: 'Python', ctx: 'transport', short: 'certificate not trusted', meaning: 'Python could not verify the certificate (certifi bundle lacks the CA, or a TLS-inspecting proxy is in the way).' },
  { n: 'x509', re: /x509: (?:certificate signed by unknown authority|certificate has expired|certificate is valid for|certificate is not valid)/i, causes: ['transport.tls'], provider: 'Go', ctx: 'transport', short: 'certificate rejected', meaning: 'Go crypto/x509 rejected the server certificate.' },
  { n: 'remote certificate is invalid', re: /remote certificate is invalid|The SSL connection could not be established/i, causes: ['transport.tls'], provider: '.NET', ctx: 'transport', short: 'certificate rejected', meaning: '.NET rejected the server certificate or the TLS handshake failed.' },
  { n: 'sslhandshakeexception', re: /SSLHandshakeException|handshake_failure|No subject alternative (?:DNS )?names? matching/i, causes: ['transport.tls'], provider: 'Java', ctx: 'transport', short: 'TLS handshake failed', meaning: 'The TLS handshake failed: untrusted certificate, name mismatch, protocol or cipher mismatch, or a missing client certificate.' },

  // ---- Network (only near auth)
  { n: ['etimedout', 'econn', 'enotfound', 'eai_again', 'ehostunreach', 'enetunreach', 'esockettimedout'], re: /\b(ETIMEDOUT|ECONNREFUSED|ENOTFOUND|ECONNRESET|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNABORTED|ESOCKETTIMEDOUT)\b/, code: 1, causes: ['transport.network'], provider: 'Node.js', ctx: 'transport', short: 'network failure', meaning: 'The connection to the server failed before any HTTP answer.', needsAuthContext: true },
  { n: ['refused', 'timed out', 'unknownhost', 'no route', 'hang up', 'not known', 'name resolution', 'could not resolve', 'failed to connect', 'i/o timeout', 'deadline exceeded', 'getaddrinfo'], re: /Connection refused|Read timed out|connect timed out|Connection timed out|UnknownHostException|No route to host|socket hang up|Name or service not known|Temporary failure in name resolution|Could not resolve host|Failed to connect to|Operation timed out|i\/o timeout|context deadline exceeded|getaddrinfo/i, causes: ['transport.network'], ctx: 'transport', short: 'network failure', meaning: 'The connection to the server failed before any HTTP answer.', needsAuthContext: true },
  { n: 'proxy authentication required', re: /\b407\b.{0,10}Proxy Authentication Required|Proxy Authentication Required/i, causes: ['transport.network', 'transport.proxy-altered'], status: 407, ctx: 'transport', short: 'proxy wants credentials', meaning: 'A forward proxy requires its own authentication (Proxy-Authorization).' },

  // ---- Generic rate limits
  { n: 'rate limit', re: /\b(?:api )?rate limit(?:s)? (?:exceeded|reached|hit)|rate[_ ]limit[_ ]exceeded/i, causes: ['server.rate-limited'], status: 429, ctx: 'rate', short: 'rate limited', meaning: 'A rate limit was reached; slow down and honour Retry-After.' },
  { n: 'too many requests', re: /\bToo Many Requests\b/i, causes: ['server.rate-limited'], status: 429, ctx: 'rate', short: 'rate limited', meaning: 'A rate limit was reached; slow down and honour Retry-After.' },
];

export { TOKEN_ANY };

/** Words that make a network failure an auth matter. */
export const AUTH_CONTEXT_RE =
  /token|oauth|openid|\boidc\b|jwks|\.well-known|authori[sz]e|\/auth\b|\blogin\b|\bidp\b|\bsts\b|okta|auth0|keycloak|cognito|microsoftonline|accounts\.google|identity|\bsso\b|\bsaml\b|introspect|userinfo/i;
