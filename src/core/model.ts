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
  /** True when the text itself establishes the cause (a provider code that means exactly this); such causes come first. */
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
}

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
  readonly problem?: 'string' | 'milliseconds' | 'not-a-number' | 'fractional';
}

export interface SecurityNote {
  readonly code: string;
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
