import type { CauseId, ScanOptions } from '../model';

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
export interface FixProblem {
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

/** How a document is written: decides how values and fixes are spelled. */
export type Dialect = 'json' | 'js' | 'python' | 'http' | 'shell' | 'other';

export interface FixOptions extends ScanOptions {
  /** A client assertion living longer than this (exp − iat) is flagged. Default 86400. */
  readonly maxLifetimeSeconds?: number;
  /** The editor's language id ("typescript", "http", "markdown"...), when known. */
  readonly languageId?: string;
  /** The file name or path, when known (".http" and ".rest" files are HTTP requests). */
  readonly fileName?: string;
  /** Makes a fresh jti; defaults to crypto.randomUUID(). Tests pass a fixed one. */
  readonly randomId?: () => string;
}

export const DEFAULT_MAX_ASSERTION_LIFETIME = 86400;
/** The lifetime the fixes give a client assertion. */
export const SHORT_LIFETIME_SECONDS = 600;
