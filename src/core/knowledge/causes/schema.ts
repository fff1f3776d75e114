import type { CauseId } from '../../model';

/** Checks the engine can decide from the text itself. */
export type AutoCheckId =
  | 'token-found'
  | 'token-exp-future'
  | 'token-nbf-past'
  | 'token-iat-past'
  | 'token-structure'
  | 'token-undamaged'
  | 'token-not-truncated'
  | 'token-alg-signed'
  | 'token-signature-verifies'
  | 'token-key-fits-alg'
  | 'token-aud-present'
  | 'token-iss-present'
  | 'token-is-access-token'
  | 'token-scope-covers'
  | 'token-has-cnf'
  | 'assertion-times-numeric'
  | 'assertion-lifetime'
  | 'assertion-iss-sub'
  | 'assertion-jti'
  | 'assertion-aud'
  | 'challenge-error-code'
  | 'retry-after'
  | 'dpop-nonce-header'
  | 'error-description';

export interface CheckDef {
  /** Stable within its cause ("exp-future"). */
  readonly id: string;
  /** What to check, phrased so that "yes" is the healthy answer. */
  readonly text: string;
  /** When set, the engine evaluates the check; otherwise the user ticks it. */
  readonly auto?: AutoCheckId;
}

export interface FixStep {
  readonly text: string;
  readonly snippet?: { readonly language: string; readonly code: string };
}

export interface CauseEntry {
  readonly id: CauseId;
  readonly title: string;
  /** One line for hovers and CodeLens. */
  readonly summary: string;
  /** A few plain sentences: what this means and how it usually happens. */
  readonly explanation: string;
  readonly checks: readonly CheckDef[];
  readonly fixSteps: readonly FixStep[];
}

export type CheckStatus = 'passed' | 'failed' | 'unknown';

export interface CheckResult {
  readonly id: string;
  readonly text: string;
  /** 'manual' for checks only the user can answer. */
  readonly kind: 'auto' | 'manual';
  readonly status: CheckStatus;
  readonly evidence?: string;
}
