import { redactText } from '../redact';

/** Longest quoted value in a message: a value longer than this is cut at a word boundary. */
const MAX_QUOTE = 100;

/**
 * A value as a message quotes it: JSON, with any compact token in it cut to
 * its first characters, and at most about 100 characters (an ellipsis marks a
 * cut). Messages become diagnostics, CodeLens titles, hovers and command-line
 * lines: none of them may hold a whole token. Never throws.
 */
export function quoted(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  s = redactText(s);
  if (s.length <= MAX_QUOTE) return s;
  const cut = s.lastIndexOf(' ', MAX_QUOTE);
  return `${s.slice(0, cut > MAX_QUOTE / 2 ? cut : MAX_QUOTE)}…`;
}
