/**
 * Per debug session state: one stream scanner per output category, a queue
 * that bounds the work done per output event, and the findings seen so far.
 * No vscode imports: the tracker feeds it, the view and the API read it.
 */
import { createStreamScanner, type StreamScanner } from '../../core/stream';
import { analyze } from '../../core/analysis/analyze';
import { DEFAULT_LEEWAY_SECONDS, type Finding, type FindingKind } from '../../core/model';
import { nextTurn, type Cancel } from '../platform/nextTurn';

/** Where in a debug session a finding was seen. */
export type DebugSource = 'stdout' | 'stderr' | 'console' | 'variables' | 'watch' | 'hover' | 'repl';

export interface DebugFinding {
  /** Unique for the lifetime of the extension host. */
  readonly id: string;
  readonly source: DebugSource;
  readonly finding: Finding;
  /** The finding's text (a token, an error response). Kept in memory only; never shown whole. */
  readonly text: string;
  /** How many times the same text was seen in this session. */
  count: number;
}

/** Limits that keep a chatty program from slowing the debug session or growing memory. */
export interface SessionLimits {
  /** Output waiting to be scanned beyond this is dropped (and counted). */
  readonly maxPendingChars: number;
  /** Characters scanned per turn of the event loop before yielding. */
  readonly charsPerTurn: number;
  /** Findings kept per session; repeats of the same text only count. */
  readonly maxFindings: number;
  /** Characters of a variable or evaluate result that are scanned. */
  readonly maxValueChars: number;
}

export const DEFAULT_LIMITS: SessionLimits = {
  maxPendingChars: 1024 * 1024,
  charsPerTurn: 128 * 1024,
  maxFindings: 200,
  maxValueChars: 8 * 1024,
};

const CONTEXT_CHARS = 4096;
const MAX_LINE_CHARS = 64 * 1024;
/** How much recent output is mirrored to cut each finding's text out of. */
const MIRROR_CHARS = MAX_LINE_CHARS + 2 * CONTEXT_CHARS + 1024;

/**
 * Scan options whose `now` and `leeway` are read at each scan, so a long
 * session judges expiry by the current time and setting.
 */
function liveOptions(leeway: () => number): { readonly now: number; readonly leeway: number } {
  return {
    get now() {
      return Math.floor(Date.now() / 1000);
    },
    get leeway() {
      return leeway();
    },
  };
}

/** One output category's stream: the scanner plus a mirror of its recent text. */
class OutputStream {
  private readonly scanner: StreamScanner;
  private mirror = '';
  private mirrorBase = 0;

  constructor(leeway: () => number) {
    this.scanner = createStreamScanner({ ...liveOptions(leeway), contextChars: CONTEXT_CHARS, maxLineChars: MAX_LINE_CHARS });
  }

  push(chunk: string): { finding: Finding; text: string }[] {
    this.mirror += chunk;
    return this.collect(this.scanner.push(chunk));
  }

  flush(): { finding: Finding; text: string }[] {
    return this.collect(this.scanner.flush());
  }

  private collect(found: Finding[]): { finding: Finding; text: string }[] {
    const out: { finding: Finding; text: string }[] = [];
    for (const f of found) {
      if (f.start < this.mirrorBase) continue; // cannot happen with the sizes above; never guess the text
      out.push({ finding: f, text: this.mirror.slice(f.start - this.mirrorBase, f.end - this.mirrorBase) });
    }
    // Trim now and then, not on every chunk, so trimming costs O(1) amortised.
    if (this.mirror.length > 2 * MIRROR_CHARS) {
      const drop = this.mirror.length - MIRROR_CHARS;
      this.mirror = this.mirror.slice(drop);
      this.mirrorBase += drop;
    }
    return out;
  }
}

const OUTPUT_CATEGORIES: Readonly<Record<string, DebugSource>> = {
  stdout: 'stdout',
  stderr: 'stderr',
  console: 'console',
  important: 'console',
};

