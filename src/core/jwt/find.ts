import type { Finding, ScanOptions } from '../model';

/** Finds compact JWS and JWE tokens, whole or damaged. (Stub, being written.) */
export function findTokens(_text: string, _options: ScanOptions): Finding[] {
  return [];
}
