import { base64url } from 'jose';
import { limitDepth } from '../text/depth';

/**
 * Decoding of single compact-serialization segments, built on jose's
 * base64url. Each function reports failure as a value; none throws.
 * These decode, they do not verify anything.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false });

export type SegmentResult = { ok: true; bytes: Uint8Array } | { ok: false; code: 'base64' | 'empty'; message: string };

/** base64url-decodes one segment (jose accepts an unpadded or padded segment). */
export function decodeSegment(segment: string): SegmentResult {
  if (segment.length === 0) return { ok: false, code: 'empty', message: 'the segment is empty' };
  if (segment.length % 4 === 1) {
    return {
      ok: false,
      code: 'base64',
      message: `its length (${segment.length}) is impossible for base64url: one character too many or too few`,
    };
  }
  try {
    return { ok: true, bytes: base64url.decode(segment) };
  } catch {
    const bad = firstNonBase64Url(segment);
    return {
      ok: false,
      code: 'base64',
      message: bad >= 0 ? `character ${JSON.stringify(segment[bad])} at position ${bad + 1} is not base64url` : 'it is not valid base64url',
    };
  }
}

export type JsonResult = { ok: true; value: unknown; text: string } | { ok: false; code: 'base64' | 'empty' | 'utf8' | 'json'; message: string; text?: string };

/** base64url → UTF-8 → JSON. On failure, `text` holds whatever could be read. */
export function decodeJsonSegment(segment: string): JsonResult {
  const raw = decodeSegment(segment);
  if (!raw.ok) {
    const partial = readablePrefix(segment);
    return partial === undefined ? raw : { ...raw, text: partial };
  }
  let text: string;
  try {
    text = utf8.decode(raw.bytes);
  } catch {
    return { ok: false, code: 'utf8', message: 'it decodes to bytes that are not UTF-8 text', text: utf8Lenient.decode(raw.bytes) };
  }
  // Most failures here are cut-off objects; saying so without JSON.parse
  // avoids a thrown exception per candidate, the slowest thing in a scan.
  const first = firstNonSpace(text);
  if (first === '{' && lastNonSpace(text) !== '}') {
    return { ok: false, code: 'json', message: 'it decodes to a JSON object that stops before its closing brace', text };
  }
  try {
    // Cut at a depth no real token needs: nothing downstream can then run out of stack on it.
    return { ok: true, value: limitDepth(JSON.parse(text)), text };
  } catch (err) {
    return { ok: false, code: 'json', message: `it decodes to text that is not JSON (${jsonReason(err)})`, text };
  }
}

/**
 * Decodes as much of a damaged segment as possible: the longest prefix of
 * base64url characters, trimmed to a decodable length. For showing what a
 * truncated or corrupted token still says.
 */
export function readablePrefix(segment: string): string | undefined {
  let end = firstNonBase64Url(segment);
  if (end < 0) end = segment.length;
  if (end % 4 === 1) end -= 1;
  if (end < 2) return undefined;
  try {
    return utf8Lenient.decode(base64url.decode(segment.slice(0, end)));
  } catch {
    return undefined;
  }
}

/** Number of bytes a base64url segment of this length decodes to. */
export function decodedLength(chars: number): number {
  return Math.floor((chars * 3) / 4);
}

function firstNonBase64Url(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isBase64UrlCode(c)) return i;
  }
  return -1;
}

/** A-Z a-z 0-9 - _ */
export function isBase64UrlCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95;
}

function jsonReason(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  // V8 messages are long and mention internals; keep the useful head.
  return m.length > 120 ? `${m.slice(0, 117)}...` : m;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function firstNonSpace(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 32) return s[i]!;
  return '';
}

function lastNonSpace(s: string): string {
  for (let i = s.length - 1; i >= 0; i--) if (s.charCodeAt(i) > 32) return s[i]!;
  return '';
}
