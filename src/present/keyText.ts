/**
 * Words for what the user's keys said about a token, shared by the hover,
 * the CodeLens and the panel: "✔ verified with orders-api (JWKS) · kid 1",
 * "✗ signature invalid", "? no key for kid 2025-1". Pure.
 */
import type { DecryptionResult, SignatureResult, TokenReport } from '../core/model';

export type Tone = 'good' | 'bad' | 'unknown' | 'none';

export interface KeyState {
  readonly tone: Tone;
  /** One line: "✔ verified with X", "✗ signature invalid (X)". */
  readonly line: string;
  /** The longer reason, when there is one. */
  readonly reason?: string;
}

function icon(tone: Tone): string {
  return tone === 'good' ? '✔' : tone === 'bad' ? '✗' : tone === 'unknown' ? '?' : '';
}

/** The signature a hover or lens speaks about: the token's own, or that of the token inside a decrypted JWE. */
export function signatureOf(t: TokenReport): SignatureResult | undefined {
  return t.format === 'jwe' ? (t.decryption?.status === 'decrypted' ? t.nested?.signature : undefined) : t.signature;
}

export function signatureState(s: SignatureResult | undefined, alg: unknown): KeyState {
  if (!s) {
    if (typeof alg === 'string' && alg.toLowerCase() === 'none') return { tone: 'bad', line: '✗ unsigned (alg none)' };
    return { tone: 'none', line: 'signature not verified' };
  }
  const reason = s.reason;
  switch (s.status) {
    case 'verified':
      return { tone: 'good', line: `${icon('good')} verified with ${s.key ?? 'a key you gave'}`, ...(reason ? { reason } : {}) };
    case 'invalid':
      return { tone: 'bad', line: `${icon('bad')} signature invalid${s.key ? ` (${s.key})` : ''}`, ...(reason ? { reason } : {}) };
    case 'not-allowed':
      return { tone: 'bad', line: `${icon('bad')} algorithm not allowed for this key`, ...(reason ? { reason } : {}) };
    case 'no-key':
      return {
        tone: 'unknown',
        line: `${icon('unknown')} ${s.kidMissing && s.kid ? `no key for kid ${s.kid}` : 'no matching key'}`,
        ...(reason ? { reason } : {}),
      };
    case 'unsupported':
      return { tone: 'unknown', line: `${icon('unknown')} signature not checked`, ...(reason ? { reason } : {}) };
  }
}

export function decryptionState(d: DecryptionResult | undefined): KeyState {
  if (!d) return { tone: 'none', line: 'encrypted: not decrypted' };
  const reason = d.reason;
  switch (d.status) {
    case 'decrypted':
      return { tone: 'good', line: `${icon('good')} decrypted with ${d.key ?? 'a key you gave'}`, ...(reason ? { reason } : {}) };
    case 'failed':
      return { tone: 'bad', line: `${icon('bad')} does not decrypt${d.key ? ` with ${d.key}` : ''}`, ...(reason ? { reason } : {}) };
    case 'no-key':
      return { tone: 'unknown', line: `${icon('unknown')} no key to decrypt it`, ...(reason ? { reason } : {}) };
    case 'unsupported':
      return { tone: 'unknown', line: `${icon('unknown')} not decrypted`, ...(reason ? { reason } : {}) };
  }
}

/** The CodeLens title of a token's key state, or undefined when the action lens ("Verify signature…") should show. */
export function keyLensTitle(t: TokenReport): string | undefined {
  if (t.format === 'jwe') {
    const d = decryptionState(t.decryption);
    if (d.tone === 'none') return undefined;
    const inner = t.decryption?.status === 'decrypted' && t.nested ? signatureState(t.nested.signature, t.nested.header?.alg) : undefined;
    return inner && inner.tone !== 'none' ? `${d.line} · ${inner.line}` : d.line;
  }
  const s = signatureState(t.signature, t.header?.alg);
  return s.tone === 'none' ? undefined : s.line;
}
