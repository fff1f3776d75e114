/**
 * The shape of a provider catalog: one entry per published error code or
 * message, taken from the provider's own reference. Pure data: the error
 * scanner reads these tables, it never holds provider knowledge itself.
 */
import type { CauseId } from '../../model';

export interface CatalogEntry {
  /**
   * The provider's code exactly as it prints it ('AADSTS700016', 'E0000011',
   * 'IDX10223', 'ID2019', 'NotAuthorizedException'), when it has one.
   */
  readonly code?: string;
  /**
   * Lower-case phrases of the provider's own vocabulary that identify this
   * entry where no code is printed. Each is a plain substring (no regex), short
   * and distinctive; never a whole sample text.
   */
  readonly phrases?: readonly string[];
  /** What the code means, one sentence in this project's words. */
  readonly meaning: string;
  /** The RFC 6749/6750/8628/OIDC error code the entry implies, when there is one. */
  readonly error?: string;
  /** HTTP status the provider answers with, when published. */
  readonly status?: number;
  /** Cause ids from ../shared/causes.md, most likely first. */
  readonly causes: readonly CauseId[];
  /** One line: what to change and where, specific to this code. */
  readonly fix: string;
  /** The provider's reference page for this entry (or for its table). */
  readonly ref: string;
  /**
   * The entry names a wrapper (an exception class, an event type, a library's
   * "token request failed") whose text carries another error: a more specific
   * code in the same text, or a stated OAuth error, says more than it does.
   */
  readonly wraps?: true;
}

export interface Catalog {
  /** The name shown to users ("Microsoft Entra ID"). */
  readonly provider: string;
  /** Short id used by the test corpus ("entra", "okta", …). */
  readonly family: string;
  /** The provider's main reference page. */
  readonly ref: string;
  readonly entries: readonly CatalogEntry[];
}
