/**
 * Decrypts a compact JWE with keys the user gave, through jose alone: dir,
 * AES key wrap (A*KW, A*GCMKW), RSA-OAEP(-256/384/512), ECDH-ES(+A*KW), and
 * PBES2 only when the caller allows it, with a cap on its iterations (a
 * token chooses its own p2c, and a huge one makes a decrypter spin).
 *
 * Pure (Web Crypto through jose), asynchronous, never throws. The plaintext
 * is returned to the caller, which keeps it in memory only.
 */
import { compactDecrypt, errors, importJWK } from 'jose';
import type { DecryptionResult, KeyAttempt } from '../model';
import { decodeHeader } from '../jwt/structure';
import type { UserKey } from './keys';
import { selectForJwe } from './select';
import { printableDeep } from './printable';
import { embeddedKeyNotes, readCrit } from './verify';

export interface Pbes2Policy {
  /** PBES2 is tried only when this is true (an explicit opt-in). */
  readonly allowed: boolean;
  /** Tokens whose p2c is above this are not tried. */
  readonly maxIterations: number;
}

export const DEFAULT_PBES2: Pbes2Policy = { allowed: false, maxIterations: 100_000 };

export interface Decrypted {
  readonly result: DecryptionResult;
  /** The plaintext as UTF-8 text, when decrypted and it is text. */
  readonly plaintext?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What a plaintext is: a compact token nested inside, a JSON claims set, or something else. */
export function plaintextContent(text: string | undefined): 'nested-token' | 'claims' | 'other' {
  if (text === undefined) return 'other';
  const t = text.trim();
  if (/^eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_.-]*$/.test(t) && (t.split('.').length === 3 || t.split('.').length === 5)) return 'nested-token';
  if (t.startsWith('{')) {
    try {
      const v: unknown = JSON.parse(t);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) return 'claims';
    } catch {
      // Not JSON: other bytes.
    }
  }
  return 'other';
}

export async function decryptJwe(compact: string, keys: readonly UserKey[], pbes2: Pbes2Policy = DEFAULT_PBES2): Promise<Decrypted> {
  const d = await decryptUnsafe(compact, keys, pbes2);
  // The plaintext stays as it is (it is decoded, never shown raw); the result's texts become printable.
  return { result: printableDeep(d.result), ...(d.plaintext !== undefined ? { plaintext: d.plaintext } : {}) };
}

async function decryptUnsafe(compact: string, keys: readonly UserKey[], pbes2: Pbes2Policy): Promise<Decrypted> {
  const parts = compact.split('.');
  const header = parts.length === 5 ? decodeHeader(parts[0]!) : undefined;
  if (!header || typeof header.enc !== 'string')
    return { result: { status: 'unsupported', reason: 'this is not a whole compact JWE (five segments with a JSON header)', tried: [], notes: [] } };
  const alg = header.alg as string;
  const enc = header.enc;
  const base = { alg, enc };
  const notes = embeddedKeyNotes(header);
  const crit = readCrit(header);
  if (crit.problem) return { result: { ...base, status: 'unsupported', reason: `${crit.problem}; a receiver must reject the token`, tried: [], notes } };
  const sel = selectForJwe(header, keys, pbes2);
  const kids = sel.kidsAvailable.length ? { kidsAvailable: sel.kidsAvailable } : {};
  if (sel.verdict)
    return {
      result: { ...base, ...kids, status: sel.verdict.status === 'not-allowed' ? 'no-key' : sel.verdict.status, reason: sel.verdict.reason, tried: [], notes },
    };
  const tried: KeyAttempt[] = [];
  let lastFailed: { key: UserKey; why: string } | undefined;
  for (const c of sel.candidates) {
    try {
      const key = await importJWK(c.key.jwk, alg);
      const out = await compactDecrypt(compact, key, {
        keyManagementAlgorithms: [alg],
        ...(alg.startsWith('PBES2') ? { maxPBES2Count: pbes2.maxIterations } : {}),
        ...(crit.names.length ? { crit: Object.fromEntries(crit.names.map((n) => [n, true])) } : {}),
      });
      let plaintext: string | undefined;
      try {
        plaintext = utf8.decode(out.plaintext);
      } catch {
        plaintext = undefined;
      }
      const content = plaintextContent(plaintext);
      tried.push({ key: c.key.name, why: c.why, outcome: 'decrypted' });
      return {
        result: {
          ...base,
          ...kids,
          status: 'decrypted',
          key: c.key.name,
          chosenBy: c.why,
          reason: `decrypted with ${c.key.name} (${c.why})`,
          tried,
          notes,
          content,
        },
        ...(plaintext !== undefined ? { plaintext } : {}),
      };
    } catch (err) {
      const failed = err instanceof errors.JWEDecryptionFailed || err instanceof errors.JWEInvalid || /decrypt|unwrap|operation/i.test(message(err));
      tried.push({ key: c.key.name, why: c.why, outcome: failed ? `does not decrypt it (${message(err)})` : `cannot use this key: ${message(err)}` });
      if (failed) lastFailed ??= c;
    }
  }
  if (lastFailed)
    return {
      result: {
        ...base,
        ...kids,
        status: 'failed',
        key: lastFailed.key.name,
        chosenBy: lastFailed.why,
        reason:
          tried.length === 1
            ? `${lastFailed.key.name} (${lastFailed.why}) does not decrypt it: another key encrypted it, or the token was changed`
            : `none of the ${tried.length} matching keys decrypts it`,
        tried,
        notes,
      },
    };
  return {
    result: {
      ...base,
      ...kids,
      status: 'unsupported',
      reason: `no matching key could be used: ${tried.map((t) => `${t.key}: ${t.outcome}`).join('; ')}`,
      tried,
      notes,
    },
  };
}
