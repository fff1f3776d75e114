/**
 * Edits as the editor reports them, turned into what reanalyze() needs: the
 * text after them and one edit that covers them all, in offsets of the text
 * the previous analysis read.
 */
import type { TextEdit } from './analyze';

/** One change of a change event (the shape of VS Code's TextDocumentContentChangeEvent that matters here). */
export interface ContentChange {
  /** Offset in the text before the event. */
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/** Two edits in a row as one: `next` is in offsets of the text after `first`; the result in offsets before `first`. */
export function composeEdits(first: TextEdit, next: TextEdit): TextEdit {
  const d1 = first.length - (first.end - first.start);
  const d2 = next.length - (next.end - next.start);
  const back = (at: number, isEnd: boolean) =>
    at < first.start || (isEnd && at === first.start) ? at : at <= first.start + first.length ? (isEnd ? first.end : first.start) : at - d1;
  const start = Math.min(first.start, back(next.start, false));
  const end = Math.max(first.end, back(next.end, true));
  return { start, end, length: end - start + d1 + d2 };
}

/** The text after one change event: its changes (in offsets of the text before it, never overlapping) applied from the last. */
export function applyChanges(text: string, changes: readonly ContentChange[]): string {
  let out = text;
  for (const c of [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset)) {
    out = out.slice(0, c.rangeOffset) + c.text + out.slice(c.rangeOffset + c.rangeLength);
  }
  return out;
}

/** The changes of one change event (all in offsets of the text before it) as one edit covering them. */
export function eventEdit(changes: readonly ContentChange[]): TextEdit | undefined {
  if (!changes.length) return undefined;
  let start = Infinity;
  let end = -Infinity;
  let delta = 0;
  for (const c of changes) {
    start = Math.min(start, c.rangeOffset);
    end = Math.max(end, c.rangeOffset + c.rangeLength);
    delta += c.text.length - c.rangeLength;
  }
  return { start, end, length: end - start + delta };
}
