import type { CauseId, ErrorKind } from '../model';
import type { Ctx } from '../knowledge/oauthCodes';
import type { Challenge } from './parse';

/** One piece of evidence found in the text; several make one incident (finding). */
export interface Signal {
  kind: ErrorKind;
  start: number;
  end: number;
  /** Generic wording, not a vendor's own message: does not decide the kind when merged. */
  generic?: boolean;
  /** Context only (a 400/500 status, Retry-After): never reported on its own. */
  weak?: boolean;
  /** The stated error code, normalised. */
  error?: string;
  /** The RFC code implied by a vendor code or message. */
  impliedError?: string;
  status?: number;
  provider?: string;
  vendorCode?: string;
  description?: string;
  meaning?: string;
  short?: string;
  ctx?: Ctx;
  /** Causes a vendor message names, most likely first. */
  causes?: readonly CauseId[];
  /** How to quote the source in evidence ("Entra ID AADSTS70008"). */
  label?: string;
  /** What to do for this very code or message (from its provider catalog). */
  fix?: string;
  /** The provider's reference page for it. */
  reference?: string;
  /**
   * Set when a provider catalog entry gave the causes: how sure the match is
   * (see CatalogHit.strength) and whether the entry only wraps another error.
   */
  catalog?: { readonly strength: 1 | 2 | 3; readonly wraps: boolean; readonly found: string };
  /** The text the signal was read from, with timestamps and ids masked: its description's share of the diagnosis memo's key. */
  textKey?: string;
  fields?: Record<string, string>;
  challenges?: Challenge[];
}

export const KIND_RANK: Record<ErrorKind, number> = {
  'oauth-error': 4,
  'auth-challenge': 3,
  'vendor-message': 2,
  'http-status': 1,
};
