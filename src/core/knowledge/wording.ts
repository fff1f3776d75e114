import type { CauseId } from '../model';
import type { Ctx } from './oauthCodes';

/** What a sentence in an error description is about. */
export type Topic =
  | 'expired'
  | 'not-yet-valid'
  | 'audience'
  | 'issuer'
  | 'signature'
  | 'algorithm'
  | 'malformed'
  | 'truncated'
  | 'altered'
  | 'missing-token'
  | 'revoked'
  | 'wrong-type'
  | 'scope'
  | 'permission'
  | 'dpop'
  | 'client-auth'
  | 'client-unauthorized'
  | 'assertion'
  | 'assertion-type'
  | 'grant'
  | 'user-credentials'
  | 'redirect'
  | 'state'
  | 'denied'
  | 'interaction'
  | 'response-type'
  | 'grant-type'
  | 'rate'
  | 'unavailable'
  | 'server'
  | 'tls'
  | 'network'
  | 'apikey'
  | 'request';

interface WordRule {
  readonly topic: Topic;
  readonly re: RegExp;
  readonly weight: number;
}

// Applied to short texts only (descriptions, messages: at most ~600 chars), so
// a few dozen bounded regexes per finding cost nothing.
// One entry per line, so that a row reads, greps and diffs as one entry:
// prettier-ignore
const RULES: readonly WordRule[] = [
  { topic: 'dpop', re: /\bdpop\b/i, weight: 95 },
  { topic: 'assertion-type', re: /client[_ ]assertion[_ ]type|assertion[_ ]type/i, weight: 95 },
  { topic: 'redirect', re: /redirect(?:ion)?[_ ]?ur[il]|reply (?:url|address)|callback url|redirect_uri_mismatch/i, weight: 95 },
  { topic: 'grant', re: /\bpkce\b|code[_ ]verifier|code[_ ]challenge/i, weight: 95 },
  { topic: 'state', re: /\bstate\b.{0,20}(?:mismatch|missing|invalid|not (?:match|found|valid))|(?:invalid|missing|mismatch(?:ed)?|unknown) state\b|correlation failed|authorization_request_not_found|\bnonce\b.{0,30}(?:missing|mismatch|invalid|not match)|unprotect the message\.state/i, weight: 95 },
  { topic: 'response-type', re: /response[_ ](?:type|mode)/i, weight: 90 },
  { topic: 'client-unauthorized', re: /(?:client|application|app)\b.{0,60}\bnot (?:authori[sz]ed|allowed|permitted|enabled)|not (?:allowed|authori[sz]ed) for (?:the|this) client|unauthori[sz]ed client|client-grant|not able to get client/i, weight: 85 },
  { topic: 'grant-type', re: /grant[_ ]type/i, weight: 70 },
  { topic: 'client-auth', re: /client (?:authentication|auth|credentials?|secret|id(?:entifier)?)\b.{0,40}(?:fail|invalid|incorrect|wrong|mismatch|not (?:valid|found|provided)|unknown|bad|expired)|(?:invalid|unknown|bad|incorrect|wrong|missing)\b.{0,15}\bclient(?:[ _](?:id|secret|credentials?|identifier))?\b|client not found|unknown client|client[_ ]secret|secret hash|no client authentication|authentication method|oauth client was not found|deleted_client/i, weight: 80 },
  { topic: 'assertion', re: /client[_ ]assertion|\bassertion\b|short-lived token|\bjti\b/i, weight: 70 },
  { topic: 'algorithm', re: /\balg(?:orithm)?s?\b|jwsalgorithm|unsigned|alg(?:orithm)?\W{0,3}none|\bnone\b.{0,12}alg/i, weight: 85 },
  { topic: 'expired', re: /expir|\bexp\b|not active|no longer valid|too old|lifetime|timestamp check failed|outside (?:of )?(?:its|the) valid|valid time range|stale/i, weight: 80 },
  { topic: 'not-yet-valid', re: /not (?:yet )?valid (?:yet|before)|not yet valid|\bnbf\b|not[ -]before|immature|premature|before use time|issued in the future|\biat\b.{0,30}future|clock skew/i, weight: 78 },
  { topic: 'audience', re: /\baud(?:ience)?s?\b|\bresource\b.{0,30}(?:not found|invalid|unknown|mismatch)|service not (?:found|enabled)|resource principal|intended for|issued for (?:another|a different)/i, weight: 85 },
  { topic: 'issuer', re: /\biss(?:uer)?\b|another tenant|different (?:tenant|realm)|wrong (?:tenant|realm)|realm/i, weight: 80 },
  { topic: 'signature', re: /signature|\bkid\b|signing key|no matching key|no applicable key|key (?:not found|mismatch)|unable to (?:find|match).{0,20}key|could not verify|failed to verify|verification failed|jwks/i, weight: 80 },
  { topic: 'truncated', re: /truncat|cut off|incomplete/i, weight: 85 },
  { topic: 'altered', re: /whitespace|line break|padding|url[- ]?encod|percent[- ]?encod|quoted|bearer prefix|leading or trailing/i, weight: 70 },
  { topic: 'malformed', re: /malformed|not well[- ]?formed|\bformat\b|corrupt|cannot (?:be )?(?:decoded|parsed)|could not (?:be )?(?:decoded|parsed|read)|unable to (?:decode|parse|read)|failed to (?:decode|parse)|segments|compact (?:jws|serialization)|base64|not a (?:valid )?jwt|invalid json|structure|decode the jwt|invalid jwt\b(?! signature)|bad token|unreadable|garbled/i, weight: 75 },
  { topic: 'wrong-type', re: /(?:id|refresh)[_ ]token (?:was |is )?(?:used|sent|passed|provided|presented) as|not an access token|(?:wrong|invalid|unexpected|unsupported) token type|token_type_hint|\btyp\b|id token (?:instead|as an access)/i, weight: 85 },
  { topic: 'user-credentials', re: /(?:invalid|incorrect|wrong|bad)\b.{0,12}\b(?:user(?:name)?|password|email)|username or password|email or password|user credentials|authentication failure|invalid (?:login|credentials)/i, weight: 75 },
  { topic: 'grant', re: /\b(?:authorization |auth )?code\b.{0,30}(?:expired|invalid|used|redeemed|not valid|mismatch|not found)|already (?:been )?(?:used|redeemed)|(?:invalid|bad|wrong) (?:authorization )?code|code not valid|refresh[_ ]token|\bgrant\b|offline session|verification code/i, weight: 65 },
  { topic: 'revoked', re: /revoked|revocation|not found|unknown (?:token|session)|no longer (?:exists|known)|logged out|logout|invalidated|inactive|black ?list|block ?list|session (?:not active|expired|invalid)/i, weight: 70 },
  { topic: 'missing-token', re: /\bmissing\b|not (?:provided|present|supplied|found in (?:the )?request)|\bno (?:token|bearer|credentials?|authorization|access[_ ]token|api key)\b|must be provided|is required|are required|\brequires? authentication|full authentication|authentication (?:is )?required|no auth/i, weight: 55 },
  { topic: 'scope', re: /\bscopes?\b|\bscp\b/i, weight: 80 },
  { topic: 'permission', re: /insufficient|not (?:authori[sz]ed|permitted|allowed) (?:to|for)|\bpermissions?\b|forbidden|does not have access|do(?:es)? not have (?:the )?(?:required )?(?:scope|permission|role|rights)|missing (?:scope|role|permission)|privilege|\broles?\b|access (?:is )?denied|explicit deny|not accessible/i, weight: 70 },
  { topic: 'denied', re: /denied|declined|did not (?:approve|consent)|not approved|hasn'?t approved|cancel+ed|canceled by|aborted by the user|conditional access|blocked/i, weight: 60 },
  { topic: 'interaction', re: /login[_ ]required|\bconsent\b|interaction|\bmfa\b|multi-?factor|two-?factor|\b2fa\b|step-?up|account selection|re-?authenticat|not fully set up|sign-?in again|password (?:is )?expired/i, weight: 80 },
  { topic: 'rate', re: /rate[ -]?limit|too many|throttl|quota|slow down|request limit|exceeded.{0,20}limit|limit exceeded/i, weight: 90 },
  { topic: 'unavailable', re: /unavailable|maintenance|overloaded|try again later|transient/i, weight: 80 },
  // "exception" alone names a class (HttpClientErrorException, requests.exceptions), not a server fault.
  { topic: 'server', re: /internal (?:server )?error|unexpected (?:error|condition)|server error|(?:unhandled|internal|unexpected) exception/i, weight: 40 },
  { topic: 'tls', re: /certificate|\bssl\b|\btls\b|\bpkix\b|x509|handshake/i, weight: 85 },
  { topic: 'network', re: /timed? ?out|timeout|connection (?:refused|reset|closed)|unreachable|getaddrinfo|\bdns\b|could not resolve|name resolution|socket hang up|econn|etimedout|enotfound/i, weight: 80 },
  { topic: 'apikey', re: /api[ _-]?key|apikey|subscription key|x-api-key/i, weight: 85 },
  { topic: 'request', re: /\bparameter\b|unable to process request|bad request|content[- ]type|invalid request|\bduplicate/i, weight: 45 },
];

export interface TopicHit {
  readonly topic: Topic;
  readonly weight: number;
  /** The words that matched. */
  readonly words: string;
}

/** Which topics a description talks about. `text` is capped by the caller. */
export function topicsOf(text: string): TopicHit[] {
  const out: TopicHit[] = [];
  if (!text) return out;
  // PyJWT and python-jose say "Signature has expired" for an expired token.
  const t = text.length > 600 ? text.slice(0, 600) : text;
  const cleaned = t.replace(/signature (?:has )?expired/gi, 'token expired');
  const seen = new Set<Topic>();
  for (const r of RULES) {
    if (seen.has(r.topic)) continue;
    const m = r.re.exec(cleaned);
    if (m) {
      seen.add(r.topic);
      out.push({ topic: r.topic, weight: r.weight, words: m[0].trim() });
    }
  }
  return out;
}

/** The cause a topic stands for in a context (null when it says nothing there). */
export function topicCause(topic: Topic, ctx: Ctx): CauseId | null {
  switch (topic) {
    case 'expired':
      return ctx === 'client'
        ? 'client.assertion-claims'
        : ctx === 'grant'
          ? 'grant.invalid'
          : ctx === 'device'
            ? 'grant.device-expired'
            : ctx === 'authorize'
              ? 'request.interaction-required'
              : 'token.expired';
    case 'not-yet-valid':
      return ctx === 'client' || ctx === 'grant' ? 'client.assertion-claims' : 'token.not-yet-valid';
    case 'audience':
      return ctx === 'client' ? 'client.assertion-claims' : 'token.wrong-audience';
    case 'issuer':
      return ctx === 'client' ? 'client.assertion-claims' : 'token.wrong-issuer';
    case 'signature':
      return ctx === 'client' ? 'client.authentication-failed' : ctx === 'grant' ? 'client.authentication-failed' : 'token.signature';
    case 'algorithm':
      return 'token.algorithm';
    case 'malformed':
      return ctx === 'client' ? 'client.assertion-claims' : ctx === 'grant' ? 'grant.invalid' : ctx === 'request' ? 'request.invalid' : 'token.malformed';
    case 'truncated':
      // A cut token at an API; at a token endpoint a cut code or refresh token. Elsewhere the word
      // is more often a log viewer's "(truncated...)" than a diagnosis.
      return ctx === 'grant' ? 'grant.invalid' : ctx === 'resource' || ctx === 'unknown' ? 'token.truncated' : null;
    case 'altered':
      return 'token.altered';
    case 'missing-token':
      return ctx === 'client' ? 'client.authentication-failed' : ctx === 'resource' || ctx === 'unknown' || ctx === 'request' ? 'token.missing' : null;
    case 'revoked':
      return ctx === 'grant' ? 'grant.invalid' : ctx === 'client' ? null : ctx === 'resource' || ctx === 'unknown' ? 'token.revoked' : null;
    case 'wrong-type':
      return 'token.wrong-type';
    case 'scope':
      return ctx === 'resource' || ctx === 'unknown' ? 'token.insufficient-scope' : 'request.invalid-scope';
    case 'permission':
      return ctx === 'authorize' ? 'request.access-denied' : ctx === 'client' ? 'client.unauthorized' : 'token.insufficient-scope';
    case 'dpop':
      return 'token.dpop';
    case 'client-auth':
      return 'client.authentication-failed';
    case 'client-unauthorized':
      return 'client.unauthorized';
    case 'assertion':
      return 'client.assertion-claims';
    case 'assertion-type':
      return 'client.assertion-type';
    case 'grant':
    case 'user-credentials':
      return ctx === 'resource' ? null : 'grant.invalid';
    case 'redirect':
      return 'request.redirect-uri';
    case 'state':
      return 'request.state';
    case 'denied':
      return ctx === 'resource' ? 'token.insufficient-scope' : 'request.access-denied';
    case 'interaction':
      return 'request.interaction-required';
    case 'response-type':
      return 'request.unsupported-response-type';
    case 'grant-type':
      return ctx === 'client' ? 'client.unauthorized' : 'grant.unsupported';
    case 'rate':
      // Polling a device-flow token endpoint too fast is slow_down: keep polling, more slowly.
      return ctx === 'device' ? 'grant.pending' : 'server.rate-limited';
    case 'unavailable':
      return 'server.unavailable';
    case 'server':
      return 'server.error';
    case 'tls':
      return 'transport.tls';
    case 'network':
      return 'transport.network';
    case 'apikey':
      return 'apikey.invalid';
    case 'request':
      return 'request.invalid';
  }
}
