import type { CauseId } from '../model';
import type { Ctx } from './oauthCodes';

/** One provider code: what it means, what it implies, what causes it. */
export interface VendorCode {
  readonly causes: readonly CauseId[];
  readonly meaning: string;
  readonly short: string;
  /** The RFC error code this vendor code implies. */
  readonly error?: string;
  readonly ctx?: Ctx;
  readonly status?: number;
}

type Row = [causes: CauseId[], short: string, meaning: string, error?: string, ctx?: Ctx];

function table(rows: Record<string, Row>): Record<string, VendorCode> {
  const out: Record<string, VendorCode> = {};
  for (const k of Object.keys(rows)) {
    const [causes, short, meaning, error, ctx] = rows[k]!;
    out[k] = { causes, short, meaning, ...(error ? { error } : {}), ...(ctx ? { ctx } : {}) };
  }
  return out;
}

/** Microsoft Entra ID (Azure AD) STS codes, keyed by the number after "AADSTS". */
// One entry per line, so that a row reads, greps and diffs as one entry:
// prettier-ignore
export const AADSTS: Readonly<Record<string, VendorCode>> = table({
  '50000': [['server.error'], 'sign-in service error', 'Entra ID failed while issuing the token; usually transient.', 'server_error', 'server'],
  '50001': [['token.wrong-audience', 'request.invalid-scope'], 'resource not found or disabled', 'The requested resource (API) is not found, disabled, or not available in this tenant.', 'invalid_resource', 'request'],
  '50011': [['request.redirect-uri'], 'redirect URI mismatch', 'The redirect URI in the request does not exactly match one registered on the app registration.', 'invalid_request', 'authorize'],
  '50012': [['client.authentication-failed', 'client.assertion-claims'], 'client authentication failed', 'The client secret or client assertion was not accepted (wrong secret, unknown certificate, bad assertion).', 'invalid_client', 'client'],
  '50013': [['grant.invalid', 'token.wrong-audience', 'token.expired', 'token.signature'], 'assertion rejected', 'The assertion (often the user token in an on-behalf-of request) failed validation: wrong audience, expired, or bad signature.', 'invalid_grant', 'grant'],
  '50017': [['transport.tls', 'client.authentication-failed'], 'certificate validation failed', 'A certificate used for authentication failed validation.', 'invalid_client', 'client'],
  '50020': [['request.access-denied', 'token.wrong-issuer'], 'user from another tenant', 'The signed-in account does not exist in this tenant (not invited as a guest), or the app signs in against the wrong tenant.', 'invalid_request', 'authorize'],
  '50027': [['client.assertion-claims', 'token.signature', 'token.malformed'], 'invalid JWT', 'A JWT presented to Entra ID (usually a client assertion) is invalid: missing claim, wrong signature, or expired.', 'invalid_client', 'client'],
  '50034': [['request.access-denied', 'grant.invalid'], 'user not found', 'The user account does not exist in this directory.', 'invalid_grant', 'grant'],
  '50053': [['request.access-denied', 'server.rate-limited'], 'account locked', 'The account is locked after too many failed sign-ins, or sign-in from a suspicious IP was blocked.', 'invalid_grant', 'grant'],
  '50055': [['request.interaction-required'], 'password expired', 'The user password has expired and must be changed interactively.', 'invalid_grant', 'authorize'],
  '50057': [['request.access-denied'], 'user disabled', 'The user account is disabled.', 'invalid_grant', 'authorize'],
  '50058': [['request.interaction-required'], 'no signed-in user', 'A silent sign-in was attempted but no user session was found (third-party cookies blocked, or not signed in).', 'interaction_required', 'authorize'],
  '50059': [['request.invalid'], 'tenant not identified', 'No tenant could be found from the request: use a tenant-specific authority or pass the tenant.', 'invalid_request', 'request'],
  '50072': [['request.interaction-required'], 'MFA enrollment required', 'The user must register for multi-factor authentication.', 'interaction_required', 'authorize'],
  '50074': [['request.interaction-required'], 'strong authentication required', 'Strong authentication (MFA) is required.', 'interaction_required', 'authorize'],
  '50076': [['request.interaction-required'], 'MFA required', 'A policy requires multi-factor authentication for this sign-in; non-interactive flows (ROPC, silent) cannot satisfy it.', 'interaction_required', 'authorize'],
  '50078': [['request.interaction-required'], 'MFA claim expired', 'The presented multi-factor claim expired; the user must authenticate again.', 'interaction_required', 'authorize'],
  '50079': [['request.interaction-required'], 'MFA registration required', 'The user must enroll in multi-factor authentication.', 'interaction_required', 'authorize'],
  '50089': [['request.interaction-required', 'grant.invalid'], 'flow token expired', 'The sign-in flow took too long; the user must start again.', 'invalid_grant', 'authorize'],
  '50097': [['request.access-denied'], 'device authentication required', 'A policy requires an authenticated (registered) device.', 'interaction_required', 'authorize'],
  '50105': [['request.access-denied'], 'user not assigned to the app', 'The app requires user assignment and the signed-in user is not assigned to it (directly or via a group).', 'access_denied', 'authorize'],
  '50126': [['grant.invalid'], 'wrong username or password', 'The username or password is wrong (or the account is federated and ROPC cannot be used).', 'invalid_grant', 'grant'],
  '50128': [['request.invalid'], 'invalid domain', 'No tenant was found for the domain in the request.', 'invalid_request', 'request'],
  '50132': [['grant.invalid', 'token.revoked'], 'session revoked', 'The session or refresh token was revoked: password change, reset, or admin revocation.', 'invalid_grant', 'grant'],
  '50133': [['grant.invalid', 'token.revoked'], 'session invalidated', 'The session is invalid because it expired or the password changed.', 'invalid_grant', 'grant'],
  '50158': [['request.interaction-required'], 'external challenge not satisfied', 'An external security challenge (third-party MFA) was not satisfied.', 'interaction_required', 'authorize'],
  '50173': [['grant.invalid', 'token.revoked'], 'grant revoked', 'The grant was revoked (password change or token revocation); a fresh sign-in is needed.', 'invalid_grant', 'grant'],
  '50194': [['client.unauthorized', 'token.wrong-issuer'], 'app not multi-tenant', 'The app is single-tenant but the request used /common or another tenant: use the tenant-specific endpoint.', 'invalid_request', 'authorize'],
  '50196': [['server.rate-limited'], 'sign-in loop detected', 'The client requested tokens in a tight loop; cache tokens instead.', 'invalid_request', 'rate'],
  '53000': [['request.access-denied'], 'device not compliant', 'Conditional Access requires a compliant device.', 'access_denied', 'authorize'],
  '53003': [['request.access-denied'], 'blocked by Conditional Access', 'A Conditional Access policy blocked this sign-in (location, app, device, or risk).', 'access_denied', 'authorize'],
  '530003': [['request.access-denied'], 'managed device required', 'Conditional Access requires a managed device for this resource.', 'access_denied', 'authorize'],
  '54005': [['grant.invalid'], 'code already redeemed', 'The authorization code was already redeemed; codes are single-use.', 'invalid_grant', 'grant'],
  '65001': [['request.interaction-required', 'request.access-denied'], 'consent missing', 'The user or an administrator has not consented to the app for the requested permissions.', 'consent_required', 'authorize'],
  '65004': [['request.access-denied'], 'user declined consent', 'The user declined to consent to the app.', 'access_denied', 'authorize'],
  '65005': [['request.invalid-scope', 'client.unauthorized'], 'misconfigured required access', 'The app requests access to a resource it does not list in its required permissions, or the resource is not available.', 'invalid_client', 'request'],
  '70000': [['grant.invalid'], 'invalid grant', 'The grant (code or refresh token) is invalid, expired, or issued for another scope, client or user.', 'invalid_grant', 'grant'],
  '70001': [['client.unauthorized'], 'application disabled or not found', 'The application is not found in the tenant or is disabled.', 'unauthorized_client', 'client'],
  '70002': [['client.authentication-failed'], 'invalid client', 'The client credentials could not be validated, or the client is not enabled for this kind of request.', 'invalid_client', 'client'],
  '70008': [['grant.invalid'], 'code or refresh token expired', 'The authorization code or refresh token has expired (codes live about 10 minutes; refresh tokens expire after inactivity).', 'invalid_grant', 'grant'],
  '70011': [['request.invalid-scope'], 'invalid scope', 'The scope value is invalid: mixed resources, unknown permission, or missing /.default.', 'invalid_scope', 'request'],
  '70016': [['grant.pending'], 'authorization pending', 'Device flow: the user has not completed sign-in yet.', 'authorization_pending', 'device'],
  '70019': [['grant.device-expired'], 'device code expired', 'Device flow: the verification code expired before the user finished.', 'expired_token', 'device'],
  '70043': [['grant.invalid', 'request.interaction-required'], 'refresh token expired by policy', 'The refresh token expired or became invalid because of a Conditional Access sign-in frequency policy.', 'invalid_grant', 'grant'],
  '90002': [['request.invalid', 'token.wrong-issuer'], 'tenant not found', 'The tenant in the authority URL does not exist (typo, wrong cloud, or deleted tenant).', 'invalid_request', 'request'],
  '90009': [['request.invalid'], 'app requested a token for itself', 'A token for the app itself was requested with a non-GUID resource.', 'invalid_request', 'request'],
  '90014': [['request.invalid'], 'required field missing', 'A required parameter or field is missing from the request or credential.', 'invalid_request', 'request'],
  '90033': [['server.unavailable'], 'transient error', 'A transient error occurred at Entra ID; retry.', 'temporarily_unavailable', 'server'],
  '90072': [['request.access-denied'], 'guest account missing', 'The account from the external identity provider does not exist in this tenant.', 'invalid_request', 'authorize'],
  '90094': [['request.interaction-required'], 'admin consent required', 'An administrator must grant consent for these permissions.', 'consent_required', 'authorize'],
  '90095': [['request.interaction-required'], 'admin consent required', 'An administrator must grant consent for these permissions.', 'consent_required', 'authorize'],
  '90100': [['request.invalid'], 'empty parameter', 'A request parameter is empty or invalid.', 'invalid_request', 'request'],
  '165000': [['request.state', 'request.interaction-required'], 'invalid session state', 'The request context is invalid for this session: cookies were lost, blocked, or belong to another sign-in.', 'invalid_request', 'authorize'],
  '240001': [['request.access-denied'], 'not allowed to register devices', 'The user is not allowed to register (join) devices.', 'access_denied', 'authorize'],
  '500011': [['token.wrong-audience', 'request.invalid-scope'], 'resource principal not found', 'The resource (API) named in the scope or resource parameter is not registered in this tenant: typo, wrong tenant, or the API was never consented.', 'invalid_resource', 'request'],
  '500021': [['request.access-denied'], 'tenant restriction', 'Tenant restrictions block access to this tenant.', 'access_denied', 'authorize'],
  '500113': [['request.redirect-uri'], 'no reply address registered', 'The app registration has no redirect URI for this platform.', 'invalid_request', 'authorize'],
  '500133': [['token.expired', 'grant.invalid'], 'assertion outside its valid time range', 'The assertion (the user token in an on-behalf-of call) has expired or is not yet valid.', 'invalid_grant', 'grant'],
  '501481': [['grant.invalid'], 'PKCE verifier mismatch', 'The code_verifier does not match the code_challenge sent to /authorize.', 'invalid_grant', 'grant'],
  '50148': [['grant.invalid'], 'PKCE verifier mismatch', 'The code_verifier does not match the code_challenge sent to /authorize.', 'invalid_grant', 'grant'],
  '650052': [['request.invalid-scope', 'client.unauthorized'], 'service not enabled for the tenant', 'The app needs a service the organisation has not subscribed to or enabled (no service principal).', 'invalid_client', 'request'],
  '650056': [['request.invalid-scope', 'request.interaction-required'], 'misconfigured application', 'The client has not listed the permissions it asks for, or an admin has not consented.', 'invalid_client', 'request'],
  '650057': [['request.invalid-scope', 'token.wrong-audience'], 'resource not in required permissions', 'The client asked for a resource that is not in its configured API permissions.', 'invalid_client', 'request'],
  '700003': [['grant.invalid'], 'device object not found', 'The device object was deleted from the directory; the device must re-register.', 'invalid_grant', 'grant'],
  '700005': [['grant.invalid', 'token.wrong-issuer'], 'code for another tenant', 'The authorization code was issued for another tenant.', 'invalid_grant', 'grant'],
  '700016': [['client.authentication-failed', 'client.unauthorized', 'token.wrong-issuer'], 'application not found in tenant', 'No application with this client_id exists in the tenant: wrong client id, wrong tenant, or the app was never consented there.', 'unauthorized_client', 'client'],
  '700021': [['client.assertion-claims'], 'no matching federated credential', 'No federated identity credential matches the presented assertion (issuer, subject or audience).', 'invalid_client', 'client'],
  '700022': [['request.invalid-scope'], 'scopes for several resources', 'The scope parameter names more than one resource; request one resource per token.', 'invalid_scope', 'request'],
  '700024': [['client.assertion-claims'], 'client assertion outside its time range', 'The client assertion is expired or not yet valid: check exp/nbf/iat (seconds, not milliseconds) and the machine clock.', 'invalid_client', 'client'],
  '700025': [['client.authentication-failed'], 'public client sent credentials', 'The client is public, so it must not send a client_secret or client_assertion.', 'invalid_client', 'client'],
  '700027': [['client.authentication-failed', 'client.assertion-claims'], 'client assertion signature invalid', 'The client assertion was signed with a key whose certificate is not registered on the app (or the x5t/kid does not match).', 'invalid_client', 'client'],
  '700051': [['request.unsupported-response-type'], 'response_type not enabled', 'The response_type "token" (implicit grant) is not enabled for the app.', 'unsupported_response_type', 'authorize'],
  '700054': [['request.unsupported-response-type'], 'id_token not enabled', 'The response_type "id_token" is not enabled for the app (implicit/hybrid ID tokens are off).', 'unsupported_response_type', 'authorize'],
  '700082': [['grant.invalid'], 'refresh token expired', 'The refresh token expired after a long period of inactivity (90 days by default).', 'invalid_grant', 'grant'],
  '700211': [['client.assertion-claims', 'token.wrong-issuer'], 'no matching federated issuer', 'No federated identity credential matches the assertion issuer.', 'invalid_client', 'client'],
  '700212': [['client.assertion-claims'], 'no matching federated audience', 'No federated identity credential matches the assertion audience.', 'invalid_client', 'client'],
  '700213': [['client.assertion-claims'], 'no matching federated subject', 'No federated identity credential matches the assertion subject.', 'invalid_client', 'client'],
  '7000112': [['client.unauthorized'], 'application disabled', 'The application is disabled.', 'unauthorized_client', 'client'],
  '7000215': [['client.authentication-failed'], 'invalid client secret', 'The client secret is wrong; a common slip is sending the secret ID instead of the secret value.', 'invalid_client', 'client'],
  '7000218': [['client.authentication-failed', 'request.invalid'], 'client credentials missing', 'The request must contain client_secret or client_assertion (or the app must allow public client flows).', 'invalid_client', 'client'],
  '7000222': [['client.authentication-failed'], 'client secret expired', 'The client secret has expired; create a new one on the app registration.', 'invalid_client', 'client'],
  '900144': [['request.invalid'], 'required parameter missing', 'The request body lacks a required parameter (often grant_type, client_id or scope: check the content type is form-encoded).', 'invalid_request', 'request'],
  '9002313': [['request.invalid', 'grant.invalid'], 'malformed request', 'The request is malformed or invalid, often an altered or double-encoded authorization code.', 'invalid_request', 'request'],
  '9002326': [['request.invalid'], 'cross-origin redemption restricted', 'The SPA redirect URI type requires the code to be redeemed from the browser (cross-origin).', 'invalid_request', 'request'],
  '1002016': [['transport.tls'], 'TLS 1.2 required', 'The client used an old TLS version; Entra ID requires TLS 1.2 or later.', 'invalid_request', 'transport'],
  '28000': [['request.invalid-scope'], 'scopes for several resources', 'The scope contains more than one resource.', 'invalid_scope', 'request'],
  '28003': [['request.invalid-scope'], 'scopes for several resources', 'The scope contains more than one resource.', 'invalid_scope', 'request'],
});

