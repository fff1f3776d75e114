/**
 * Text that came from a token, a key file or a server (a kid, an alg, a
 * status line, a URL) made safe to show anywhere, on one line: the project's
 * one sanitiser (../text/visible) writes terminal escapes, other controls and
 * direction-changing characters as a visible `\u001B`; tabs and line breaks
 * become spaces; it is cut to a length. Every result of a check passes here.
 */
import { visible } from '../text/visible';

export function printable(s: string, max = 300): string {
  const t = visible(s).replace(/[\t\n]/g, ' ');
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
