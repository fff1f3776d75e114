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

  /** The value with every `{{other}}` of this file substituted; undefined for unknown names and cycles. */
  resolve(name: string): string | undefined {
    if (this.resolved.has(name)) return this.resolved.get(name);
    const value = this.expand(name, new Set());
    this.resolved.set(name, value);
    return value;
  }

  private expand(name: string, seen: Set<string>): string | undefined {
    const raw = this.values.get(name);
    if (raw === undefined || seen.has(name) || seen.size >= MAX_DEPTH) return undefined;
    seen.add(name);
    const out = raw.replace(REFERENCE, (whole, inner: string) => this.expand(inner, new Set(seen)) ?? whole);
    return out;
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