let nextId = 1;

/**
 * The state of one debug session. Output is queued on arrival (O(1) per DAP
 * message) and scanned in slices of `charsPerTurn` on later turns of the
 * event loop, so neither the debug adapter nor the extension host waits on a
 * scan. The tracker owns the instance and disposes of it when the session ends.
 */
export class SessionScan {
  readonly findings: DebugFinding[] = [];
  /** Characters of output dropped because the program wrote faster than it was scanned. */
  droppedChars = 0;
  /** Findings not kept because `maxFindings` was reached. */
  droppedFindings = 0;
  ended = false;

  private readonly streams = new Map<DebugSource, OutputStream>();
  private readonly queue: { source: DebugSource; text: string }[] = [];
  private pendingChars = 0;
  /** Cancels the scan scheduled for a later turn, while one is. */
  private scheduled: Cancel | undefined;
  private readonly byText = new Map<string, DebugFinding>();
  private readonly idle: (() => void)[] = [];

  constructor(
    readonly sessionId: string,
    private readonly onFindings: (added: readonly DebugFinding[]) => void,
    private readonly limits: SessionLimits = DEFAULT_LIMITS,
    private readonly leeway: () => number = () => DEFAULT_LEEWAY_SECONDS,
  ) {}

  /** A DAP `output` event's body. Telemetry and unknown categories are ignored. */
  output(category: string | undefined, text: unknown): void {
    if (this.ended || typeof text !== 'string' || text.length === 0) return;
    const source = OUTPUT_CATEGORIES[category ?? 'console'];
    if (!source) return;
    if (this.pendingChars + text.length > this.limits.maxPendingChars) {
      this.droppedChars += text.length;
      // Whatever comes next must not be glued to what came before the gap.
      this.enqueue(source, '\n');
      return;
    }
    this.enqueue(source, text);
  }

  /**
   * A value the debugger showed (a variable, a watch expression, a hover, a
   * console evaluation). Only tokens are taken from values: error words in
   * program data are not failures that happened.
   */
  value(source: DebugSource, value: unknown): void {
    if (this.ended || typeof value !== 'string' || !value.includes('eyJ')) return;
    const text = value.length > this.limits.maxValueChars ? value.slice(0, this.limits.maxValueChars) : value;
    const added: DebugFinding[] = [];
    for (const f of analyze(text, liveOptions(this.leeway)).findings) {
      if (f.kind !== 'jwt' && f.kind !== 'jwe') continue;
      // A debugger shortens long values for display ('eyJhbGciOi…'): that is a preview, not a cut token.
      if (endsInPreviewEllipsis(text, f.end)) continue;
      const d = this.add(source, f, text.slice(f.start, f.end));
      if (d) added.push(d);
    }
    if (added.length) this.onFindings(added);
  }

