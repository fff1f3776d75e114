/**
 * Ignore rules in gitignore syntax, for `.gitignore`, `.tokendoctorignore` and
 * `--exclude`: `#` comments, `!` negation, a trailing `/` for directories
 * only, a pattern with a `/` before its end anchored to its file's folder
 * (else matched at any depth), `*`, `?`, `[...]`, and `**` for any number of
 * folders. The last matching rule wins. Paths are relative and use `/`.
 */

export interface IgnoreRule {
  /** The folder of the file the rule came from, relative to the walk's root ('' for the root). */
  readonly base: string;
  readonly negate: boolean;
  readonly dirOnly: boolean;
  readonly regex: RegExp;
}

/** Turns one glob (without negation or trailing slash) into a regular expression body. */
function globBody(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) {
      out += escapeChar(glob[++i]!);
    } else if (c === '*') {
      if (glob[i + 1] === '*' && (i === 0 || glob[i - 1] === '/')) {
        if (i + 2 === glob.length) {
          out += '.*'; // "x/**": everything inside
          i += 1;
          continue;
        }
        if (glob[i + 2] === '/') {
          out += '(?:[^/]*/)*'; // "**/": zero or more folders
          i += 2;
          continue;
        }
      }
      while (glob[i + 1] === '*') i++; // other runs of stars are one star
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      let negated = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        negated = true;
        body = body.slice(1);
      }
      out += `[${negated ? '^' : ''}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = close;
    } else {
      out += escapeChar(c);
    }
  }
  return out;
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Compiles one line of an ignore file; undefined for blank lines and comments. */
export function compileRule(line: string, base: string): IgnoreRule | undefined {
  let p = line.replace(/\r$/, '');
  // Trailing spaces are ignored unless escaped.
  p = p.replace(/(?<!\\) +$/, '');
  if (!p || p.startsWith('#')) return undefined;
  let negate = false;
  if (p.startsWith('!')) {
    negate = true;
    p = p.slice(1);
  } else if (p.startsWith('\\!') || p.startsWith('\\#')) {
    p = p.slice(1);
  }
  let dirOnly = false;
  if (p.endsWith('/') && !p.endsWith('\\/')) {
    dirOnly = true;
    p = p.replace(/\/+$/, '');
  }
  if (!p) return undefined;
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const prefix = anchored ? '' : '(?:[^/]*/)*';
  return { base, negate, dirOnly, regex: new RegExp(`^${prefix}${globBody(p)}$`) };
}

/** The rules of an ignore file's text. */
export function parseIgnoreFile(text: string, base: string): IgnoreRule[] {
  const out: IgnoreRule[] = [];
  for (const line of text.split('\n')) {
    const r = compileRule(line, base);
    if (r) out.push(r);
  }
  return out;
}

/**
 * Whether `path` (relative to the walk's root) is ignored by `rules`, taken in
 * order (outer files first): the last rule that matches decides.
 */
export function isIgnored(rules: readonly IgnoreRule[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    let rel: string;
    if (r.base === '') rel = path;
    else if (path.startsWith(`${r.base}/`)) rel = path.slice(r.base.length + 1);
    else continue;
    if (r.regex.test(rel)) ignored = !r.negate;
  }
  return ignored;
}