/** Okta API error codes. */
// One entry per line, so that a row reads, greps and diffs as one entry:
// prettier-ignore
export const OKTA: Readonly<Record<string, VendorCode>> = table({
  E0000001: [['request.invalid'], 'API validation failed', 'Okta rejected the request body: a field is missing or invalid.'],
  E0000003: [['request.invalid'], 'body not well formed', 'The request body is not well-formed JSON.'],
  E0000004: [['grant.invalid'], 'authentication failed', 'Okta could not authenticate the user: wrong username or password, or the user is locked or not active.', 'invalid_grant', 'grant'],
  E0000005: [['token.revoked', 'token.expired'], 'invalid session', 'The Okta session is invalid or expired.', undefined, 'resource'],
  E0000006: [['token.insufficient-scope'], 'permission missing', 'The caller (API token owner or OAuth app) does not have permission for this action.', undefined, 'resource'],
  E0000007: [['request.invalid'], 'resource not found', 'The resource in the path does not exist.'],
  E0000008: [['request.invalid'], 'path not found', 'The requested path does not exist.'],
  E0000009: [['server.error'], 'internal server error', 'Okta failed while handling the request.', undefined, 'server'],
  E0000010: [['server.unavailable'], 'read-only mode', 'The Okta org is in read-only mode.', undefined, 'server'],
  E0000011: [['apikey.invalid', 'token.revoked', 'token.expired', 'token.altered'], 'invalid token', 'The API token (SSWS) or access token is not valid: revoked, expired after 30 days unused, from another org, or sent with the wrong scheme.', 'invalid_token', 'resource'],
  E0000013: [['client.authentication-failed'], 'invalid client app id', 'The client application id is not valid.', 'invalid_client', 'client'],
  E0000015: [['token.insufficient-scope'], 'feature not available', 'The caller lacks permission, or the feature is not enabled for the org.', undefined, 'resource'],
  E0000021: [['request.invalid'], 'bad Accept header', 'The Accept header is missing or not application/json.'],
  E0000022: [['request.invalid'], 'method not supported', 'The endpoint does not support this HTTP method.'],
  E0000038: [['request.access-denied'], 'operation not allowed for user status', 'The user is not in a status that allows this operation.'],
  E0000047: [['server.rate-limited'], 'rate limit exceeded', 'The API call exceeded an Okta rate limit; wait until X-Rate-Limit-Reset.', undefined, 'rate'],
  E0000061: [['request.access-denied'], 'denied by policy', 'An Okta policy denied access to this application.', 'access_denied', 'authorize'],
  E0000064: [['request.interaction-required'], 'password expired', 'The user password has expired.', undefined, 'authorize'],
  E0000068: [['grant.invalid'], 'invalid passcode', 'The one-time passcode or answer is wrong.', undefined, 'grant'],
  E0000069: [['request.access-denied'], 'user locked', 'The user account is locked.', undefined, 'authorize'],
  E0000119: [['request.access-denied'], 'user locked', 'The user account is locked.', undefined, 'authorize'],
  E0000207: [['grant.invalid'], 'wrong username or password', 'The username or password is wrong.', 'invalid_grant', 'grant'],
});

