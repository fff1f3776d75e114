/**
 * The engine's data model: what a scan returns. Shared by the command line,
 * the editor providers and the panel. Pure data, no behaviour.
 */

/** Cause ids, fixed by ../shared/causes.md. Never rename one. */
export const CAUSE_IDS = [
  'token.expired',
  'token.not-yet-valid',
  'token.malformed',
  'token.truncated',
  'token.altered',
  'token.missing',
  'token.revoked',
  'token.wrong-audience',
  'token.wrong-issuer',
  'token.signature',
  'token.algorithm',
  'token.wrong-type',
  'token.insufficient-scope',
  'token.dpop',
  'client.authentication-failed',
  'client.unauthorized',
  'client.assertion-claims',
  'client.assertion-type',
  'grant.invalid',
  'grant.unsupported',
  'grant.pending',
  'grant.device-expired',
  'request.invalid',
  'request.invalid-scope',
  'request.redirect-uri',
  'request.state',
  'request.access-denied',
  'request.interaction-required',
  'request.unsupported-response-type',
  'server.error',
  'server.unavailable',
  'server.rate-limited',
  'transport.tls',
  'transport.network',
  'transport.proxy-altered',
  'apikey.invalid',
] as const;

export type CauseId = (typeof CAUSE_IDS)[number];

/** Finding kinds, fixed by ../shared/contract.md. */
export type FindingKind = 'jwt' | 'jwe' | 'oauth-error' | 'auth-challenge' | 'http-status' | 'vendor-message' | 'token-request';

/** One ranked cause of a finding, with what in the text points at it. */
export interface CauseRef {
  readonly id: CauseId;
  /** Sentences drawn from the input ("exp 2026-11-21T19:02:11Z is 1 h 38 min before now"). */
  readonly evidence: readonly string[];
  /**
   * True when the text or a check of the token itself establishes the cause
   * (an exp in the past, a provider code that means exactly this, a signature
   * that fails with a matching key), not a reading of wording. Absent means
   * suspected. Established causes come first.
   */
  readonly established?: boolean;
}

/** What a decoded (or partly decoded) compact token holds. */
export interface TokenReport {
  readonly format: 'jws' | 'jwe';
  /** Number of dot-separated segments actually present. */
  readonly segmentCount: number;
  /** The protected header, when it decoded to a JSON object. */
  readonly header?: Record<string, unknown>;
  /** The claims, when the payload decoded to a JSON object (never for JWE). */
  readonly claims?: Record<string, unknown>;
  /** Text that could be read from a payload that is not a JSON object (or only partly). */
  readonly payloadText?: string;
  /** Per segment: which one failed to decode and why (empty when all decoded). */
  readonly segmentErrors: readonly SegmentError[];
  /** How the text around or inside the token was damaged, if it was. */
  readonly damage: readonly Damage[];
  /** The inferred token type with the reason for it. */
  readonly type: TokenTypeGuess;
  /** Times found in the claims, analysed against `now`. */
  readonly times: readonly TimeClaim[];
  /** Lifetime in seconds (exp - iat, or exp - nbf) when both are numeric. */
  readonly lifetimeSeconds?: number;
  /** RFC 8725 style notes about the token's security. */
  readonly notes: readonly SecurityNote[];
  /** A token nested inside this one's payload (JWS carrying a JWT), decoded one level. */
  readonly nested?: TokenReport;
  /** True when `cty: JWT` or a payload that is itself a compact token. */
  readonly isNested: boolean;
  /** Signature length in bytes, when the segment decoded. */
  readonly signatureBytes?: number;
  /** The signature check with the user's keys, when one ran (JWS only). */
  readonly signature?: SignatureResult;
  /** The decryption with the user's keys, when one ran (JWE only); its plaintext became `claims` or `nested`. */
  readonly decryption?: DecryptionResult;
}

/** One key tried on a token, and what came of it. */
export interface KeyAttempt {
  /** The key's name ("orders-api (JWKS) · kid 2026-1", "key.pem"). */
  readonly key: string;
  /** Why it was a candidate ("kid 2026-1 matches", "the only RSA key; it has no kid"). */
  readonly why: string;
  /** What happened ("signature does not verify", "verified", "cannot import: …"). */
  readonly outcome: string;
}

/**
 * A signature check of a JWS with keys the user gave (../shared/contract.md,
 * `signature`). Pure data: it names keys, never holds them.
 */
