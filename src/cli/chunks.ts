/**
 * Cutting an input into jobs that threads analyse independently.
 *
 * A large input is cut at line breaks near multiples of CHUNK_BYTES. Each job
 * owns the bytes between two cuts and carries MARGIN_BYTES of the input on
 * each side, so that a finding that starts in its own part is read whole and
 * in context. A finding belongs to the job its start falls in: the owned
 * parts partition the input, so every finding is reported exactly once, also
 * one that straddles a cut. Jobs are small enough that no thread ever holds
 * the whole input: memory stays near one chunk per thread.
 *
 * UTF-16 input (with a byte-order mark) is not cut: it becomes one job.
 */

export type Encoding = 'utf8' | 'utf16le' | 'utf16be';

/** Bytes of input each job owns (about). */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * Context read on each side of an owned part. More than the engine reads
 * around one of its pieces (a piece, its margin and the margin's growth for a
 * long finding), so the cut between two jobs never changes what is found.
 */
export const MARGIN_BYTES = 384 * 1024;
/** How far past a nominal cut a line break is looked for. */
const CUT_SEARCH = 64 * 1024;
/** Bytes looked at to tell binary from text. */
export const SNIFF_BYTES = 8192;

export interface ChunkJob {
  readonly type: 'chunk';
  /** The window: the owned part with its margins. */
  readonly bytes: Uint8Array;
  readonly encoding: Encoding;
  /** The owned part, as offsets into `bytes`. */
  readonly ownStart: number;
  readonly ownEnd: number;
  /** The first job of its input (it starts at the start of the input). */
  readonly first: boolean;
  /** The last job of its input. */
  readonly last: boolean;
  /** Notes about the input as a whole (binary, encoding), on the first job. */
  readonly inputNotes: readonly string[];
}

/** A small file that the thread reads itself. */
export interface PathJob {
  readonly type: 'path';
  readonly path: string;
  /** Named on the command line (scanned even when it looks binary) rather than found in a folder (skipped then). */
  readonly explicit: boolean;
}

export type Job = ChunkJob | PathJob;

export interface Sniffed {
  readonly encoding: Encoding;
  /** Length of the byte-order mark, dropped as editors do, so offsets match what an editor shows. */
  readonly bom: number;
  /** NUL bytes near the start (and no UTF-16 mark): a binary file. */
  readonly binary: boolean;
}

/** Encoding and binary-ness from the first bytes. */
export function sniff(head: Uint8Array): Sniffed {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3, binary: false };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: 2, binary: false };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: 2, binary: false };
  return { encoding: 'utf8', bom: 0, binary: head.subarray(0, SNIFF_BYTES).includes(0) };
}

export const BINARY_NOTE = 'The input looks binary (it has NUL bytes); its text parts were scanned.';

/** The first offset at or after `i` that does not fall inside a UTF-8 sequence. */
export function charBoundary(bytes: Uint8Array, i: number): number {
  let j = i;
  while (j < bytes.length && j < i + 4 && (bytes[j]! & 0xc0) === 0x80) j++;
  return j;
}

/** A copy with an ArrayBuffer of its own (safe to transfer to another thread). */
function ownCopy(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array(to - from);
  out.set(bytes.subarray(from, to));
  return out;
}

/**
 * Turns a stream of bytes into chunk jobs. Push bytes as they arrive; jobs
 * come out in order as soon as enough follows them. `end` emits the rest.
 */
export class Chunker {
  /** Bytes held, starting at input offset `base`. */
  private buf: Uint8Array = new Uint8Array(0);
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private base = 0;
  /** Input offset where the next owned part starts. */
  private next = 0;
  /** Input offset where the text starts (after a byte-order mark). */
  private dataStart = 0;
  private sniffed: Sniffed | undefined;
  private emitted = 0;

  constructor(
    private readonly emit: (job: ChunkJob) => void,
    private readonly chunkBytes = CHUNK_BYTES,
    private readonly marginBytes = MARGIN_BYTES,
  ) {}

  /** What the first bytes said; known once the first bytes have arrived. */
  get encoding(): Sniffed | undefined {
    return this.sniffed;
  }

  private get available(): number {
    return this.base + this.buf.length + this.pendingBytes;
  }

  private consolidate(): void {
    if (!this.pending.length) return;
    const all = new Uint8Array(this.buf.length + this.pendingBytes);
    all.set(this.buf, 0);
    let at = this.buf.length;
    for (const p of this.pending) {
      all.set(p, at);
      at += p.length;
    }
    this.buf = all;
    this.pending = [];
    this.pendingBytes = 0;
  }

  push(bytes: Uint8Array): void {
    if (!bytes.length) return;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (!this.sniffed) {
      if (this.available < SNIFF_BYTES) return;
      this.decideEncoding();
    }
    // UTF-16 input is one job; it is emitted at the end.
    if (this.sniffed!.encoding !== 'utf8') return;
    const need = this.chunkBytes + CUT_SEARCH + this.marginBytes;
    while (this.available - this.next >= need) {
      this.consolidate();
      this.cutAt(this.findCut(this.next + this.chunkBytes), false, false);
    }
  }

  private decideEncoding(): void {
    this.consolidate();
    this.sniffed = sniff(this.buf.subarray(0, SNIFF_BYTES));
    this.dataStart = this.sniffed.bom;
    this.next = this.dataStart;
  }