/** Microsoft.IdentityModel (ASP.NET Core JwtBearer) codes, keyed by the digits after "IDX". */
// One entry per line, so that a row reads, greps and diffs as one entry:
// prettier-ignore
export const IDX: Readonly<Record<string, VendorCode>> = table({
  '10204': [['token.wrong-issuer'], 'no valid issuer configured', 'Issuer validation cannot run: ValidIssuer(s) is not set and no metadata provided one.', 'invalid_token', 'resource'],
  '10205': [['token.wrong-issuer'], 'issuer validation failed', "The token's iss is not among the valid issuers (other tenant, v1 vs v2 endpoint, other environment).", 'invalid_token', 'resource'],
  '10206': [['token.wrong-audience'], 'no audiences in token', 'The token carries no audience to validate.', 'invalid_token', 'resource'],
  '10208': [['token.wrong-audience'], 'no valid audience configured', 'Audience validation cannot run: ValidAudience(s) is not configured.', 'invalid_token', 'resource'],
  '10209': [['token.malformed'], 'token too large', 'The token is larger than MaximumTokenSizeInBytes.', 'invalid_token', 'resource'],
  '10211': [['token.wrong-issuer'], 'no issuer in token', 'The token has no iss to validate.', 'invalid_token', 'resource'],
  '10214': [['token.wrong-audience'], 'audience validation failed', "The token's aud does not match the configured audience (often the client id vs the App ID URI, or a token for Microsoft Graph).", 'invalid_token', 'resource'],
  '10222': [['token.not-yet-valid'], 'token not yet valid', 'Lifetime validation failed: nbf is in the future (clock skew).', 'invalid_token', 'resource'],
  '10223': [['token.expired'], 'token expired', 'Lifetime validation failed: the token is expired.', 'invalid_token', 'resource'],
  '10224': [['token.malformed', 'token.not-yet-valid'], 'nbf after exp', 'Lifetime validation failed: nbf is after exp.', 'invalid_token', 'resource'],
  '10225': [['token.malformed'], 'no expiry', 'Lifetime validation failed: the token has no exp.', 'invalid_token', 'resource'],
  '10230': [['token.expired'], 'lifetime rejected', 'Lifetime validation failed (custom LifetimeValidator returned false).', 'invalid_token', 'resource'],
  '10500': [['token.signature'], 'no signing keys', 'Signature validation failed: no keys were available (metadata not loaded or IssuerSigningKey not set).', 'invalid_token', 'resource'],
  '10501': [['token.signature', 'token.wrong-issuer'], 'signing key not found', "Signature validation failed: no key matches the token's kid (keys rotated, or token from another issuer).", 'invalid_token', 'resource'],
  '10503': [['token.signature', 'token.wrong-issuer'], 'signature validation failed', 'Signature validation failed with all keys tried.', 'invalid_token', 'resource'],
  '10504': [['token.algorithm'], 'token not signed', 'The token has no signature (alg none).', 'invalid_token', 'resource'],
  '10511': [['token.signature', 'token.wrong-issuer'], 'signature validation failed', 'Signature validation failed: keys tried did not match the kid.', 'invalid_token', 'resource'],
  '10516': [['token.signature', 'token.wrong-issuer'], 'signing key not found', 'Signature validation failed: unable to match the kid to any configured key.', 'invalid_token', 'resource'],
  '10517': [['token.signature'], 'kid missing', 'Signature validation failed: the token has no kid and no key matched.', 'invalid_token', 'resource'],
  '10720': [['token.algorithm'], 'HMAC key too short', 'The HMAC key is shorter than the algorithm requires (e.g. HS256 needs more than 256 bits).', 'invalid_token', 'resource'],
  '10311': [['request.state'], 'nonce missing', 'OpenID Connect: the nonce cookie is missing (lost cookies, SameSite, or a second tab).', 'invalid_request', 'authorize'],
  '21323': [['request.state'], 'nonce missing', 'OpenID Connect: the nonce cookie is missing (lost cookies, SameSite, or a second tab).', 'invalid_request', 'authorize'],
  '12709': [['token.malformed', 'token.altered'], 'JWT not well formed', 'The token could not be read as a JWT.', 'invalid_token', 'resource'],
  '12723': [['token.malformed', 'token.truncated'], 'payload not Base64Url', 'The payload could not be decoded from Base64Url.', 'invalid_token', 'resource'],
  '12729': [['token.malformed', 'token.truncated'], 'header not Base64Url', 'The header could not be decoded from Base64Url.', 'invalid_token', 'resource'],
  '12741': [['token.malformed', 'token.truncated', 'token.altered'], 'wrong number of segments', 'A JWT must have three segments (JWS) or five (JWE).', 'invalid_token', 'resource'],
  '14100': [['token.malformed', 'token.altered'], 'JWT not well formed', 'The token has no dots: it is not a compact JWT (opaque token, or Bearer prefix mangled).', 'invalid_token', 'resource'],
  '14101': [['token.malformed', 'token.truncated'], 'payload not decodable', 'The payload could not be decoded.', 'invalid_token', 'resource'],
  '14102': [['token.malformed', 'token.truncated'], 'header not decodable', 'The header could not be decoded.', 'invalid_token', 'resource'],
  '20803': [['transport.network', 'transport.tls'], 'metadata unreachable', 'The OpenID configuration document could not be fetched (network, proxy, TLS, or wrong authority).', undefined, 'transport'],
  '20804': [['transport.network', 'transport.tls'], 'document unreachable', 'A metadata or JWKS document could not be retrieved.', undefined, 'transport'],
  '10803': [['transport.network', 'transport.tls'], 'metadata unreachable', 'The OpenID configuration document could not be fetched.', undefined, 'transport'],
});