export interface SignatureResult {
  /**
   * verified: a key matching by kid/alg/type verifies it; invalid: a matching
   * key does not; no-key: no given key matches; not-allowed: the only
   * candidates are forbidden for this alg (none, a public key offered for an
   * HMAC alg); unsupported: the algorithm or header cannot be checked.
   */
  readonly status: 'verified' | 'invalid' | 'no-key' | 'not-allowed' | 'unsupported';
  readonly alg?: string;
  /** The token's kid, else the kid of the key that verified it. */
  readonly kid?: string;
  /** The key that verified it, or the one that failed when only one was tried. */
  readonly key?: string;
  /** How that key was chosen ("kid 2026-1 matches"). */
  readonly chosenBy?: string;
  /** One sentence for people: why it has this status. */
  readonly reason?: string;
  /** Every key tried, in order. */
  readonly tried: readonly KeyAttempt[];
  /** For no-key: the kids of the keys that could have fit by type (key rotation shows here). */
  readonly kidsAvailable?: readonly string[];
  /** Set for no-key when the token names a kid and none of the fitting keys has it. */
  readonly kidMissing?: boolean;
  /** Extension parameters listed in crit that a receiver must understand (b64 aside). */
  readonly critUnknown?: readonly string[];
  /** What else is worth knowing (a key carried in the header proves nothing, a key URL the token chose). */
  readonly notes: readonly string[];
}

/** A decryption of a compact JWE with keys the user gave (../shared/contract.md, `decryption`). */
export interface DecryptionResult {
  readonly status: 'decrypted' | 'failed' | 'no-key' | 'unsupported';
  readonly alg?: string;
  readonly enc?: string;
  /** The key that decrypted it, or the one that failed when only one was tried. */
  readonly key?: string;
  readonly chosenBy?: string;
  readonly reason?: string;
  readonly tried: readonly KeyAttempt[];
  readonly kidsAvailable?: readonly string[];
  readonly notes: readonly string[];
  /** What the plaintext is: a nested compact token, a JSON claims set, or other bytes. */
  readonly content?: 'nested-token' | 'claims' | 'other';
}

/**
 * What the user's keys said about one compact token: its signature check
 * (JWS) or its decryption (JWE) with the plaintext. Found by the token's
 * compact text; the engine reads it while analysing and never computes it
 * (checks are asynchronous, analysis is not; see ./verify/check).
 */
export interface TokenCheck {
  readonly signature?: SignatureResult;
  readonly decryption?: DecryptionResult;
  /** The decrypted plaintext as text (a nested compact token or JSON); kept in memory only, never written out. */
  readonly plaintext?: string;
}

/** The results of checks done so far, by compact token (the token's characters, damage removed). */
export type TokenChecks = (compact: string) => TokenCheck | undefined;

export interface SegmentError {
  /** 0-based segment index: 0 header, 1 payload, 2 signature (JWS); 0..4 for JWE. */
  readonly segment: number;
  readonly name: string;
  readonly code: 'base64' | 'json' | 'not-object' | 'utf8' | 'missing' | 'short' | 'empty';
  readonly message: string;
}

export interface Damage {
  readonly kind: 'truncated' | 'line-break' | 'percent-encoded' | 'quoted' | 'whitespace' | 'double-bearer' | 'standard-base64' | 'padding' | 'escaped';
  readonly message: string;
}

export type TokenType =
  'access-token' | 'id-token' | 'refresh-token' | 'client-assertion' | 'logout-token' | 'dpop-proof' | 'security-event' | 'encrypted' | 'unknown';

export interface TokenTypeGuess {
  readonly type: TokenType;
  /** Human label: "access token (RFC 9068)". */
  readonly label: string;
  readonly reason: string;
}

export interface TimeClaim {
  readonly claim: 'exp' | 'nbf' | 'iat' | 'auth_time';
  /** The raw value as found in the claims. */
  readonly raw: unknown;
  /** Epoch seconds after normalisation (strings parsed, milliseconds divided), if possible. */
  readonly seconds?: number;
  readonly iso?: string;
  /** "in 3 h 12 min", "3 h 12 min ago". */
  readonly relative?: string;
  /** Problems with how the time is written. */
  readonly problem?: 'string' | 'milliseconds' | 'not-a-number' | 'fractional' | 'out-of-range';
}

/** What a security note is about; stable, so tests, filters and the command line can name it. */
export type SecurityNoteCode =
  | 'alg-none'
  | 'header-jwk'
  | 'header-jku'
  | 'header-x5u'
  | 'header-x5c'
  | 'kid-suspicious'
  | 'crit'
  | 'b64-false'
  | 'zip'
  | 'rsa-1024'
  | 'no-exp'
  | 'long-lifetime'
  | 'typ-confusion'
  | 'dpop-typ'
  | 'nested';

export interface SecurityNote {
  readonly code: SecurityNoteCode;
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
}

/** What an error finding (oauth-error, auth-challenge, http-status, vendor-message) says. */
export interface ProblemReport {
  /** The provider or library the text comes from, when recognised ("Microsoft Entra ID"). */
  readonly provider?: string;
  /** The provider's own code ("AADSTS70008", "E0000011", "IDX10223"). */
  readonly vendorCode?: string;
  /** HTTP status, stated or implied. */
  readonly status?: number;
  readonly description?: string;
  /** What the error code or message means, one sentence. */
  readonly meaning?: string;
  /** What to do for this very code or message, one line, from the provider's catalog. */
  readonly fix?: string;
  /** The provider's reference page for the code or message. */
  readonly reference?: string;
  /** Other members read from the error: error_uri, state, scope, realm, Retry-After... */
  readonly fields?: Readonly<Record<string, string>>;
}

