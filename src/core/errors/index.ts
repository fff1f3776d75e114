import type { AnalysisOptions, ErrorFinding } from '../model';
import { detectErrors } from './detect';

export { forgetErrorMemo } from './detect';

export { rankWithTokens } from './tokenRanking';

/**
 * Finds OAuth/OIDC error responses, WWW-Authenticate challenges, auth-related
 * HTTP statuses and provider/library messages in text, one finding per
 * incident, each with ranked causes. Linear in the text. May throw on an
 * engine bug: the analysis' error boundary catches it.
 */
export function findErrors(text: string, options: AnalysisOptions): ErrorFinding[] {
  return detectErrors(text, options);
}
