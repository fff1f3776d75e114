import type { Finding, ScanOptions } from '../model';
import { detectProblems } from './detect';

export { rankWithTokens } from './context';

/**
 * Finds OAuth/OIDC error responses, WWW-Authenticate challenges, auth-related
 * HTTP statuses and provider/library messages in text, one finding per
 * incident, each with ranked causes. Never throws; linear in the text.
 */
export function findProblems(text: string, options: ScanOptions): Finding[] {
  try {
    return detectProblems(text, options);
  } catch {
    return [];
  }
}
