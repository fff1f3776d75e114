import { tokenFinding, tokenReport, type TokenContext } from './analyze';
import { contextDamage, readDamaged, readStrict, skipRun, usage, type Read } from './reader';
import { hasEmptyEncryptedKey, signatureFits } from './algorithms';
import { decodedLength } from './segments';
import { analyzeStructure, decodeHeader, headerCache, looksLikeCutHeader, type Structure } from './structure';
import type { Finding, AnalysisOptions, TokenCheck, TokenReport } from '../model';
import { attachCompact } from './compact';

/** Headers longer than this are not JOSE headers (a big x5c chain is a few KB). */
const MAX_HEADER_CHARS = 64 * 1024;
/** How often (in candidates) cancellation is polled. */
const POLL_EVERY = 512;

/**
 * Finds compact JWS and JWE tokens in text, whole or damaged, in one forward
 * pass anchored on `eyJ` (every JSON object header starts so in base64url).
 * A candidate counts only when its header decodes to a JSON object with `alg`.
 * Decodes, does not verify. Never throws on input; linear in text length.
 */
export function findTokens(text: string, options: AnalysisOptions): Finding[] {
  const out: Finding[] = [];
  // Reading through damage (line breaks, encodings) may look ahead; this caps
  // that extra work at a few times the text length, whatever the text.
  const budget = { left: 4 * text.length + 65536 };
  const header = headerCache();
  let pos = 0;
  let candidates = 0;
  while (pos < text.length) {
    // 'y' is much rarer than 'e' in ordinary text, so searching "yJ" and then
    // checking the 'e' before it is several times faster than searching "eyJ".
    const y = text.indexOf('yJ', pos + 1);
    if (y < 0) break;
    if (text.charCodeAt(y - 1) !== 101 /* e */) {
      pos = y + 1;
      continue;
    }
    const hit = y - 1;
    if (++candidates % POLL_EVERY === 0 && options.isCancelled?.()) break;
    if (!canStart(text, hit)) {
      pos = skipRun(text, hit);
      continue;
    }
    const found = readToken(text, hit, options, budget, header);
    if (found) {
      out.push(found);
      pos = Math.max(found.end, hit + 3);
    } else {
      pos = skipRun(text, hit);
    }
  }
  return out;
}

/**
 * A token starts at a word boundary: not in the middle of a longer run of
 * letters and digits, except after an escape (%22, \n, \u0022) that ends in one.
 */
function canStart(text: string, at: number): boolean {
  if (at === 0) return true;
  const p = text.charCodeAt(at - 1);
  const alnum = (p >= 48 && p <= 57) || (p >= 65 && p <= 90) || (p >= 97 && p <= 122);
  if (!alnum) return true;
  if (at >= 3 && text.charCodeAt(at - 3) === 37 /* % */) return true;
  if (at >= 2 && text.charCodeAt(at - 2) === 92 /* \ */) return true;
  if (at >= 6 && text.charCodeAt(at - 6) === 92 && text.charCodeAt(at - 5) === 117 /* u */) return true;
  return false;
}

function isGlitch(c: number): boolean {
  // + / = % \ CR LF: characters that damage a token without ending it.
  return c === 43 || c === 47 || c === 61 || c === 37 || c === 92 || c === 13 || c === 10;
}

function readToken(
  text: string,
  hit: number,
  options: AnalysisOptions,
  budget: { left: number },
  cachedHeader: (segment: string) => Record<string, unknown> | undefined,
): Finding | undefined {
  let read = readStrict(text, hit);
  const firstDot = read.compact.indexOf('.');
  const seg0 = firstDot < 0 ? read.compact : read.compact.slice(0, firstDot);
  if (seg0.length > MAX_HEADER_CHARS) return undefined;
  let header = cachedHeader(seg0);
  let structure: Structure | undefined;

  if (header) {
    const wanted = typeof header.enc === 'string' ? 5 : 3;
    if (read.segmentEnds.length > wanted) {
      // More dots than the format has: the token ends before the extra segment.
      const end = read.segmentEnds[wanted - 1]!;
      read = { ...read, end, compact: text.slice(hit, end), segmentEnds: read.segmentEnds.slice(0, wanted) };
    }
    if (looksWhole(text, hit, read.segmentEnds, header)) {
      // The common case: decode the payload only when someone looks at it.
      const compact = read.compact;
      const h = header;
      return lazyFinding(text, hit, read, typeof h.enc === 'string' ? 'jwe' : 'jws', () => analyzeStructure(compact, h), options);
    }
    structure = analyzeStructure(read.compact, header);
  }
  const nextChar = text.charCodeAt(read.end);
  if ((!structure || !structure.healthy) && isGlitch(nextChar) && budget.left > 0) {
    const damaged = readDamaged(text, hit, (compact) => {
      budget.left -= compact.length;
      if (budget.left <= 0) return true;
      // A header that does not decode yet may itself be split across lines.
      const h = decodeHeader(compact.split('.', 1)[0]!);
      return h ? analyzeStructure(compact, h).healthy : false;
    });
    if (damaged) {
      budget.left -= damaged.end - hit;
      const h = decodeHeader(damaged.compact.split('.', 1)[0]!);
      const s = h && analyzeStructure(damaged.compact, h);
      if (s && s.healthy) {
        header = h;
        structure = s;
        read = damaged;
      }
    }
  }
  if (!header || !structure) {
    if (firstDot >= 0) return undefined;
    const partial = looksLikeCutHeader(seg0);
    if (!partial) return undefined;
    structure = cutHeader(partial);
  }

  const final = structure;
  return lazyFinding(text, hit, read, final.format, () => final, options);
}