interface FindingBase {
  /** UTF-16 offsets into the scanned text; `end` exclusive. */
  readonly start: number;
  readonly end: number;
  /** The RFC error code stated or implied. */
  readonly error?: string;
  /** Most likely first. May be empty for a token with nothing wrong. */
  readonly causes: readonly CauseRef[];
  /** One line for a CodeLens or a report heading. */
  readonly summary: string;
  /**
   * Causes a check ruled out, with why ("the nearby access token verifies
   * with orders-api (JWKS)"). Absent when nothing was ruled out.
   */
  readonly ruledOut?: readonly CauseRef[];
}

/** A compact JWS (`jwt`) or JWE (`jwe`), decoded as far as it goes. */
export interface TokenFinding extends FindingBase {
  readonly kind: 'jwt' | 'jwe';
  readonly token: TokenReport;
}

export type ErrorKind = 'oauth-error' | 'auth-challenge' | 'http-status' | 'vendor-message';

/** An error response, challenge, status or provider message: what went wrong somewhere else. */
export interface ErrorFinding extends FindingBase {
  readonly kind: ErrorKind;
  readonly problem: ProblemReport;
}

/** A token request or claims set about to be signed, with mistakes a server would reject. */
export interface RequestFinding extends FindingBase {
  readonly kind: 'token-request';
}

export type Finding = TokenFinding | ErrorFinding | RequestFinding;

export function isTokenFinding(f: Finding): f is TokenFinding {
  return f.kind === 'jwt' || f.kind === 'jwe';
}

export function isErrorFinding(f: Finding): f is ErrorFinding {
  return f.kind !== 'jwt' && f.kind !== 'jwe' && f.kind !== 'token-request';
}

/** Everything that decides what an analysis finds; the same set for the command line and the editor. */
export interface AnalysisOptions {
  /** Epoch seconds used for every time check. */
  readonly now: number;
  /** Allowed clock skew in seconds. */
  readonly leeway: number;
  /** Polled now and then; when it returns true the analysis stops and returns what it has. */
  readonly isCancelled?: () => boolean;
  /** Stop after this many findings (the rest are counted in a note). */
  readonly maxFindings?: number;
  /** The editor's language id ("typescript", "http", "markdown"...), when known. */
  readonly languageId?: string;
  /** The file name or path, when known (".http" and ".rest" files are HTTP requests). */
  readonly fileName?: string;
  /** A client assertion living longer than this (exp − iat) is a mistake. Default 86400. */
  readonly maxLifetimeSeconds?: number;
  /**
   * Signature checks and decryptions done with the user's keys, by compact
   * token: a token with a result gets it in its report, and it drives the
   * ranking (token.signature and token.algorithm established or ruled out).
   */
  readonly checks?: TokenChecks;
  /** Makes a fresh jti for a fix; defaults to crypto.randomUUID(). Tests pass a fixed one. */
  readonly randomId?: () => string;
  /**
   * Tests only: an internal error is thrown instead of being recorded as a
   * note. Without it the engine never throws.
   */
  readonly strict?: boolean;
}

/** One text replacement, in UTF-16 offsets of the scanned text; `end` exclusive. */
export interface FixEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** One way to repair a problem: all its edits are applied together. */
export interface FixAction {
  readonly title: string;
  readonly edits: readonly FixEdit[];
  /** The fix to offer first (VS Code's `isPreferred`). */
  readonly preferred?: boolean;
}

/** A mistake in a token request, a claims set or a JOSE header, with its repairs. */
export interface Mistake {
  readonly causeId: CauseId;
  /** The RFC error code a server answers with, when there is one. */
  readonly error?: string;
  /** UTF-16 offsets of what to underline; `end` exclusive. */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** Edits that repair it in place; empty for a signed token (nothing can be edited in place). */
  readonly fixes: readonly FixAction[];
  /** For a signed token: the corrected claims (or header) as JSON, to copy and sign again. */
  readonly copyText?: string;
  /** The span of the request, claims set or token the problem belongs to. */
  readonly container: { readonly start: number; readonly end: number };
}

/** Everything an analysis of one text found: findings and the mistakes quick fixes repair. */
export interface Analysis {
  /** Tokens, error findings and token requests, ordered by start (outer before inner). */
  readonly findings: readonly Finding[];
  /** Mistakes in token requests, claims sets and JOSE headers, with their edits; ordered by start. */
  readonly mistakes: readonly Mistake[];
  /** Things the user should know about the analysis itself ("showing the first 10000 findings"). */
  readonly notes: readonly string[];
  readonly cancelled: boolean;
}

export const DEFAULT_LEEWAY_SECONDS = 60;

/** The decoded token of a token finding; undefined for other kinds. */
export function tokenOf(f: Finding | undefined): TokenReport | undefined {
  return f && isTokenFinding(f) ? f.token : undefined;
}

/** What an error finding says; undefined for other kinds. */
export function problemOf(f: Finding | undefined): ProblemReport | undefined {
  return f && isErrorFinding(f) ? f.problem : undefined;
}
