/**
 * Reading a whole (small) input as text, for `decode`: UTF-8 with or without
 * a byte-order mark, UTF-16 LE or BE with one. The mark is dropped, as
 * editors do, so offsets match what an editor shows.
 */
import { isUtf8 } from 'node:buffer';
import { BINARY_NOTE, sniff } from './chunks';
import { INVALID_UTF8_NOTE } from './job';

/** At most this much of standard input is read by `decode`. */
export const MAX_DECODE_BYTES = 16 * 1024 * 1024;

export async function readAll(stream: NodeJS.ReadableStream, max = MAX_DECODE_BYTES): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    parts.push(b);
    n += b.length;
    if (n >= max) break;
  }
  return Buffer.concat(parts).subarray(0, max);
}

/** Bytes as text, with notes about what was odd about them. */
export function decodeBytes(bytes: Uint8Array): { text: string; notes: string[] } {
  const s = sniff(bytes);
  const body = bytes.subarray(s.bom);
  const notes: string[] = s.binary ? [BINARY_NOTE] : [];
  if (s.encoding !== 'utf8') return { text: new TextDecoder(s.encoding === 'utf16le' ? 'utf-16le' : 'utf-16be').decode(body), notes };
  if (!isUtf8(body)) notes.push(INVALID_UTF8_NOTE);
  return { text: Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8'), notes };
}

/**
 * The first line with something on it, from a terminal (or all there is, at
 * the end of the input); stops reading there. In raw mode (no echo) Enter is
 * a carriage return, Ctrl-C and Ctrl-D cancel: undefined.
 */
export async function readLine(stream: NodeJS.ReadableStream, max = MAX_DECODE_BYTES): Promise<Buffer | undefined> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (b.includes(3) || (b.includes(4) && n === 0 && b.length === 1)) return undefined;
    parts.push(b);
    n += b.length;
    const text = Buffer.concat(parts).toString('utf8');
    if (/\S[^\r\n]*[\r\n]/.test(text) || b.includes(4) || n >= max) return Buffer.from(text.split('\u0004').join(''));
  }
  return parts.length ? Buffer.concat(parts) : undefined;
}