  /** Resolves once every queued chunk was scanned (for tests and for the end of a session). */
  whenIdle(): Promise<void> {
    if (!this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** The session ended: scan what is left, then drop the scanners. Findings stay for the view. */
  end(): void {
    if (this.ended) return;
    this.scheduled?.();
    this.scheduled = undefined;
    this.drain(Number.POSITIVE_INFINITY);
    const added: DebugFinding[] = [];
    for (const [source, stream] of this.streams) {
      for (const { finding, text } of stream.flush()) {
        const d = this.add(source, finding, text);
        if (d) added.push(d);
      }
    }
    this.ended = true;
    this.streams.clear();
    this.byText.clear();
    if (added.length) this.onFindings(added);
  }

  dispose(): void {
    this.scheduled?.();
    this.scheduled = undefined;
    this.queue.length = 0;
    this.pendingChars = 0;
    this.ended = true;
    this.streams.clear();
    this.byText.clear();
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private enqueue(source: DebugSource, text: string): void {
    const last = this.queue[this.queue.length - 1];
    // Coalesce a burst of small writes: one scan instead of one per write.
    if (last && last.source === source && last.text.length < this.limits.charsPerTurn) last.text += text;
    else this.queue.push({ source, text });
    this.pendingChars += text.length;
    this.scheduled ??= nextTurn(() => {
      this.scheduled = undefined;
      this.drain(this.limits.charsPerTurn);
    });
  }

  private drain(budget: number): void {
    const added: DebugFinding[] = [];
    let spent = 0;
    while (this.queue.length && spent < budget) {
      const item = this.queue[0]!;
      const take = Math.min(item.text.length, Math.max(1, budget - spent), this.limits.charsPerTurn);
      const piece = item.text.slice(0, take);
      if (take === item.text.length) this.queue.shift();
      else item.text = item.text.slice(take);
      this.pendingChars -= take;
      spent += take;
      let stream = this.streams.get(item.source);
      if (!stream) this.streams.set(item.source, (stream = new OutputStream(this.leeway)));
      for (const { finding, text } of stream.push(piece)) {
        const d = this.add(item.source, finding, text);
        if (d) added.push(d);
      }
    }
    if (this.queue.length && !this.scheduled && budget !== Number.POSITIVE_INFINITY) {
      this.scheduled = nextTurn(() => {
        this.scheduled = undefined;
        this.drain(this.limits.charsPerTurn);
      });
    }
    if (added.length) this.onFindings(added);
    if (!this.scheduled) for (const resolve of this.idle.splice(0)) resolve();
  }

  /** Records a finding unless the same text was already seen in the same group of sources (then it only counts). */
  private add(source: DebugSource, finding: Finding, text: string): DebugFinding | undefined {
    if (!text) return undefined;
    // A token printed and the same token in a variable are two findings; repeats within
    // the output, or within the values the debugger shows, only count.
    const group = source === 'stdout' || source === 'stderr' || source === 'console' ? 'output' : 'value';
    const key = `${group}\u0000${finding.kind}\u0000${text}`;
    const seen = this.byText.get(key);
    if (seen) {
      seen.count++;
      return undefined;
    }
    if (this.findings.length >= this.limits.maxFindings) {
      this.droppedFindings++;
      return undefined;
    }
    const d: DebugFinding = { id: `df${nextId++}`, source, finding, text, count: 1 };
    this.findings.push(d);
    this.byText.set(key, d);
    return d;
  }
}

/** Kinds whose appearance in output means that authentication or authorization failed. */
const FAILURE_KINDS: ReadonlySet<FindingKind> = new Set(['oauth-error', 'auth-challenge', 'vendor-message']);

/**
 * The cause a notification is about, or undefined when the finding is not an
 * auth failure (401/403, an OAuth error, an expired or not yet valid token).
 * Reads `causes` only for tokens, where it is needed to tell an expired one.
 */
export function failureKey(f: Finding): string | undefined {
  if (f.kind === 'http-status') {
    const status = f.problem?.status;
    return status === 401 || status === 403 ? `http.${status}` : undefined;
  }
  if (f.kind === 'jwt' || f.kind === 'jwe') {
    const expiry = f.causes.find((c) => c.id === 'token.expired' || c.id === 'token.not-yet-valid');
    return expiry?.id;
  }
  if (FAILURE_KINDS.has(f.kind)) return f.causes[0]?.id ?? (f.error ? `error.${f.error}` : f.kind);
  return undefined;
}

/**
 * Whether a token ends where a debugger cut the value for display: at "…" or
 * "..." closing the value (before an optional quote). Such a value is only a
 * preview; Diagnose Token on the variable asks the debugger for the whole value.
 */
export function endsInPreviewEllipsis(text: string, end: number): boolean {
  // The token reader takes a dot of "..." as a segment separator: look from before any dots.
  let from = end;
  while (from > 0 && text.charCodeAt(from - 1) === 46) from--;
  const rest = text.slice(from, from + 6);
  return /^(?:…|\.\.\.)['"`]?\s*$/.test(rest) && from + rest.length >= text.trimEnd().length;
}
