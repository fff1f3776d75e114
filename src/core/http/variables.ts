/**
 * Variables of HTTP request files (REST Client `.http`/`.rest`, JetBrains HTTP
 * Client): `@token = eyJ…` defines one, `{{token}}` uses it. Only variables
 * defined in the same file resolve; environment files, `{{$dotenv …}}` and
 * request variables (`{{login.response.body…}}`) do not. Pure.
 */

/** A `{{name}}` reference: where it is in the text and the name it uses. */
export interface VariableRef {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const DEFINITION = /^[ \t]*@([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(.*?)[ \t]*\r?$/gm;
const REFERENCE = /\{\{[ \t]*([A-Za-z_][\w.-]*)[ \t]*\}\}/g;
const MAX_DEPTH = 8;
/** A resolved value longer than this is not a token any more: expansion stops and the variable does not resolve. */
export const MAX_VALUE_CHARS = 64 * 1024;
/** Expansions one resolve() may do: a file of variables that each use the next many times stops here. */
const MAX_EXPANSIONS = 10_000;

/** Language ids of HTTP request files: the HTTP Client's `http`, REST Client's `rest` and `restclient`. */
const HTTP_LANGUAGE_IDS = new Set(['http', 'rest', 'restclient']);

/**
 * Whether a document is an HTTP request file, by language id (`http`, `rest`,
 * `restclient`) or by file name (`.http`, `.rest`, any case). The one test the
 * editor (which variables to resolve) and the fixes engine (how to spell a fix) share.
 */
export function isHttpDocument(languageId: string | undefined, path: string | undefined): boolean {
  return HTTP_LANGUAGE_IDS.has((languageId ?? '').toLowerCase()) || /\.(?:http|rest)$/i.test(path ?? '');
}

export class HttpVariables {
  private readonly values = new Map<string, string>();
  private readonly resolved = new Map<string, string | undefined>();

  constructor(private readonly text: string) {
    for (const m of text.matchAll(DEFINITION)) {
      // The first definition wins, as in REST Client.
      if (!this.values.has(m[1]!)) this.values.set(m[1]!, m[2]!);
    }
  }

  get size(): number {
    return this.values.size;
  }

  /**
   * The value with every `{{other}}` of this file substituted; undefined for
   * unknown names, cycles, chains deeper than 8, and values that would grow
   * past MAX_VALUE_CHARS (variables that each use the next many times).
   * Each variable is expanded once, so the work is bounded by the file's size
   * times MAX_VALUE_CHARS, never exponential.
   */
  resolve(name: string): string | undefined {
    if (this.resolved.has(name)) return this.resolved.get(name);
    const budget = { calls: MAX_EXPANSIONS };
    const value = this.expand(name, 0, new Set(), budget).value;
    if (budget.calls < 0) this.tooLarge.add(name);
    this.resolved.set(name, value);
    return value;
  }

  /** Names whose value was too large, or too costly, to expand (for a note to the user). */
  get oversized(): readonly string[] {
    return [...this.tooLarge];
  }

  private readonly tooLarge = new Set<string>();
  /** Values that expanded fully (no cycle, no depth limit on the way), shared by every later expansion. */
  private readonly complete = new Map<string, string>();

  private expand(name: string, depth: number, active: Set<string>, budget: { calls: number }): { value: string | undefined; complete: boolean } {
    const done = this.complete.get(name);
    if (done !== undefined) return { value: done, complete: true };
    const raw = this.values.get(name);
    if (raw === undefined) return { value: undefined, complete: true };
    if (active.has(name) || depth >= MAX_DEPTH || --budget.calls < 0) return { value: undefined, complete: false };
    active.add(name);
    let size = 0;
    let over = false;
    let complete = true;
    const out = raw.replace(REFERENCE, (whole, inner: string) => {
      if (over) return '';
      const r = this.expand(inner, depth + 1, active, budget);
      complete &&= r.complete;
      const value = r.value ?? whole;
      size += value.length;
      if (size > MAX_VALUE_CHARS || budget.calls < 0) over = true;
      return over ? '' : value;
    });
    active.delete(name);
    if (over || out.length > MAX_VALUE_CHARS) {
      this.tooLarge.add(name);
      return { value: undefined, complete: false };
    }
    if (complete) this.complete.set(name, out);
    return { value: out, complete };
  }

  /** Every reference to a variable defined in this file, in order. */
  references(): VariableRef[] {
    if (this.values.size === 0) return [];
    const out: VariableRef[] = [];
    for (const m of this.text.matchAll(REFERENCE)) {
      if (this.values.has(m[1]!)) out.push({ name: m[1]!, start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  /** The reference under an offset, if any (see FindingIndex.at for endInclusive). Reads one line. */
  referenceAt(offset: number, endInclusive = false): VariableRef | undefined {
    if (this.values.size === 0) return undefined;
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    let lineEnd = this.text.indexOf('\n', offset);
    if (lineEnd < 0) lineEnd = this.text.length;
    const line = this.text.slice(lineStart, lineEnd);
    for (const m of line.matchAll(REFERENCE)) {
      const start = lineStart + m.index;
      const end = start + m[0].length;
      if (offset >= start && offset < end + (endInclusive ? 1 : 0) && this.values.has(m[1]!)) return { name: m[1]!, start, end };
    }
    return undefined;
  }
}
