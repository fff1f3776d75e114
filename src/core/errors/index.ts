import type { Finding, ScanOptions } from '../model';

/**
 * Finds OAuth/OIDC error responses, WWW-Authenticate challenges, auth-related
 * HTTP statuses and vendor messages in text. (Stub: filled in by the
 * error-diagnosis work.)
 */
export function findProblems(_text: string, _options: ScanOptions): Finding[] {
  return [];
}
