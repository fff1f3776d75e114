/**
 * A token finding's compact text (its characters with any damage removed),
 * kept beside the finding where spreading, JSON and structured clone do not
 * see it: a token is a secret and never part of a report. Commands that
 * check a token with the user's keys ask for it here.
 */
import type { Finding } from '../model';

const COMPACT = Symbol('compact');

type WithCompact = { [COMPACT]?: string };

export function attachCompact<F extends Finding>(finding: F, compact: string): F {
  Object.defineProperty(finding, COMPACT, { value: compact, enumerable: false });
  return finding;
}

/** The compact token a token finding was read as; undefined for other findings. */
export function compactOf(finding: Finding | undefined): string | undefined {
  return (finding as WithCompact | undefined)?.[COMPACT];
}