function lazyFinding(text: string, hit: number, read: Read, format: 'jws' | 'jwe', structure: () => Structure, options: AnalysisOptions): Finding {
  const { end, damage, compact } = read;
  const context = (): TokenContext => {
    const s = structure();
    const check = options.checks?.(compact);
    return {
      start: hit,
      end,
      structure: s,
      damage: [...damage, ...contextDamage(text, hit, end)],
      usedAs: usage(text, hit),
      nested: nestedReport(s, hit, end, options, check),
      now: options.now,
      leeway: options.leeway,
      ...(check ? { check } : {}),
    };
  };
  return attachCompact(tokenFinding(context, hit, end, format), compact);
}

/**
 * Whether a token read whole looks healthy from its segment lengths alone:
 * the right number of segments, a payload that starts like a JSON object,
 * and a signature (or JWE parts) of a size its algorithms allow. Cheap; a
 * token that passes is decoded fully only when it is looked at.
 */
function looksWhole(text: string, start: number, ends: readonly number[], header: Record<string, unknown>): boolean {
  const len = (i: number) => ends[i]! - (i === 0 ? start : ends[i - 1]! + 1);
  const odd = (i: number) => len(i) % 4 === 1;
  if (typeof header.enc === 'string') {
    if (ends.length !== 5) return false;
    if (len(1) === 0 ? !hasEmptyEncryptedKey(String(header.alg)) : odd(1)) return false;
    for (let i = 2; i < 5; i++) if (len(i) === 0 || odd(i)) return false;
    return true;
  }
  if (ends.length !== 3 || len(1) < 4 || odd(1) || odd(2)) return false;
  if (!text.startsWith('eyJ', ends[0]! + 1)) return false;
  return signatureFits(String(header.alg), decodedLength(len(2)));
}

/**
 * The token carried in a JWS payload, or inside a JWE the user's keys
 * decrypted, decoded (and checked, when the keys did) like any other.
 */
function nestedReport(s: Structure, start: number, end: number, options: AnalysisOptions, check: TokenCheck | undefined, depth = 0): TokenReport | undefined {
  const decrypted = check?.decryption?.status === 'decrypted' && check.decryption.content === 'nested-token' ? check.plaintext?.trim() : undefined;
  const inner = s.format === 'jwe' ? decrypted : s.nestedCompact;
  if (!inner || depth > 3) return undefined;
  const h = decodeHeader(inner.split('.', 1)[0]!);
  if (!h) return undefined;
  const structure = analyzeStructure(inner, h);
  const innerCheck = options.checks?.(inner);
  return tokenReport({
    start,
    end,
    structure,
    damage: [],
    now: options.now,
    leeway: options.leeway,
    nested: nestedReport(structure, start, end, options, innerCheck, depth + 1),
    ...(innerCheck ? { check: innerCheck } : {}),
  });
}

/** A token that ends inside its header: show the readable start of the header. */
function cutHeader(partial: string): Structure {
  const shown = partial.length > 200 ? `${partial.slice(0, 200)}…` : partial;
  return {
    format: 'jws',
    segmentCount: 1,
    segmentErrors: [{ segment: 0, name: 'header', code: 'json', message: `the header is cut off; what can be read is ${JSON.stringify(shown)}` }],
    truncation: 'it ends inside the header',
    healthy: false,
  };
}
