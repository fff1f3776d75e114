import { contentEncryption, expectedSignatureBytes, hasEmptyEncryptedKey, signatureFits } from './algorithms';
import { decodeJsonSegment, decodeSegment, decodedLength, isPlainObject, readablePrefix } from './segments';
import type { SegmentError, TokenReport } from '../model';

/**
 * The structure of one compact token (already joined into base64url and
 * dots): which segments decode, what they hold, and whether it was cut short.
 * Decodes, does not verify. Never throws.
 */
export interface Structure extends Pick<TokenReport, 'format' | 'segmentCount' | 'header' | 'claims' | 'payloadText' | 'segmentErrors' | 'signatureBytes'> {
  /** Why the token looks cut short, when it does. */
  readonly truncation?: string;
  /** Why it cannot be a well-formed token, when it cannot (beyond truncation). */
  readonly malformation?: string;
  /** The compact token nested in the payload, when there is one. */
  readonly nestedCompact?: string;
  readonly healthy: boolean;
}

const JWS_NAMES = ['header', 'payload', 'signature'];
const JWE_NAMES = ['header', 'encrypted key', 'initialization vector', 'ciphertext', 'authentication tag'];

/** Decodes the header segment alone; undefined unless it is a JSON object with a string `alg`. */
export function decodeHeader(segment: string): Record<string, unknown> | undefined {
  const r = decodeJsonSegment(segment);
  if (!r.ok || !isPlainObject(r.value) || typeof r.value.alg !== 'string') return undefined;
  return r.value;
}

/**
 * decodeHeader with a small memory: tokens from one issuer share a header, so
 * a log full of them decodes it once. One cache per scan, never global; the
 * headers it returns are shared and must not be changed.
 */
export function headerCache(max = 64): (segment: string) => Record<string, unknown> | undefined {
  const seen = new Map<string, Record<string, unknown> | undefined>();
  return (segment) => {
    if (segment.length > 2048) return decodeHeader(segment);
    if (seen.has(segment)) return seen.get(segment);
    const h = decodeHeader(segment);
    if (seen.size >= max) seen.delete(seen.keys().next().value!);
    seen.set(segment, h);
    return h;
  };
}

/**
 * The readable text of a lone segment that is the start of a JOSE header cut
 * off after its alg ({"alg":"RS256","ki…): a token truncated inside its
 * first segment. Undefined when the segment is anything else.
 */
export function looksLikeCutHeader(segment: string): string | undefined {
  if (segment.length < 16) return undefined;
  const text = readablePrefix(segment);
  if (!text || !text.startsWith('{')) return undefined;
  // Only when the alg value itself survived the cut: a bare "eyJhbGciOiJIUz" prefix is too weak.
  return /"alg"\s{0,4}:\s{0,4}"[A-Za-z0-9+-]{2,40}"/.test(text.slice(0, 512)) ? text : undefined;
}

export function analyzeStructure(compact: string, header: Record<string, unknown>): Structure {
  const parts = compact.split('.');
  const isJwe = typeof header.enc === 'string';
  return isJwe ? jwe(parts, header) : jws(parts, header);
}

