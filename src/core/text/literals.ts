/**
 * Quoted string literals as JSON, JavaScript and Python write them: where one
 * ends and what it says. The shared lower level of the two object readers, the
 * error scanner's parser (errors/parse.ts, values of error payloads) and the
 * fixes engine's lexer (fixes/lex.ts, spans of members to edit). Pure, bounded.
 */

/** How far a string is followed at most when no limit is given. */
const MAX_STRING_SPAN = 64 * 1024;

/**
 * The offset just after the string literal whose opening quote (the character
 * at `at`, `"` or `'` or `` ` ``) is at `at`, or -1 when it does not close
 * before `limit`. A backslash escapes the next character. A line break ends
 * the search with -1 unless `newlines` (lenient readers of log payloads let
 * double-quoted strings run across lines).
 */
export function readQuoted(text: string, at: number, limit = at + MAX_STRING_SPAN, newlines = false): number {
  const q = text.charCodeAt(at);
  const end = Math.min(text.length, limit);
  for (let j = at + 1; j < end; j++) {
    const c = text.charCodeAt(j);
    if (c === 92 /* \ */) {
      j++;
      continue;
    }
    if (c === q) return j + 1;
    if (c === 10 && !newlines) return -1;
  }
  return -1;
}

/**
 * The content of a quoted string token (quotes included), unescaped the JSON /
 * JavaScript way: \n \t \r \b \f, \uXXXX, \xXX, and a backslash before any
 * other character but a line break stands for that character. Best effort,
 * never throws.
 */
export function unquote(token: string): string {
  const inner = token.slice(1, -1);
  if (inner.indexOf('\\') < 0) return inner;
  return inner.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_m, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'b' ? '\b' : e === 'f' ? '\f' : e;
  });
}
