/**
 * Checks tokens with the user's keys and keeps the results by compact token,
 * in the form the analysis reads them (AnalysisOptions.checks). A JWE is
 * decrypted, and a token inside it (a nested JWT) is checked in turn, as is
 * a JWT carried in a JWS payload. Checks are asynchronous (Web Crypto) and
 * the analysis is not: callers check first, then analyse with the results.
 *
 * Pure, never throws.
 */
import type { TokenCheck, TokenChecks } from '../model';
import { analyzeStructure, decodeHeader } from '../jwt/structure';
import { decryptJwe, DEFAULT_PBES2, type Pbes2Policy } from './decrypt';
import type { UserKey } from './keys';
import { verifyJws } from './verify';

export interface CheckOptions {
  readonly pbes2?: Pbes2Policy;
}

/** Tokens nested deeper than this are not opened (a JWE in a JWS in a JWE…). */
const MAX_DEPTH = 3;

/** Checks one compact token (and the tokens nested in it), adding every result to `into`. */
export async function checkToken(
  compact: string,
  keys: readonly UserKey[],
  into: Map<string, TokenCheck>,
  options: CheckOptions = {},
  depth = 0,
): Promise<TokenCheck | undefined> {
  if (depth > MAX_DEPTH) return undefined;
  const header = decodeHeader(compact.split('.', 1)[0]!);
  if (!header) return undefined;
  let check: TokenCheck;
  let inner: string | undefined;
  if (typeof header.enc === 'string') {
    const d = await decryptJwe(compact, keys, options.pbes2 ?? DEFAULT_PBES2);
    check = { decryption: d.result, ...(d.plaintext !== undefined ? { plaintext: d.plaintext } : {}) };
    if (d.result.content === 'nested-token') inner = d.plaintext?.trim();
  } else {
    check = { signature: await verifyJws(compact, keys) };
    inner = analyzeStructure(compact, header).nestedCompact;
  }
  into.set(compact, check);
  if (inner && !into.has(inner)) await checkToken(inner, keys, into, options, depth + 1);
  return check;
}

/** Checks every token; the map holds each one's result and those of tokens nested in them. */
export async function checkTokens(compacts: Iterable<string>, keys: readonly UserKey[], options: CheckOptions = {}): Promise<Map<string, TokenCheck>> {
  const into = new Map<string, TokenCheck>();
  for (const c of compacts) if (!into.has(c)) await checkToken(c, keys, into, options);
  return into;
}

/** The lookup the analysis reads. */
export function checksOf(map: ReadonlyMap<string, TokenCheck>): TokenChecks {
  return (compact) => map.get(compact);
}