  /** The cut nearest after `nominal`: just after a line break, else at a character boundary. */
  private findCut(nominal: number): number {
    const from = nominal - this.base;
    const to = Math.min(from + CUT_SEARCH, this.buf.length);
    const nl = this.buf.subarray(0, to).indexOf(10, from);
    if (nl >= 0) return this.base + nl + 1;
    return this.base + charBoundary(this.buf, from);
  }

  /** Where the window of a part starting at `start` begins: a line start about a margin before it. */
  private windowStart(start: number): number {
    const nominal = start - this.marginBytes;
    if (nominal <= this.dataStart) return this.dataStart;
    const from = nominal - this.base;
    const nl = this.buf.subarray(0, start - this.base).indexOf(10, from);
    return nl >= 0 ? this.base + nl + 1 : this.base + charBoundary(this.buf, from);
  }

  private cutAt(cut: number, last: boolean, toEnd: boolean): void {
    const ws = this.windowStart(this.next);
    const we = toEnd ? this.available : Math.min(this.available, cut + this.marginBytes);
    const notes = this.emitted === 0 && this.sniffed?.binary ? [BINARY_NOTE] : [];
    this.emit({
      type: 'chunk',
      bytes: ownCopy(this.buf, ws - this.base, we - this.base),
      encoding: this.sniffed?.encoding ?? 'utf8',
      ownStart: this.next - ws,
      ownEnd: cut - ws,
      first: this.emitted === 0,
      last,
      inputNotes: notes,
    });
    this.emitted++;
    this.next = cut;
    // Keep what the next window may need: a margin before the next part.
    const keepFrom = Math.max(this.base, this.next - this.marginBytes - CUT_SEARCH);
    if (keepFrom > this.base) {
      this.buf = this.buf.subarray(keepFrom - this.base);
      this.base = keepFrom;
    }
  }

  /**
   * Emits what has arrived up to its last line break (a stream that paused):
   * findings are written without waiting for more. Returns whether a job was emitted.
   */
  flushLines(): boolean {
    if (!this.sniffed) this.decideEncoding();
    if (this.sniffed!.encoding !== 'utf8') return false;
    this.consolidate();
    const nl = this.buf.lastIndexOf(10);
    if (nl < 0 || this.base + nl + 1 <= this.next) return false;
    this.cutAt(this.base + nl + 1, false, true);
    return true;
  }

  /** The input ended: emits the rest (for an empty rest, an empty job that says the input ended). */
  end(): void {
    if (!this.sniffed) this.decideEncoding();
    this.consolidate();
    this.cutAt(this.available, true, true);
  }
}

/**
 * The jobs of a file of `size` bytes read with `read(into, position)` (which
 * returns the bytes read): each window is read once into a buffer of its own
 * (sent to a thread without a copy). Stops early, before any job, when
 * `accept` refuses what the first bytes say (a binary file found in a folder).
 */
export function* fileChunks(
  size: number,
  read: (into: Uint8Array, position: number) => number,
  accept: (s: Sniffed) => boolean = () => true,
  chunkBytes = CHUNK_BYTES,
  marginBytes = MARGIN_BYTES,
): Generator<ChunkJob> {
  const readAt = (from: number, to: number): Uint8Array => {
    const out = new Uint8Array(Math.max(0, to - from));
    let got = 0;
    while (got < out.length) {
      const n = read(out.subarray(got), from + got);
      if (n <= 0) break;
      got += n;
    }
    return got === out.length ? out : out.subarray(0, got);
  };
  const sniffed = sniff(readAt(0, Math.min(size, SNIFF_BYTES)));
  if (!accept(sniffed)) return;
  const dataStart = sniffed.bom;
  const notes = sniffed.binary ? [BINARY_NOTE] : [];
  if (sniffed.encoding !== 'utf8') {
    const bytes = readAt(dataStart, size);
    yield { type: 'chunk', bytes, encoding: sniffed.encoding, ownStart: 0, ownEnd: bytes.length, first: true, last: true, inputNotes: notes };
    return;
  }
  let next = dataStart;
  let ws = dataStart;
  let first = true;
  for (;;) {
    const want = Math.min(size, next + chunkBytes + CUT_SEARCH + marginBytes);
    const w = readAt(ws, want);
    const end = ws + w.length;
    if (end < next + chunkBytes + CUT_SEARCH + marginBytes) {
      // The rest of the file (or all that could be read): the last job.
      yield { type: 'chunk', bytes: w, encoding: 'utf8', ownStart: next - ws, ownEnd: w.length, first, last: true, inputNotes: first ? notes : [] };
      return;
    }
    const nominal = next + chunkBytes - ws;
    const nl = w.subarray(0, nominal + CUT_SEARCH).indexOf(10, nominal);
    const cut = ws + (nl >= 0 ? nl + 1 : charBoundary(w, nominal));
    const we = Math.min(end, cut + marginBytes);
    // Where the next window starts: a line start about a margin before the cut.
    let nextWs: number;
    if (cut - marginBytes <= dataStart) nextWs = dataStart;
    else {
      const from = cut - marginBytes - ws;
      const l = w.subarray(0, cut - ws).indexOf(10, from);
      nextWs = ws + (l >= 0 ? l + 1 : charBoundary(w, from));
    }
    yield {
      type: 'chunk',
      bytes: w.subarray(0, we - ws),
      encoding: 'utf8',
      ownStart: next - ws,
      ownEnd: cut - ws,
      first,
      last: false,
      inputNotes: first ? notes : [],
    };
    first = false;
    next = cut;
    ws = nextWs;
  }
}
