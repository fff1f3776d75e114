/** Reading literal values and writing replacements in the document's own style. */
import { readQuoted, unquote } from '../text/literals';

export type Literal =
  | { readonly kind: 'string'; readonly value: string; readonly quote: string; readonly innerStart: number; readonly innerEnd: number }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'expr'; readonly text: string };

/** What a value span holds: a whole string literal, a plain number, or code. */
export function literalAt(text: string, start: number, end: number): Literal {
  const raw = text.slice(start, end);
  const c = raw.charCodeAt(0);
  if ((c === 34 || c === 39) && raw.length >= 2 && readQuoted(text, start) === end) {
    return { kind: 'string', value: unquote(raw), quote: raw[0]!, innerStart: start + 1, innerEnd: end - 1 };
  }
  if (/^-?\d[\d_]{0,20}(\.\d{1,9})?$/.test(raw)) {
    const v = Number(raw.replace(/_/g, ''));
    if (Number.isFinite(v)) return { kind: 'number', value: v };
  }
  return { kind: 'expr', text: raw };
}

/** A value that holds a template or variable ({{x}}, ${x}, $X, <x>): nothing to compare. */
export function isTemplated(value: string): boolean {
  return /\{\{|\$\{|^\$[A-Za-z_]|%[A-Za-z_]+%|^<[^>]*>$/.test(value);
}

/**
 * Evaluates a constant arithmetic expression of integers (`60 * 60 * 24`,
 * `3600 * 1000`, `1_000`), or undefined when it is anything else.
 */
export function evalConstant(expr: string): number | undefined {
  const s = expr.replace(/\s+/g, '').replace(/_/g, '');
  if (s.length === 0 || s.length > 80 || !/^[\d+\-*/().]+$/.test(s)) return undefined;
  let pos = 0;
  const num = (): number | undefined => {
    if (s[pos] === '(') {
      pos++;
      const v = sum();
      if (s[pos] !== ')') return undefined;
      pos++;
      return v;
    }
    const m = /^\d+(\.\d+)?/.exec(s.slice(pos));
    if (!m) return undefined;
    pos += m[0].length;
    return Number(m[0]);
  };
  const product = (): number | undefined => {
    let v = num();
    while (v !== undefined && (s[pos] === '*' || s[pos] === '/')) {
      const op = s[pos++];
      const r = num();
      if (r === undefined) return undefined;
      v = op === '*' ? v * r : v / r;
    }
    return v;
  };
  const sum = (): number | undefined => {
    let v = product();
    while (v !== undefined && (s[pos] === '+' || s[pos] === '-')) {
      const op = s[pos++];
      const r = product();
      if (r === undefined) return undefined;
      v = op === '+' ? v + r : v - r;
    }
    return v;
  };
  const v = sum();
  return pos === s.length && v !== undefined && Number.isFinite(v) ? v : undefined;
}

/**
 * Splits `base + constant` at the last top-level `+` (or `-`): the base is the
 * rest of the expression, the constant must evaluate. Undefined when it doesn't split so.
 */
export function splitOffset(expr: string): { base: string; offset: number; offsetText: string } | undefined {
  let depth = 0;
  for (let i = expr.length - 1; i > 0; i--) {
    const ch = expr[i];
    if (ch === ')') depth++;
    else if (ch === '(') depth--;
    else if (depth === 0 && (ch === '+' || ch === '-')) {
      const offsetText = expr.slice(i + 1).trim();
      const v = evalConstant(offsetText);
      if (v === undefined) continue;
      const base = expr.slice(0, i).trim();
      if (!base) return undefined;
      return { base, offset: ch === '+' ? v : -v, offsetText };
    }
  }
  return undefined;
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Code for "now in seconds" the way people write it in JS/TS and Python. */
export function isNowSeconds(expr: string): boolean {
  const s = squash(expr);
  return (
    /^(Math\.(floor|round|trunc)\()?\(?Date\.now\(\)\/1000\)?\)?(\|0)?$/.test(s) ||
    /^(Math\.(floor|round|trunc)\()?\(?(new Date\(\)|Date\.now\(\))\.?(getTime\(\)|valueOf\(\))?\/1000\)?\)?(\|0)?$/.test(s) ||
    /^(Math\.(floor|round|trunc)\()?\(?newDate\(\)\.(getTime|valueOf)\(\)\/1e?3?0{0,3}\)?\)?$/.test(s) ||
    /^int\(time\.time\(\)\)$/.test(s) ||
    /^(math\.floor\()?time\.time\(\)\)?$/.test(s) ||
    /^int\((datetime\.)?datetime\.(now|utcnow)\((tz=)?[\w.]*\)\.timestamp\(\)\)$/.test(s) ||
    /^(now|nowSeconds|now_s|nowSec|nowInSeconds|currentTime|issuedAt|iat|timestamp|epoch)$/.test(s)
  );
}

/** Code that yields milliseconds since 1970 (JavaScript's Date.now() and friends). */
export function msCall(expr: string): string | undefined {
  const s = squash(expr);
  if (/\/1000|\/1e3|\*0\.001/.test(s)) return undefined;
  const m = /Date\.now\(\)|new Date\(\)\.(getTime|valueOf)\(\)|\+new Date\(\)|time\.time\(\)\*1000|time\.time_ns\(\)\/\/1000000/.exec(
    expr.replace(/\s+(?=[(.)])/g, ''),
  );
  return m ? m[0] : undefined;
}

/** A string literal in the quote style given (JSON escapes, which JS and Python read too). */
export function quoteString(value: string, quote: string): string {
  const body = JSON.stringify(value).slice(1, -1);
  if (quote === '"') return `"${body}"`;
  return `${quote}${body.replace(/\\"/g, '"').replace(new RegExp(quote === "'" ? "'" : '`', 'g'), `\\${quote}`)}${quote}`;
}

/** A member key written like the others in the object. */
export function keyText(name: string, quote: string): string {
  return quote ? `${quote}${name}${quote}` : name;
}
