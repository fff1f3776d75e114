import { readFileSync, statSync } from 'node:fs';

/** Inputs larger than this are scanned up to this size, with a note. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export type Input = { ok: true; text: string; notes: string[] } | { ok: false; message: string };

/** Reads a file (or standard input for '-') as text. Never throws. */
export function readInput(path: string): Input {
  let bytes: Buffer;
  try {
    if (path === '-') {
      bytes = readFileSync(0);
    } else {
      const st = statSync(path);
      if (st.isDirectory()) return { ok: false, message: `${path} is a folder; give a file (or - for standard input)` };
      bytes = readFileSync(path);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    return { ok: false, message: `cannot read ${path === '-' ? 'standard input' : path}: ${why}` };
  }
  return { ok: true, ...decode(bytes) };
}

/**
 * Decodes bytes as UTF-8, saying what was odd about them. A byte-order mark is
 * dropped, as editors do, so offsets match what an editor shows.
 */
export function decode(bytes: Uint8Array): { text: string; notes: string[] } {
  const notes: string[] = [];
  if (bytes.length > MAX_INPUT_BYTES) {
    notes.push(`The input has ${bytes.length} bytes; only the first ${MAX_INPUT_BYTES} were scanned.`);
    bytes = bytes.subarray(0, MAX_INPUT_BYTES);
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) notes.push('The input looks binary (it has NUL bytes); its text parts were scanned.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
    notes.push('The input is not valid UTF-8; invalid bytes were replaced with U+FFFD, so offsets are counted in the repaired text.');
  }
  return { text, notes };
}
