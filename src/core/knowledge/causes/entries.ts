import type { CauseEntry } from './schema';

/*
 * The catalog: one entry per cause id of ../shared/causes.md. This is what the
 * panel and `token-doctor scan` show. Written for identity engineers: concrete
 * checks and steps, provider specifics where they differ.
 */
export const CATALOG: readonly CauseEntry[] = [
  // ------------------------------------------------------------------ token.*
  {
    id: 'token.expired',
    title: 'The token has expired',
    summary: 'exp is in the past: get a new token (refresh or re-authenticate) and refresh before expiry.',
    explanation:
      "Every JWT access token carries an exp claim; once now is past exp (plus the verifier's clock leeway, often 0 to 5 minutes) it is rejected, usually as invalid_token with a 401. Access tokens are short-lived on purpose: 1 hour is the default at Entra ID, Okta, Cognito and Google, 5 minutes at Keycloak, 24 hours at Auth0. The usual bugs are a token cached past its lifetime, a long-running job that fetched one token at start-up, or a clock that is wrong on the caller or the API.",
    checks: [
      { id: 'exp-future', text: "The token's exp is in the future (allowing the leeway).", auto: 'token-exp-future' },
      { id: 'cache-expiry', text: 'The client caches tokens by their expires_in / exp and renews them early (for example 60 s before expiry).' },
      {
        id: 'clock',
        text: 'The clocks of the caller and the API are synchronised (NTP); the error persists with a freshly issued token only if a clock is wrong.',
      },
      { id: 'refresh-works', text: 'The refresh (or client-credentials) call that should replace the token succeeds; check its own response.' },
    ],
    fixSteps: [
      {
        text: 'Get a new access token: use the refresh token, or repeat the client-credentials request for service clients. Do not extend the lifetime to hide the bug.',
      },
      {
        text: 'Renew proactively: treat the token as expired a little before exp, and retry once on 401 with a fresh token.',
        snippet: {
          language: 'typescript',
          code: 'const skewMs = 60_000;\nif (!cached || Date.now() >= cached.expiresAt - skewMs) {\n  cached = await fetchToken(); // expiresAt = Date.now() + expires_in * 1000\n}',
        },
      },
      {
        text: 'If a token issued seconds ago is already "expired", fix the clock on the machine that says so (timedatectl / w32tm), and configure a small leeway (30–60 s) in the verifier.',
      },
    ],
  },
  {
    id: 'token.not-yet-valid',
    title: 'The token is not valid yet',
    summary: 'nbf or iat is in the future: a clock is wrong somewhere, or the token was minted for later.',
    explanation:
      "A verifier rejects a token whose nbf (not before) is still in the future, and many also reject an iat in the future. With tokens from a real identity provider this almost always means the verifier's clock is behind (or the issuer's is ahead), typically by more than the allowed skew. Containers and VMs resumed from sleep, and hand-made tokens that set nbf or iat from a local clock, are the common sources.",
    checks: [
      { id: 'nbf-past', text: "The token's nbf is not in the future.", auto: 'token-nbf-past' },
      { id: 'iat-past', text: "The token's iat is not in the future.", auto: 'token-iat-past' },
      { id: 'ntp', text: 'Both the issuer and the verifier sync their clocks (NTP); compare `date -u` on each.' },
    ],
    fixSteps: [
      { text: 'Synchronise the clock of the verifying host (and of any host minting tokens): enable NTP / chrony, or resync the VM or container host.' },
      {
        text: 'Allow a small clock skew in the verifier (30–120 s); most libraries default to none or 60 s.',
        snippet: { language: 'typescript', code: "await jwtVerify(token, jwks, { issuer, audience, clockTolerance: '60s' });" },
      },
      { text: 'If you mint tokens yourself, set iat/nbf from the current time in seconds, not from a future start time or milliseconds.' },
    ],
  },
  {
    id: 'token.malformed',
    title: 'The token is not a well-formed token',
    summary: 'Not decodable as a JWT: wrong segment count, bad base64url, or a header/payload that is not JSON.',
    explanation:
      'A JWS has three base64url segments separated by dots; a JWE has five. Verifiers fail before any signature check when the string does not have that shape: "jwt malformed", "Not enough segments", IDX12741, MalformedJwtException. Frequent causes: sending an opaque token (Auth0 without audience, Okta org server, GitHub) to an API that expects a JWT; sending the ID token or a refresh token; including "Bearer" twice; or reading the wrong variable (undefined, "null", a JSON object).',
    checks: [
      { id: 'structure', text: 'The token has three (JWS) or five (JWE) dot-separated base64url segments that decode.', auto: 'token-structure' },
      { id: 'jwt-expected', text: 'The API expects a JWT and the identity provider issues JWT access tokens for this audience (not opaque tokens).' },
      { id: 'variable', text: 'The Authorization header value is exactly "Bearer " followed by the token: no quotes, no JSON, no "undefined".' },
    ],
    fixSteps: [
      { text: 'Log the first 20 characters and the dot count of the token you send (never the whole token) to see what actually goes out.' },
      {
        text: 'Request a JWT access token for this API: at Auth0 pass the API identifier as audience, at Okta use a custom authorization server, at Entra ID request a scope of the API (api://…/.default).',
      },
      { text: 'If the API receives opaque tokens by design, validate them by introspection (RFC 7662) instead of parsing them as JWTs.' },
    ],
  },
  {
    id: 'token.truncated',
    title: 'The token was cut short',
    summary: 'A real token missing its end: copy/paste, log line limits, cookie or header size limits.',
    explanation:
      'A token that was cut keeps a valid-looking header and often payload, but the last segment is short or the base64url does not decode, so the signature cannot verify. Typical places it happens: copying from a terminal or log viewer that wraps or elides long lines, log pipelines with a maximum line length, cookies over 4 KB split or dropped by the browser, proxies with small header buffers (nginx large_client_header_buffers, 8 KB header limits), and database columns that are too short.',
    checks: [
      { id: 'not-truncated', text: 'The token is complete (signature segment of the expected length, all segments decode).', auto: 'token-not-truncated' },
      {
        id: 'storage',
        text: 'Where the token is stored (cookie, DB column, env var) can hold its full length; large Entra ID tokens with many groups exceed 4 KB.',
      },
      { id: 'headers', text: 'Proxies and servers on the path accept headers of this size (nginx, ALB, IIS: 8–16 KB defaults).' },
    ],
    fixSteps: [
      { text: 'Copy the token from the source (the token response, a debugger), not from a log line; compare lengths at sender and receiver.' },
      {
        text: 'Raise header buffer limits on proxies if tokens are large (nginx: large_client_header_buffers 4 32k), or reduce token size (fewer group claims, use groups overage).',
      },
      { text: 'Store tokens in columns without a length limit, and do not put them in cookies larger than 4 KB; keep them server-side instead.' },
    ],
  },
  {
    id: 'token.altered',
    title: 'The token was changed in transit',
    summary: 'A good token wrapped in something: whitespace, line breaks, quotes, URL encoding, a doubled Bearer.',
    explanation:
      'The token itself is fine but what the API receives is not exactly it: a trailing newline from a file or environment variable, surrounding quotes from a JSON value, percent-encoding from being put in a URL, "Bearer Bearer" because both the caller and a library add the prefix, standard base64 (+/=) instead of base64url, or an escaped string from a log. Gateways such as Sensedia and Apigee reject these as "invalid", which looks like an expired token.',
    checks: [
      { id: 'undamaged', text: 'The token has no surrounding whitespace, quotes, percent-encoding or doubled "Bearer".', auto: 'token-undamaged' },
      { id: 'scheme', text: 'The header is exactly `Authorization: Bearer <token>` (one space, scheme once).' },
      { id: 'source', text: 'The value read from files or env vars is trimmed (no trailing \\n).' },
    ],
    fixSteps: [
      {
        text: 'Trim the token where it is read and add the Bearer prefix in one place only.',
        snippet: {
          language: 'typescript',
          code: "const token = raw.trim().replace(/^\"|\"$/g, '').replace(/^Bearer\\s+/i, '');\nheaders.Authorization = `Bearer ${token}`;",
        },
      },
      { text: 'Never URL-encode a token in the Authorization header; if it must go in a URL, decode it exactly once on the receiving side.' },
      { text: 'Compare the token the client got from the token endpoint with the one the API logs (hash both, e.g. sha256, rather than logging them).' },
    ],
  },
  {
    id: 'token.missing',
    title: 'No token reached the API',
    summary: 'The request carried no credentials, or put them in the wrong header, scheme, cookie or parameter.',
    explanation:
      'The API saw no usable credentials. RFC 6750 servers then answer 401 with a bare `WWW-Authenticate: Bearer` challenge (no error code). Usual causes: the client never attached the header (interceptor not applied, token fetch failed silently), the token went in another header (X-Access-Token, a cookie, ?access_token=) than the one the API reads, the scheme is wrong (Token, JWT, SSWS vs Bearer), or a proxy or redirect dropped Authorization (redirects to another host strip it, some CDNs and load balancers remove it).',
    checks: [
      { id: 'challenge', text: 'The 401 challenge carries an error code (if it does not, no token was received).', auto: 'challenge-error-code' },
      { id: 'sent', text: 'The outgoing request (browser devtools, curl -v, proxy log) has an Authorization header.' },
      { id: 'place', text: 'The header name and scheme are the ones the API reads (Bearer for OAuth, SSWS for Okta API tokens, x-api-key for API keys).' },
      {
        id: 'redirect',
        text: 'No redirect happens before the API (http→https, trailing slash, another host): clients drop Authorization on cross-host redirects.',
      },
    ],
    fixSteps: [
      {
        text: 'Reproduce with curl and an explicit header: `curl -v -H "Authorization: Bearer $TOKEN" https://api.example.com/resource`. If that works, the bug is in how the client attaches the header.',
      },
      { text: 'Call the final URL directly (https, exact path) so no redirect strips the header.' },
      {
        text: 'If a proxy or gateway sits in front, check it forwards Authorization (Apache: `CGIPassAuth On` or `RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]`; AWS ALB/CloudFront: include the header in the forwarded headers / cache policy).',
      },
    ],
  },
  {
    id: 'token.revoked',
    title: 'The token is no longer known',
    summary: 'Revoked, logged out, rotated away, or unknown to the server that introspects it.',
    explanation:
      'The token may look fine and unexpired but the authorization server no longer accepts it: the user signed out or changed the password, an admin revoked sessions, a refresh-token rotation invalidated the family, or the token is checked by introspection against a different server or environment (a staging token sent to production). Opaque tokens are always checked this way; JWTs only when the API also introspects or keeps a deny list.',
    checks: [
      { id: 'exp-future', text: 'The token is not expired (so expiry is not the explanation).', auto: 'token-exp-future' },
      { id: 'environment', text: 'The token was issued by the same environment and tenant/realm the API checks against.' },
      { id: 'events', text: 'No sign-out, password change, session revocation or app re-consent happened since the token was issued.' },
    ],
    fixSteps: [
      { text: 'Obtain a new token by signing in again (or a fresh client-credentials call); treat an introspection `{"active": false}` as final.' },
      { text: 'Make sure client and API point at the same issuer/environment (check the iss claim against the API configuration).' },
      { text: 'Handle revocation gracefully: on 401 with invalid_token, drop cached tokens and re-authenticate instead of retrying the same token.' },
    ],
  },
  {
    id: 'token.wrong-audience',
    title: 'The token was issued for another API',
    summary: 'aud does not name this API: request a token for this resource (scope/audience/resource).',
    explanation:
      'The aud claim says which API a token is for, and the API rejects tokens for anyone else (IDX10214, "jwt audience invalid", "JWT audience rejected"). At Entra ID a token requested with Graph scopes has aud 00000003-0000-0000-c000-000000000000 and can never be validated by your API; request `api://<app-id>/.default` or the API\'s own scope, and note that the API may be configured with the App ID URI while tokens carry the client id GUID (v2 tokens) or vice versa. At Auth0 pass audience=<API identifier>; at Keycloak add an audience mapper; at Okta use the custom authorization server whose audience the API expects.',
    checks: [
      { id: 'aud-present', text: 'The token has an aud claim.', auto: 'token-aud-present' },
      { id: 'aud-match', text: 'The aud value equals the audience configured in the API (exact string: api://… vs GUID, trailing slash, http vs https).' },
      { id: 'requested', text: 'The client requested the token for this API (scope/audience/resource parameter), not for Graph, userinfo or another service.' },
    ],
    fixSteps: [
      {
        text: 'Decode the token and compare aud with the API setting (ASP.NET: TokenValidationParameters.ValidAudience(s); Spring: spring.security.oauth2.resourceserver.jwt.audiences; jose: audience option).',
      },
      {
        text: 'Request a token for the right resource: Entra ID `scope=api://<api-app-id>/.default` (client credentials) or `api://<api-app-id>/<scope>`; Auth0 `audience=https://api.example.com`; Keycloak: add an "Audience" protocol mapper to the client scope.',
      },
      { text: 'If the API legitimately accepts several audiences (App ID URI and client id), list both rather than disabling audience validation.' },
    ],
  },
  {
    id: 'token.wrong-issuer',
    title: 'The token comes from an issuer the API does not trust',
    summary: 'iss is another tenant, realm or environment than the one configured in the API.',
    explanation:
      "The API trusts exactly one issuer (or a list), and iss must match it character for character. Typical mismatches: Entra ID v1 tokens (https://sts.windows.net/<tenant>/) against an API configured for v2 (https://login.microsoftonline.com/<tenant>/v2.0), which is controlled by accessTokenAcceptedVersion in the API's manifest; a Keycloak realm name or hostname that differs (http vs https, internal vs public hostname behind a proxy); an Okta org authorization server vs a custom one (/oauth2/default); tokens from staging sent to production.",
    checks: [
      { id: 'iss-present', text: 'The token has an iss claim.', auto: 'token-iss-present' },
      { id: 'iss-match', text: 'iss equals the issuer the API is configured with, exactly (scheme, host, path, trailing slash, v2.0).' },
      { id: 'discovery', text: "The issuer in the provider's /.well-known/openid-configuration equals the token's iss." },
    ],
    fixSteps: [
      { text: 'Fetch `<authority>/.well-known/openid-configuration` and set the API\'s issuer to its "issuer" value; point the client at the same authority.' },
      { text: 'Entra ID: set "accessTokenAcceptedVersion": 2 in the API app manifest to get v2 issuers, or accept both issuers explicitly.' },
      { text: 'Keycloak behind a proxy: set the frontend URL / hostname so tokens are issued with the public URL the API expects.' },
    ],
  },
  {
    id: 'token.signature',
    title: 'The signature does not verify',
    summary: 'Rotated keys, a changed client secret, an unknown kid, or an edited token.',
    explanation:
      'The verifier could not validate the signature with any key it has: "invalid signature", IDX10501/IDX10503, "no matching key(s) found", ERR_JWKS_NO_MATCHING_KEY. Usually the signing keys rotated and the API caches an old JWKS; the token comes from another tenant or environment whose keys the API does not load; an HS256 token is checked with the wrong shared secret (a secret that was regenerated); or the token was edited by hand. At Entra ID, tokens for Microsoft Graph carry a nonce header and are not meant to be validated by you at all.',
    checks: [
      { id: 'alg', text: 'The token is signed (alg is not "none").', auto: 'token-alg-signed' },
      {
        id: 'verifies',
        text: "The signature verifies with the issuer's key (Verify Signature… with its JWKS or the shared secret).",
        auto: 'token-signature-verifies',
      },
      { id: 'kid', text: "The token's kid appears in the JWKS the API uses (jwks_uri from the issuer's discovery document)." },
      { id: 'issuer', text: 'The API loads keys from the same issuer that minted the token.', auto: 'token-iss-present' },
      { id: 'secret', text: 'For HS256 tokens, both sides use the current shared secret (unchanged, same encoding).' },
    ],
    fixSteps: [
      {
        text: 'Let the library fetch keys from jwks_uri and refresh them on an unknown kid instead of pinning a key (jose createRemoteJWKSet, Spring jwk-set-uri / issuer-uri, ASP.NET Authority).',
      },
      {
        text: 'Compare the token\'s kid with `curl -s <jwks_uri> | jq ".keys[].kid"`; a missing kid means another issuer or a rotation the API has not picked up.',
      },
      { text: 'Do not validate tokens meant for other APIs (e.g. Microsoft Graph tokens); request a token for your own API.' },
    ],
  },
  {
    id: 'token.algorithm',
    title: 'The algorithm is missing, none, or not the expected one',
    summary: 'alg is absent, "none", or not in the verifier\'s allowed list (HS vs RS confusion).',
    explanation:
      'Verifiers only accept algorithms they are configured for. A token with alg "none" (or no alg at all, as ForgeRock reports with "No enum constant …JwsAlgorithm.none") is unsigned and must be rejected. HS256 tokens sent to an API that expects RS256 (or the reverse) fail with "invalid algorithm" or "Another algorithm expected". Some JWT libraries omit alg when the default is used, so a hand-built client assertion may lack it.',
    checks: [
      { id: 'signed', text: 'The token header has an alg other than "none".', auto: 'token-alg-signed' },
      { id: 'allowed', text: 'The alg is one the receiver allows (RS256 is the default at most providers; ES256/PS256 where configured).' },
      { id: 'key-type', text: 'The key type matches the algorithm: an RSA/EC public key for RS/ES/PS, a shared secret for HS.' },
      { id: 'key-fits', text: 'A key you gave fits the alg and verifies the token (no RS/HS confusion).', auto: 'token-key-fits-alg' },
    ],
    fixSteps: [
      {
        text: 'Set alg explicitly when signing.',
        snippet: { language: 'typescript', code: "await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);" },
      },
      {
        text: 'Configure the verifier with an explicit algorithm list (jsonwebtoken `algorithms: [\'RS256\']`, PyJWT `algorithms=["RS256"]`) and never accept "none".',
      },
      { text: 'If the provider signs with RS256, do not try to verify with the client secret (HS256) — use the JWKS.' },
    ],
  },
  {
    id: 'token.wrong-type',
    title: 'The wrong kind of token was sent',
    summary: 'An ID token or refresh token used as an access token, or a typ the API does not accept.',
    explanation:
      'ID tokens prove a sign-in to the client; their aud is the client id, so APIs reject them (or accept them by mistake, which is worse). Refresh tokens must only go to the token endpoint. RFC 9068 access tokens carry typ "at+jwt", and strict verifiers (Nimbus, jose with typ) refuse other types. SPA libraries make this easy to get wrong: getIdToken() and getAccessToken() look alike, and with Google Sign-In the credential is an ID token.',
    checks: [
      { id: 'access', text: 'The token sent to the API is an access token (not the ID token or refresh token).', auto: 'token-is-access-token' },
      { id: 'typ', text: 'The typ header is what the API expects (at+jwt vs JWT).' },
    ],
    fixSteps: [
      {
        text: 'Send the access_token from the token response, not id_token (MSAL: acquireTokenSilent({scopes: [apiScope]}).accessToken; oidc-client: user.access_token).',
      },
      {
        text: 'Request scopes for your API so an access token meant for it is issued; with only openid/profile, some providers return an access token for userinfo only.',
      },
    ],
  },
  {
    id: 'token.insufficient-scope',
    title: 'Authenticated, but not allowed',
    summary: 'The token is valid but lacks the scope, role or permission this request needs (usually 403).',
    explanation:
      'The API accepted who you are but not what you may do. OAuth APIs say so with 403 and `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"`; gateways and platforms word it as "does not have access to this resource", "explicit deny", PERMISSION_DENIED or AccessDeniedException. The token lacks a scope (scp/scope), an app role (roles), or a group; or the permission was added after the token was issued (tokens do not change — get a new one); or admin consent for a new permission is still missing.',
    checks: [
      { id: 'scope-covers', text: "The token's scope/scp/roles include what the API demands.", auto: 'token-scope-covers' },
      { id: 'requested', text: 'The client requests that scope (or /.default for app permissions) when getting the token.' },
      {
        id: 'granted',
        text: 'The permission is granted and consented (Entra ID: admin consent for application permissions; Okta: the scope is allowed by the access policy; Keycloak: client scope or role mapping).',
      },
      { id: 'fresh', text: 'The token was issued after the permission was granted.' },
    ],
    fixSteps: [
      { text: 'Read the required scope from the challenge (scope="…") or the API docs, add it to the token request, and get a new token.' },
      {
        text: 'Entra ID: add the permission under API permissions and grant admin consent; app roles land in the roles claim only when assigned to the app or user.',
      },
      {
        text: "Spring Security maps scopes to SCOPE_x authorities and roles only via a custom converter; check hasAuthority('SCOPE_orders:write') matches what the token carries.",
      },
    ],
  },
  {
    id: 'token.dpop',
    title: 'DPoP proof missing, invalid, or nonce required',
    summary: 'A DPoP-bound token needs a valid DPoP proof per request, and the server may demand a nonce.',
    explanation:
      'With DPoP (RFC 9449) the access token is bound to a key (cnf.jkt) and every request must carry a DPoP header: a JWT signed with that key, with htm and htu matching the request, a fresh iat, a unique jti, and ath = hash of the access token. Servers answer `error="use_dpop_nonce"` with a DPoP-Nonce header when they want a server nonce in the proof; the client must retry with it. `invalid_dpop_proof` means the proof is wrong. Sending a DPoP-bound token with the Bearer scheme also fails.',
    checks: [
      { id: 'nonce', text: 'If the server sent a DPoP-Nonce header, the retry includes it as the nonce claim.', auto: 'dpop-nonce-header' },
      { id: 'cnf', text: 'The access token is DPoP-bound (cnf.jkt) and is sent with `Authorization: DPoP <token>`.', auto: 'token-has-cnf' },
      {
        id: 'proof',
        text: 'The proof has htm = the HTTP method, htu = the URL without query and fragment, iat within a minute, a new jti, and ath for resource requests.',
      },
    ],
    fixSteps: [
      {
        text: 'On `use_dpop_nonce`, read DPoP-Nonce from the response and resend the same request with a new proof that includes it; cache the nonce per server.',
      },
      {
        text: 'Build a fresh proof for every request with the same key pair that the token is bound to.',
        snippet: {
          language: 'typescript',
          code: "const proof = await new SignJWT({ htm: 'GET', htu, iat: now, jti: crypto.randomUUID(), ath, nonce })\n  .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk })\n  .sign(privateKey);",
        },
      },
    ],
  },
  // ------------------------------------------------------------------ client.*
  {
    id: 'client.authentication-failed',
    title: 'The client could not authenticate',
    summary: 'invalid_client: unknown client id, wrong or rotated secret, expired secret, or the wrong auth method.',
    explanation:
      "The token endpoint did not accept the client's credentials. Check the client id (and the tenant/realm it lives in), the secret (Entra ID: AADSTS7000215 often means the secret ID was used instead of the secret value; AADSTS7000222 an expired secret), and the authentication method: client_secret_basic (HTTP Basic header, URL-encoded id and secret) vs client_secret_post (form fields) vs private_key_jwt. Providers reject a method not registered for the client, and special characters in secrets break Basic auth when not encoded.",
    checks: [
      { id: 'id', text: 'The client_id exists in this tenant/realm/environment (copy it from the app registration).' },
      { id: 'secret', text: 'The secret is current (not rotated or expired) and is the secret value, not its id.' },
      { id: 'method', text: 'The client uses the authentication method registered for it (basic vs post vs private_key_jwt).' },
      { id: 'encoding', text: 'With HTTP Basic, client id and secret are form-URL-encoded before base64 (RFC 6749 §2.3.1).' },
    ],
    fixSteps: [
      {
        text: 'Test the credentials directly.',
        snippet: {
          language: 'bash',
          code: 'curl -s -X POST "$TOKEN_URL" \\\n  -d grant_type=client_credentials -d scope="$SCOPE" \\\n  -u "$CLIENT_ID:$CLIENT_SECRET"',
        },
      },
      { text: 'Create a new secret if in doubt, store its value (shown once), and update every deployment that uses it.' },
      {
        text: 'Try the other method (client_secret_post vs basic) if the provider lets the client use only one; Okta and Keycloak enforce the configured method.',
      },
    ],
  },
  {
    id: 'client.unauthorized',
    title: 'The client is not allowed to do this',
    summary: 'unauthorized_client: the grant, realm, audience or resource is not enabled for this client.',
    explanation:
      'The client authenticated, but its configuration does not allow the request: the grant type is not enabled (Auth0: "Grant type \'client_credentials\' not allowed for the client"; Okta: grant types per app; Keycloak: "Service accounts enabled" for client credentials), the client is not authorized for the API (Auth0 machine-to-machine authorization, Apigee API products), the app is disabled, or the client lives in another realm than the one called.',
    checks: [
      { id: 'grant', text: 'The grant type used is enabled for this client.' },
      { id: 'api', text: 'The client is authorized for the target API / resource / product.' },
      { id: 'realm', text: 'The realm or tenant in the endpoint URL is the one where the client is registered.' },
    ],
    fixSteps: [
      {
        text: 'Enable the grant on the client: Auth0 Application > Advanced > Grant Types; Okta app > General > Grant type; Keycloak client > Capability config (Service accounts / Direct access grants).',
      },
      { text: 'Authorize the client for the API: Auth0 APIs > Machine to Machine Applications; Entra ID API permissions + admin consent.' },
      { text: "Check the token URL: the realm (Keycloak /realms/<realm>/), tenant (Entra) or authorization server (Okta /oauth2/<id>/) must be the client's." },
    ],
  },
  {
    id: 'client.assertion-claims',
    title: 'The client assertion has wrong claims',
    summary: 'private_key_jwt assertion: exp/iat as strings or milliseconds, lifetime too long, wrong aud, iss/sub not the client id, no jti.',
    explanation:
      'With private_key_jwt or client_secret_jwt the client signs a JWT (RFC 7523) and sends it as client_assertion. Servers check it strictly: iss and sub must both be the client_id; aud must be the token endpoint URL (or the issuer, depending on the provider — Okta and Entra ID want the token endpoint, some ForgeRock/OpenAM setups the realm-specific token URL); exp must be in the future but not far (many cap the lifetime at 5–60 minutes, some at 24 h); exp and iat must be numbers in seconds, not strings or milliseconds; jti must be unique. Entra ID reports AADSTS700024 for time problems; ForgeRock says "JWT is has expired or is not valid" or "Audience validation failed".',
    checks: [
      { id: 'numeric', text: 'exp, iat and nbf are JSON numbers in seconds.', auto: 'assertion-times-numeric' },
      { id: 'lifetime', text: 'The assertion lives at most a few minutes (exp − iat ≤ 10 min recommended) and is not expired.', auto: 'assertion-lifetime' },
      { id: 'iss-sub', text: 'iss and sub both equal the client_id.', auto: 'assertion-iss-sub' },
      { id: 'aud', text: 'aud is the token endpoint URL the request goes to (exact string).', auto: 'assertion-aud' },
      { id: 'jti', text: 'jti is present and new for each assertion.', auto: 'assertion-jti' },
    ],
    fixSteps: [
      {
        text: 'Build the assertion with numeric times in seconds, a short lifetime, and the token endpoint as audience.',
        snippet: {
          language: 'typescript',
          code: "const now = Math.floor(Date.now() / 1000);\nconst assertion = await new SignJWT({ jti: crypto.randomUUID() })\n  .setProtectedHeader({ alg: 'RS256', kid })\n  .setIssuer(clientId).setSubject(clientId)\n  .setAudience(tokenEndpoint)\n  .setIssuedAt(now).setExpirationTime(now + 300)\n  .sign(privateKey);",
        },
      },
      {
        text: "Check the provider's expected aud: the token endpoint for Okta and Entra ID (https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token), the realm token URL for ForgeRock/OpenAM; keep the case exactly as documented.",
      },
      { text: 'Send it with `client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.' },
    ],
  },
  {
    id: 'client.assertion-type',
    title: 'client_assertion_type is missing or misspelled',
    summary: 'Must be exactly urn:ietf:params:oauth:client-assertion-type:jwt-bearer.',
    explanation:
      'A client_assertion is only read when client_assertion_type has the exact value `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`. A typo, a missing parameter, or the grant-type URN used by mistake (urn:ietf:params:oauth:grant-type:jwt-bearer) makes the server treat the request as unauthenticated (invalid_client or invalid_request).',
    checks: [
      { id: 'value', text: 'client_assertion_type equals urn:ietf:params:oauth:client-assertion-type:jwt-bearer exactly.' },
      { id: 'encoding', text: 'The body is application/x-www-form-urlencoded, with the URN encoded once.' },
    ],
    fixSteps: [
      {
        text: 'Send both parameters in the form body.',
        snippet: {
          language: 'bash',
          code: 'curl -s -X POST "$TOKEN_URL" \\\n  -d grant_type=client_credentials -d client_id="$CLIENT_ID" \\\n  -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \\\n  -d client_assertion="$ASSERTION" -d scope="$SCOPE"',
        },
      },
      { text: 'Do not confuse it with grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer, which is the JWT-bearer grant (RFC 7523 §2.1).' },
    ],
  },
  // ------------------------------------------------------------------ grant.*
  {
    id: 'grant.invalid',
    title: 'The grant was rejected',
    summary: 'invalid_grant: code expired or reused, refresh token expired/revoked, PKCE or redirect_uri mismatch.',
    explanation:
      'The token endpoint refused what you exchanged. For authorization codes: they are single-use and short-lived (Entra ID ~10 min, Okta 60 s, Keycloak 1 min, GitHub 10 min), bound to the client, the redirect_uri and the PKCE code_challenge; a double submit (page reload, two tabs, retries) makes the second use fail. For refresh tokens: they expire (Entra ID 90 days of inactivity, AADSTS700082; Google after 6 months unused or 7 days for apps in testing), are revoked by password changes or sign-out, or were rotated away — with rotation, reusing an old refresh token may revoke the whole family. For the password grant: wrong credentials, MFA, or a federated account.',
    checks: [
      { id: 'once', text: 'The code is redeemed once, within its lifetime, by the client it was issued to.' },
      { id: 'redirect', text: 'The redirect_uri in the token request is identical to the one sent to /authorize.' },
      { id: 'pkce', text: 'The code_verifier is the one whose challenge was sent to /authorize (same session, S256).' },
      { id: 'refresh', text: 'The refresh token is the latest one (with rotation, store the new refresh token from every response).' },
    ],
    fixSteps: [
      { text: 'For codes: start a new authorization request; make the callback idempotent so a reload does not redeem the same code twice.' },
      {
        text: 'For refresh tokens: on invalid_grant, discard stored tokens and send the user through sign-in again; persist the rotated refresh token atomically.',
      },
      { text: 'Log the authorize request and the token request side by side: client_id, redirect_uri and PKCE method must match.' },
    ],
  },
  {
    id: 'grant.unsupported',
    title: 'The grant type is not supported',
    summary: 'unsupported_grant_type: an unknown or misspelled grant_type, or a body the server could not read.',
    explanation:
      'The server did not recognise grant_type. Often a typo (client_credential without s, authorisation_code), a URN grant the server does not support (device_code, token-exchange, jwt-bearer), or the parameters sent as JSON instead of form-encoded, in which case the server sees no grant_type at all.',
    checks: [
      { id: 'value', text: 'grant_type is one of authorization_code, client_credentials, refresh_token, password, or a URN the provider supports.' },
      { id: 'content-type', text: 'The request body is application/x-www-form-urlencoded (not JSON).' },
    ],
    fixSteps: [
      { text: 'Spell the grant exactly: `grant_type=client_credentials`.' },
      {
        text: 'Send form-encoded parameters.',
        snippet: {
          language: 'typescript',
          code: "await fetch(tokenUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },\n  body: new URLSearchParams({ grant_type: 'client_credentials', scope }) });",
        },
      },
      { text: "Check the provider's discovery document (grant_types_supported) for URN grants." },
    ],
  },
  {
    id: 'grant.pending',
    title: 'Waiting for the user (device flow)',
    summary: 'authorization_pending / slow_down: keep polling at the interval, adding 5 s after slow_down.',
    explanation:
      'In the device authorization grant (RFC 8628) the client polls the token endpoint while the user enters the code on another device. authorization_pending is the normal answer until they finish; slow_down means the client polls too often and must add 5 seconds to its interval. These are not failures unless polling never ends.',
    checks: [
      { id: 'interval', text: 'The client waits `interval` seconds (default 5) between polls and adds 5 s after slow_down.' },
      { id: 'user', text: 'The user has opened verification_uri and entered user_code.' },
    ],
    fixSteps: [
      { text: 'Poll with the interval from the device authorization response; stop at expires_in.' },
      { text: 'Show the user the verification_uri_complete (or the code and URL) clearly while polling.' },
    ],
  },
  {
    id: 'grant.device-expired',
    title: 'The device code expired',
    summary: 'expired_token in the device flow: the user did not finish in time; start a new device authorization.',
    explanation:
      'A device_code lives for expires_in seconds (typically 5–15 minutes; Entra ID reports AADSTS70019). Once it has expired, polling returns expired_token and only a new device authorization request helps.',
    checks: [{ id: 'time', text: 'The user completed sign-in within expires_in of the device authorization response.' }],
    fixSteps: [
      { text: 'Request a new device code and show the new user code; stop polling when expires_in has passed.' },
      { text: 'Make the code easy to use before it expires: show verification_uri_complete as a link or QR code.' },
    ],
  },
  // ------------------------------------------------------------------ request.*
  {
    id: 'request.invalid',
    title: 'The request is malformed',
    summary: 'invalid_request: a parameter missing, duplicated or misspelled, wrong content type or method.',
    explanation:
      'The server could not process the request as sent: a required parameter is missing (grant_type, client_id, code, redirect_uri, scope), a parameter appears twice (in the body and the query, or in Basic auth and the body), names are misspelled or capitalised differently, the body is JSON instead of form-encoded, or the method is GET instead of POST. Some servers also answer invalid_request for a missing Authorization header on introspection or userinfo.',
    checks: [
      { id: 'params', text: 'All required parameters for this grant are present once, lowercase, spelled correctly.' },
      { id: 'content-type', text: 'Token requests are POST with Content-Type application/x-www-form-urlencoded.' },
      { id: 'description', text: 'The error_description names the parameter at fault.', auto: 'error-description' },
    ],
    fixSteps: [
      {
        text: "Compare the request with the provider's documentation for this grant, parameter by parameter; watch for duplicated client_id (header and body).",
      },
      { text: 'Capture the raw request (curl -v, proxy) and check the body is form-encoded and encoded once.' },
    ],
  },
  {
    id: 'request.invalid-scope',
    title: 'The requested scope was rejected',
    summary: 'invalid_scope: unknown, misspelled, or not allowed for this client or user.',
    explanation:
      'A requested scope does not exist at this authorization server, is not allowed for the client, or mixes resources. At Entra ID, client credentials need `<resource>/.default`, and one token can only target one resource (AADSTS70011, AADSTS28000); at Okta each scope must exist on the authorization server and be allowed by an access policy rule; at Keycloak it must be a client scope assigned to the client; at ForgeRock/OpenAM it must be configured on the client ("Unknown/invalid scope(s)").',
    checks: [
      { id: 'exists', text: 'Each requested scope exists at the authorization server (spelling, case, separators are spaces).' },
      { id: 'allowed', text: 'The client is allowed to request it (policy, client scope, app permission).' },
      { id: 'single-resource', text: 'All scopes belong to one resource (Entra ID).' },
    ],
    fixSteps: [
      { text: 'Request only scopes registered for this client; separate them with spaces (URL-encoded as %20 or +).' },
      { text: 'Entra ID client credentials: use `scope=api://<app-id>/.default`; delegated: `api://<app-id>/<scope> offline_access openid`.' },
    ],
  },
  {
    id: 'request.redirect-uri',
    title: 'The redirect URI is not registered exactly',
    summary: 'redirect_uri must match a registered one exactly: scheme, host, port, path, trailing slash, case.',
    explanation:
      'Authorization servers compare redirect_uri with the registered list as strings. http vs https, localhost vs 127.0.0.1, a port, a trailing slash, different case, or an extra query parameter all fail (Entra ID AADSTS50011, Google redirect_uri_mismatch, Auth0 "Callback URL mismatch", Keycloak "Invalid parameter: redirect_uri"). Behind a reverse proxy the app often builds http:// URLs because it does not see X-Forwarded-Proto. At the token endpoint, redirect_uri must also equal the one used in the authorize request.',
    checks: [
      { id: 'exact', text: 'The redirect_uri sent is character-for-character one of the registered URIs.' },
      { id: 'proxy', text: 'Behind a proxy, the app generates the public https URL (forwarded headers honoured).' },
      { id: 'token', text: 'The token request uses the same redirect_uri as the authorize request.' },
    ],
    fixSteps: [
      {
        text: 'Copy the redirect_uri from the failing authorize URL (URL-decode it) and register exactly that value, or fix the app to send the registered one.',
      },
      {
        text: "Behind a proxy: ASP.NET `app.UseForwardedHeaders()`, Spring `server.forward-headers-strategy=framework`, Express `app.set('trust proxy', true)`.",
      },
    ],
  },
  {
    id: 'request.state',
    title: 'The state (or nonce) does not match',
    summary: 'The state/nonce saved before the redirect was lost or differs: cookies, sessions, tabs, instances.',
    explanation:
      'Clients store state (and the OIDC nonce, PKCE verifier) before redirecting to the provider and check it on the callback to stop CSRF. The check fails when the session or correlation cookie did not survive the round trip: SameSite=Lax/Strict on a form_post callback, a cookie set on http but the callback on https, a different host name, load-balanced instances without shared session or data-protection keys, an expired session, or the user finishing sign-in in another tab (ASP.NET "Correlation failed", IDX21323, Spring authorization_request_not_found, Entra AADSTS165000).',
    checks: [
      { id: 'cookie', text: 'The session/correlation cookie is sent on the callback (SameSite=None; Secure for response_mode=form_post).' },
      { id: 'host', text: 'The callback host and scheme equal those where sign-in started.' },
      { id: 'shared', text: 'All instances share session storage and data-protection/encryption keys.' },
    ],
    fixSteps: [
      { text: 'Serve sign-in and callback over https on one host name; set the correlation/nonce cookies SameSite=None; Secure when the provider posts back.' },
      { text: 'Share session state and key rings across instances (Redis, a persisted DataProtection key ring) or use sticky sessions.' },
      { text: 'Handle a failed state check by restarting sign-in rather than showing an error page.' },
    ],
  },
  {
    id: 'request.access-denied',
    title: 'Access was denied',
    summary: 'access_denied: the user declined, or a policy (assignment, Conditional Access, admin approval) refused.',
    explanation:
      'Either the user clicked Cancel/Deny on the consent screen, or the provider\'s policy blocked them: the user is not assigned to the app (Entra AADSTS50105, Okta app assignment), Conditional Access blocked the sign-in (AADSTS53003), the account is disabled or locked, or the connected app is not approved for the user (Salesforce "user hasn\'t approved this consumer").',
    checks: [
      { id: 'user', text: "The user did not decline consent (check the provider's sign-in log)." },
      { id: 'assignment', text: 'The user (or a group) is assigned to the application when assignment is required.' },
      { id: 'policy', text: 'No Conditional Access / sign-on policy blocks this user, device, location or app.' },
    ],
    fixSteps: [
      { text: "Open the provider's sign-in log (Entra Sign-in logs, Okta System Log, Auth0 Logs) for this attempt: it names the policy or reason." },
      { text: "Assign the user or group to the app, or adjust the policy; for Salesforce JWT bearer, pre-authorize the user's profile on the connected app." },
      { text: 'Treat user-declined consent as a normal outcome in the app and offer to try again.' },
    ],
  },
  {
    id: 'request.interaction-required',
    title: 'The user must interact',
    summary: 'login_required / consent_required / interaction_required / MFA: a silent or non-interactive flow cannot continue.',
    explanation:
      'A request with prompt=none (silent renew, hidden iframe) or a non-interactive grant (password, refresh) hit something only the user can do: sign in, consent, choose an account, complete MFA, change an expired password, or finish required actions (Keycloak "Account is not fully set up"). Third-party cookie blocking makes silent iframe renewals fail with login_required even when the user is signed in.',
    checks: [
      { id: 'interactive', text: 'The app falls back to an interactive sign-in (redirect or popup) when a silent request fails.' },
      { id: 'cookies', text: 'Silent renew does not depend on third-party cookies (use refresh tokens in SPAs instead of iframes).' },
      { id: 'mfa', text: 'The account can complete the required MFA / consent / password change interactively.' },
    ],
    fixSteps: [
      {
        text: 'Catch interaction_required/login_required/consent_required and start an interactive request (MSAL: acquireTokenRedirect after InteractionRequiredAuthError).',
      },
      { text: 'Grant admin consent ahead of time for organisation apps so users are not asked.' },
      { text: 'Do not use the password grant for accounts with MFA; use authorization code with PKCE or device flow.' },
    ],
  },
  {
    id: 'request.unsupported-response-type',
    title: 'The response type is not allowed',
    summary: 'unsupported_response_type: the response_type or response_mode is not enabled for this client.',
    explanation:
      'The client asked for a response_type the server or client registration does not permit: implicit (token, id_token) disabled by default at Entra ID (AADSTS700054/700051) and most modern providers, hybrid flows not enabled, or a response_mode (form_post, fragment) not allowed for it.',
    checks: [
      { id: 'type', text: 'response_type is "code" (recommended), or an implicit/hybrid type explicitly enabled for the client.' },
      { id: 'supported', text: 'The provider lists it in response_types_supported of its discovery document.' },
    ],
    fixSteps: [
      { text: 'Switch to the authorization code flow with PKCE (response_type=code).' },
      { text: 'If you really need implicit ID tokens, enable them on the registration (Entra: Authentication > "ID tokens").' },
    ],
  },
  // ------------------------------------------------------------------ server.*
  {
    id: 'server.error',
    title: 'The authorization server failed',
    summary: 'server_error / 500: an internal failure, often triggered by input it did not validate cleanly.',
    explanation:
      "The server hit an unexpected condition. Providers sometimes answer server_error for malformed input they did not validate (a client_assertion that is not a JWT, strings where numbers are expected), so check the request before assuming an outage. Real incidents show up on the provider's status page and affect other clients too.",
    checks: [
      { id: 'input', text: 'The request is well-formed (parameters, JWT values, numeric claims).' },
      { id: 'repeatable', text: 'The same request fails every time (input problem) rather than intermittently (server problem).' },
      { id: 'status-page', text: "The provider's status page shows no incident." },
    ],
    fixSteps: [
      { text: 'Validate the request (decode any JWT you send, check required parameters) and retry once.' },
      { text: 'Retry transient failures with exponential backoff and jitter; report persistent ones with the correlation/trace id from the response.' },
    ],
  },
  {
    id: 'server.unavailable',
    title: 'The server is temporarily unavailable',
    summary: 'temporarily_unavailable / 503: back off and retry, honouring Retry-After.',
    explanation:
      'The authorization server or API is overloaded or in maintenance. The response may carry Retry-After. Clients that retry immediately and in parallel make it worse; token caching avoids hitting the token endpoint on every request.',
    checks: [
      { id: 'retry-after', text: 'The client honours Retry-After.', auto: 'retry-after' },
      { id: 'caching', text: 'Tokens are cached and reused until near expiry instead of fetched per request.' },
    ],
    fixSteps: [
      { text: 'Retry with exponential backoff and jitter, waiting at least Retry-After.' },
      { text: 'Cache tokens; keep serving with a still-valid cached token while the token endpoint recovers.' },
    ],
  },
  {
    id: 'server.rate-limited',
    title: 'Rate limited',
    summary: '429 or throttling: slow down, honour Retry-After, and cache tokens.',
    explanation:
      'Too many requests in the current window. Identity providers limit token endpoints per client and tenant (Okta E0000047 with X-Rate-Limit-Reset, Auth0 per-tenant limits, Entra ID throttling), gateways apply quotas and spike arrests (Apigee QuotaViolation, Kong rate-limiting), and APIs like GitHub have hourly budgets. The usual bug is fetching a new token for every API call, or many instances refreshing at once.',
    checks: [
      { id: 'retry-after', text: "The response's Retry-After (or rate-limit reset header) is honoured.", auto: 'retry-after' },
      { id: 'token-reuse', text: 'Access tokens are cached and reused until shortly before expiry.' },
      { id: 'concurrency', text: 'Only one refresh happens at a time per credential (single-flight).' },
    ],
    fixSteps: [
      { text: 'Wait as Retry-After or X-RateLimit-Reset says, then retry with backoff and jitter.' },
      { text: 'Cache the token per client/scope and share it across requests and workers; refresh once, behind a lock.' },
      { text: 'If the volume is legitimate, ask for a higher limit or quota (gateway plan, provider support).' },
    ],
  },
  // ------------------------------------------------------------------ transport.*, apikey.*
  {
    id: 'transport.tls',
    title: 'The TLS certificate was not accepted',
    summary: 'Certificate chain, expiry, host name or self-signed certificate failure on the way to the server.',
    explanation:
      "The client refused the server's certificate before any HTTP exchange: the chain does not lead to a trusted CA (missing intermediate, private CA, TLS-inspecting corporate proxy), the certificate expired, or the host name does not match. Runtimes use their own trust stores: Java uses cacerts (PKIX path building failed), Node uses its bundled CAs unless NODE_EXTRA_CA_CERTS is set, Python requests uses certifi, curl the system bundle. Token endpoints, JWKS and discovery URLs all fail this way.",
    checks: [
      { id: 'chain', text: 'The server sends the full chain: `openssl s_client -connect host:443 -showcerts` ends in "Verify return code: 0 (ok)".' },
      { id: 'trust', text: "The client's trust store contains the issuing CA (corporate or private CAs included)." },
      { id: 'host', text: "The URL host name is in the certificate's subjectAltName, and the certificate is within its validity dates." },
    ],
    fixSteps: [
      { text: 'Fix the server if it omits intermediates (serve fullchain.pem).' },
      {
        text: "Add a private or corporate CA to the runtime's trust store instead of disabling verification.",
        snippet: {
          language: 'bash',
          code: 'export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/corp-ca.pem      # Node.js\nexport REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-bundle.crt   # Python requests\nkeytool -importcert -alias corp-ca -file corp-ca.pem -cacerts   # Java',
        },
      },
      { text: 'Never ship `rejectUnauthorized: false`, `verify=False` or `-k`: it disables the protection tokens depend on.' },
    ],
  },
  {
    id: 'transport.network',
    title: 'The network is in the way',
    summary: 'Timeouts, DNS failures, refused connections, proxies or firewalls between client and server.',
    explanation:
      'The request never got an HTTP answer: DNS could not resolve the host (ENOTFOUND, EAI_AGAIN, UnknownHostException), nothing listened (ECONNREFUSED), packets were dropped (ETIMEDOUT, Read timed out), or an outbound proxy was required but not configured (or wanted its own credentials: 407). In containers and CI the identity provider is often unreachable because egress is blocked or HTTPS_PROXY/NO_PROXY are not set.',
    checks: [
      { id: 'dns', text: 'The host resolves from the failing machine (`nslookup`, `getent hosts`).' },
      { id: 'reach', text: 'The endpoint is reachable: `curl -v https://<host>/.well-known/openid-configuration` from the same machine/container.' },
      { id: 'proxy', text: 'Proxy settings (HTTPS_PROXY, NO_PROXY, JVM -Dhttps.proxyHost) are set where an outbound proxy is required.' },
    ],
    fixSteps: [
      { text: 'Test from the exact runtime (inside the container/pod), not from your laptop.' },
      {
        text: "Open egress to the identity provider's hosts, or configure the proxy for the runtime (Node does not read HTTPS_PROXY by itself: use an agent or NODE_USE_ENV_PROXY in recent versions).",
      },
      { text: 'Set sensible connect/read timeouts and retry transient failures with backoff.' },
    ],
  },
  {
    id: 'transport.proxy-altered',
    title: 'A proxy or gateway changed the request',
    summary: 'Something between client and API dropped or rewrote the Authorization header or the token.',
    explanation:
      'The client sent a good token but the API received none or a different one. Reverse proxies and gateways can strip Authorization (Apache with CGI/FastCGI/PHP-FPM, some CDN configurations, AWS ALB rules), replace it with their own credentials, truncate large headers, or answer 401 themselves with the upstream never seeing the request. An upstream 401 that a proxy reports as "invalid status" is a related sign.',
    checks: [
      { id: 'compare', text: "The API's own log shows the same Authorization header the client sent (compare a hash)." },
      { id: 'direct', text: 'Calling the API directly (bypassing the proxy) with the same token succeeds.' },
    ],
    fixSteps: [
      {
        text: 'Configure the proxy to pass Authorization through (nginx passes it by default unless proxy_set_header overrides it; Apache needs CGIPassAuth On for CGI/FastCGI).',
      },
      { text: 'If the gateway authenticates the call itself, make sure it forwards the original token or the identity headers the API expects.' },
    ],
  },
  {
    id: 'apikey.invalid',
    title: 'The API key was not accepted',
    summary: 'An API key that is missing, in the wrong header or place, malformed, or from another environment.',
    explanation:
      'API keys are checked by the gateway or API before any OAuth logic: Kong key-auth ("No API key found in request"), Apigee VerifyAPIKey ("Invalid ApiKey"), AWS API Gateway usage plans (403 Forbidden without x-api-key), Google APIs ("API key not valid"). The key may be sent in the wrong header or query parameter, belong to another environment (dev key on prod), be revoked or expired, or not be enabled for this API product or path.',
    checks: [
      { id: 'place', text: 'The key is sent where the API expects it (header name such as x-api-key or apikey, or the documented query parameter).' },
      { id: 'env', text: 'The key belongs to this environment and project.' },
      { id: 'product', text: "The key's app/plan/product includes this API and path, and is approved." },
    ],
    fixSteps: [
      {
        text: 'Send the key in the documented place.',
        snippet: { language: 'bash', code: 'curl -H "x-api-key: $API_KEY" https://api.example.com/v1/resource' },
      },
      { text: 'Check the key in the gateway console (status, expiry, products, restrictions such as referrer or IP) and rotate it if it leaked.' },
      { text: 'Keep keys per environment in configuration, never hard-coded.' },
    ],
  },
];