function jws(parts: string[], header: Record<string, unknown>): Structure {
  const alg = header.alg as string;
  const errors: SegmentError[] = [];
  let truncation: string | undefined;
  let malformation: string | undefined;
  let claims: Record<string, unknown> | undefined;
  let payloadText: string | undefined;
  let nestedCompact: string | undefined;
  let signatureBytes: number | undefined;
  const count = Math.min(parts.length, 3);

  if (count < 2) {
    truncation = 'it ends after the header: the payload and signature are missing';
    errors.push(missing(1, JWS_NAMES));
  } else {
    const payload = parts[1]!;
    const r = decodeJsonSegment(payload);
    const last = count === 2;
    if (r.ok && isPlainObject(r.value)) {
      claims = r.value;
    } else if (r.ok) {
      payloadText = r.text;
      errors.push({ segment: 1, name: 'payload', code: 'not-object', message: 'the payload is JSON but not an object, so it is not a claims set' });
      malformation = 'its payload is not a JSON object';
    } else {
      payloadText = r.text;
      const nested = r.text?.trim();
      if (r.code !== 'base64' && r.code !== 'empty' && nested && /^eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_.-]*$/.test(nested.slice(0, 4096))) {
        nestedCompact = nested;
      } else {
        errors.push({ segment: 1, name: 'payload', code: r.code, message: `the payload does not decode: ${r.message}` });
        if (last) truncation = 'the payload is cut off mid-segment and the signature is missing';
        else malformation = `its payload does not decode (${r.message})`;
      }
    }
    if (last && !truncation) {
      truncation = 'it ends after the payload: the signature segment is missing';
      errors.push(missing(2, JWS_NAMES));
    }
    if (count === 3) {
      const sig = parts[2]!;
      if (sig.length === 0) {
        if (alg !== 'none') {
          truncation = `the signature is empty, but alg ${alg} needs one`;
          errors.push({ segment: 2, name: 'signature', code: 'empty', message: 'the signature segment is empty' });
        } else signatureBytes = 0;
      } else {
        // The signature is opaque bytes: only its length matters here, and the
        // reader already kept base64url characters only, so no decode is needed.
        const bad = sig.length % 4 === 1 ? 'its length is impossible for base64url: a character is missing' : undefined;
        if (bad) {
          truncation = `the signature is cut off (${bad})`;
          errors.push({ segment: 2, name: 'signature', code: 'base64', message: bad });
        } else {
          const bytes = decodedLength(sig.length);
          signatureBytes = bytes;
          if (alg === 'none') {
            malformation = 'alg is none but a signature is present';
          } else if (!signatureFits(alg, bytes)) {
            const want = expectedSignatureBytes(alg) ?? 0;
            if (bytes < want) {
              truncation = `the signature has ${bytes} bytes, ${alg} signatures have ${want}`;
              errors.push({ segment: 2, name: 'signature', code: 'short', message: truncation });
            } else {
              malformation = `the signature has ${bytes} bytes, ${alg} signatures have ${want}`;
            }
          }
        }
      }
    }
  }
  return {
    format: 'jws',
    segmentCount: count,
    header,
    claims,
    payloadText,
    segmentErrors: errors,
    truncation,
    malformation,
    signatureBytes,
    nestedCompact,
    healthy: !truncation && !malformation && errors.length === 0,
  };
}

function jwe(parts: string[], header: Record<string, unknown>): Structure {
  const alg = header.alg as string;
  const enc = header.enc as string;
  const errors: SegmentError[] = [];
  let truncation: string | undefined;
  let malformation: string | undefined;
  const count = Math.min(parts.length, 5);
  const sizes = contentEncryption(enc);
  for (let i = 1; i < 5; i++) {
    if (i >= count) {
      errors.push(missing(i, JWE_NAMES));
      truncation ??= `it has ${count} of the 5 segments of an encrypted token`;
      continue;
    }
    const seg = parts[i]!;
    if (seg.length === 0) {
      if (i === 1 && hasEmptyEncryptedKey(alg)) continue;
      errors.push({ segment: i, name: JWE_NAMES[i]!, code: 'empty', message: `the ${JWE_NAMES[i]} is empty` });
      if (i === 4) truncation ??= 'the authentication tag is missing';
      else malformation ??= `the ${JWE_NAMES[i]} is empty`;
      continue;
    }
    const d = decodeSegment(seg);
    if (!d.ok) {
      errors.push({ segment: i, name: JWE_NAMES[i]!, code: 'base64', message: d.message });
      if (i === count - 1) truncation ??= `the ${JWE_NAMES[i]} is cut off`;
      else malformation ??= `the ${JWE_NAMES[i]} does not decode`;
      continue;
    }
    if (sizes && i === 4 && d.bytes.length < sizes.tag) {
      const m = `the authentication tag has ${d.bytes.length} bytes, ${enc} tags have ${sizes.tag}`;
      errors.push({ segment: 4, name: 'authentication tag', code: 'short', message: m });
      truncation ??= m;
    }
    if (sizes && i === 2 && decodedLength(seg.length) !== sizes.iv && i !== count - 1) {
      malformation ??= `the initialization vector has ${d.bytes.length} bytes, ${enc} uses ${sizes.iv}`;
    }
  }
  return {
    format: 'jwe',
    segmentCount: count,
    header,
    segmentErrors: errors,
    truncation,
    malformation,
    healthy: !truncation && !malformation && errors.length === 0,
  };
}

function missing(i: number, names: string[]): SegmentError {
  return { segment: i, name: names[i]!, code: 'missing', message: `the ${names[i]} segment is missing` };
}
