/**
 * Characters that change how text around them looks without being seen:
 * terminal escapes and other C0/C1 controls, bidirectional overrides and
 * isolates (U+202E can make an `aud` read as another), zero-width and
 * line-separator characters. Output made from untrusted text (claims, error
 * messages) shows each as a visible `\u202E`, so what is displayed is what
 * the text holds. One function for every output: hover, panel, command line.
 */

// C0 controls but tab and line feed, DEL, C1 controls, ALM, LRM/RLM, zero-width characters,
// LS/PS, bidi embeddings/overrides (U+202A-202E) and isolates (U+2066-2069), BOM.
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** The text with every hidden or direction-changing character written as `\uXXXX`. Linear; never throws. */
export function visible(text: string): string {
  return text.replace(HIDDEN, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Whether the text holds any character `visible` would rewrite. */
export function hasHidden(text: string): boolean {
  HIDDEN.lastIndex = 0;
  const found = HIDDEN.test(text);
  HIDDEN.lastIndex = 0;
  return found;
}
