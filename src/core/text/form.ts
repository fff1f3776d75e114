/**
 * application/x-www-form-urlencoded, both ways: the one decoder the error
 * scanner (query strings, fragments, form bodies of error responses) and the
 * fixes engine (token request bodies it reads and edits) share, and the
 * encoder that writes values the way a body already writes its others. Pure.
 */

/** Decodes one form-encoded name or value: `+` is a space, then percent-decoding; malformed escapes stay as written. */
export function formDecode(raw: string): string {
  const plus = raw.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

/**
 * Decodes a whole form body, query string or fragment (`a=1&b=2`, `;` also
 * separates) into lower-cased names and values; the first of a repeated name
 * wins, parts without a name are skipped. At most 60 parts are read.
 */
export function parseForm(q: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = q.split(/[&;]/, 60);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const k = formDecode(part.slice(0, eq)).toLowerCase();
    if (!out.has(k)) out.set(k, formDecode(part.slice(eq + 1)));
  }
  return out;
}

/** Encodes a form value the way the rest of the body does. */
export function formEncode(value: string, style: FormStyle): string {
  let out = encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  if (style.space === '+') out = out.replace(/%20/g, '+');
  if (!style.encodesReserved) out = out.replace(/%3A/gi, ':').replace(/%2F/gi, '/');
  return out;
}

export interface FormStyle {
  readonly space: '+' | '%20';
  /** Whether `:` and `/` are percent-encoded in this body. */
  readonly encodesReserved: boolean;
}

/** Reads how a form body encodes spaces and reserved characters. */
export function formStyleOf(raws: readonly string[]): FormStyle {
  let space: '+' | '%20' = '+';
  let plusSeen = false;
  let pctSeen = false;
  let encoded = 0;
  let plain = 0;
  for (const r of raws) {
    if (r.includes('%20')) pctSeen = true;
    if (r.includes('+')) plusSeen = true;
    if (/%3A|%2F/i.test(r)) encoded++;
    if (/[:/]/.test(r)) plain++;
  }
  if (pctSeen && !plusSeen) space = '%20';
  return { space, encodesReserved: encoded > 0 || plain === 0 };
}
