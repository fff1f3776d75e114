/**
 * Escaping for Markdown built from untrusted text (claims, error messages).
 * Whatever a token says, it renders as literal text: no links, no images, no
 * HTML, no emphasis, no command URIs. Pure.
 */
import { visible } from '../core/text/visible';

/** Longest value shown inline; the panel shows the rest. */
export const MAX_INLINE = 160;

/** One line, at most `max` characters (an ellipsis marks a cut). */
export function oneLine(text: string, max = MAX_INLINE): string {
  const flat = visible(text.replace(/[\r\n\t\u2028\u2029]+/g, ' '));
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Text as literal Markdown: every ASCII punctuation character is
 * backslash-escaped (CommonMark allows it for all of them), which also stops
 * autolinks (`https\://`, `www\.`) and entity references (`\&amp;`).
 */
export function text(value: string, max = MAX_INLINE): string {
  return oneLine(value, max).replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/**
 * A code span holding the value literally. The fence is longer than any run
 * of backticks inside; `|` is escaped so the span can sit in a table cell.
 */
export function code(value: string, max = MAX_INLINE): string {
  const v = oneLine(value, max).replace(/\|/g, '\\|');
  if (v === '') return '` `';
  let longest = 0;
  for (const run of v.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = v.startsWith('`') || v.endsWith('`') || (v.startsWith(' ') && v.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}

/** A JSON value in one short line: strings without quotes, the rest as JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A link to one of the extension's own commands (the hover enables exactly these). */
export function commandLink(label: string, command: string, args: unknown): string {
  // encodeURIComponent leaves ( ) ' ! * alone; a bare ")" would end the link.
  const query = encodeURIComponent(JSON.stringify([args])).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${text(label)}](command:${command}?${query})`;
}

/**
 * A link to a provider's reference page: only an https URL without spaces or
 * brackets becomes a link (anything else is shown as literal text).
 */
export function webLink(label: string, url: string): string {
  if (!/^https:\/\/[^\s()<>[\]"'`\\]+$/.test(url) || url.length > 400) return text(url);
  return `[${text(label)}](${url})`;
}
