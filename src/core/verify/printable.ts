/**
 * Text that came from a token, a key file or a server (a kid, an alg, a
 * status line, a URL) made safe to show anywhere: control characters
 * (terminal escapes, line breaks) and bidirectional overrides become U+FFFD,
 * and it is cut to a length. Every result of a check passes through here.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(s: string, max = 300): string {
  const t = s.replace(UNSAFE, '\uFFFD');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** The same object with every string in it made printable (results are plain data: strings, numbers, arrays). */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => printableDeep(v)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = printableDeep(v);
    return out as T;
  }
  return value;
}
