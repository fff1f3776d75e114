/**
 * The redaction rule of ../shared/contract.md for every output format: no
 * output contains a whole token, nor any run of 40 or more characters copied
 * from one, also where a token is quoted inside an error text, a request, a
 * claim or a payload. Applied to each finding's serialized output.
 *
 * A run of token characters of 40 or more is hidden from its 13th character
 * on when it holds a JOSE header start (`eyJ` after a non-alphanumeric
 * character), or when it shares 40 characters with a token found in the same
 * part of the input. Other long runs (paths, URLs, hashes, class names) stay.
 */

/** Characters a token (or a damaged copy of one: standard base64, percent-encoded) is made of. */
const RUN_CHARS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.+/=%') RUN_CHARS[c.charCodeAt(0)] = 1;
const HEADER_START = /(?:^|[^A-Za-z0-9])(eyJ[A-Za-z0-9_-]{17})/;
/** Shared runs are found through blocks of this many characters at aligned offsets of each token. */
const BLOCK = 16;
const MIN_SHARED = 40;
/** Characters of a hidden run that stay visible: a short prefix, as the contract allows. */
const KEEP = 12;
export const HIDDEN = '…[redacted]';

export class Redactor {
  private readonly tokens: string[] = [];
  private indexed = 0;
  private readonly blocks = new Map<string, number[]>();

  /** A token's text (as found in the input) that must never be copied into output. */
  addToken(text: string): void {
    if (text.length >= MIN_SHARED) this.tokens.push(text);
  }

  /** `s` with every run copied from a token cut to a short prefix. One pass over `s`. */
  clean(s: string): string {
    let out: string | undefined;
    let done = 0;
    let run = -1;
    const n = s.length;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? s.charCodeAt(i) : 0;
      if (c < 128 && RUN_CHARS[c] === 1) {
        if (run < 0) run = i;
        continue;
      }
      if (run >= 0 && i - run >= MIN_SHARED) {
        const text = s.slice(run, i);
        const cleaned = this.cleanRun(text);
        if (cleaned !== text) {
          out = (out ?? '') + s.slice(done, run) + cleaned;
          done = i;
        }
      }
      run = -1;
    }
    return out === undefined ? s : out + s.slice(done);
  }

  private cleanRun(run: string): string {
    const m = HEADER_START.exec(run);
    if (m) {
      const at = m.index + m[0].length - m[1]!.length;
      return run.slice(0, at + KEEP) + HIDDEN;
    }
    const shared = this.sharedStart(run);
    return shared < 0 ? run : run.slice(0, shared + KEEP) + HIDDEN;
  }

  private index(): void {
    for (; this.indexed < this.tokens.length; this.indexed++) {
      const t = this.tokens[this.indexed]!;
      for (let p = 0; p + BLOCK <= t.length; p += BLOCK) {
        const key = t.slice(p, p + BLOCK);
        const list = this.blocks.get(key);
        if (list) list.push(this.indexed, p);
        else this.blocks.set(key, [this.indexed, p]);
      }
    }
  }

  /** Where in `run` a stretch of 40+ characters shared with a known token starts; -1 when there is none. */
  private sharedStart(run: string): number {
    if (!this.tokens.length) return -1;
    this.index();
    for (let i = 0; i + BLOCK <= run.length; i++) {
      const hits = this.blocks.get(run.slice(i, i + BLOCK));
      if (!hits) continue;
      for (let h = 0; h < hits.length; h += 2) {
        const t = this.tokens[hits[h]!]!;
        const p = hits[h + 1]!;
        let left = 0;
        while (i - left > 0 && p - left > 0 && run.charCodeAt(i - left - 1) === t.charCodeAt(p - left - 1)) left++;
        let right = BLOCK;
        while (i + right < run.length && p + right < t.length && run.charCodeAt(i + right) === t.charCodeAt(p + right)) right++;
        if (left + right >= MIN_SHARED) return i - left;
      }
    }
    return -1;
  }
}
