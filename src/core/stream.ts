import { analyze } from './analysis/analyze';
import type { Finding, AnalysisOptions } from './model';
import { shiftFinding } from './analysis/shift';

/** A finding from a stream, with offsets counted from the start of the stream. */
export type StreamFinding = Finding;

export interface StreamScanner {
  /** Adds a chunk of output; returns the findings that are now complete. */
  push(chunk: string): StreamFinding[];
  /** Scans whatever is still held (the stream ended); returns the rest. */
  flush(): StreamFinding[];
}

export interface StreamOptions extends Omit<AnalysisOptions, 'isCancelled'> {
  /** Lines kept from earlier chunks so a finding split across chunks is seen whole. */
  readonly contextChars?: number;
  /** An unfinished line longer than this is scanned anyway. */
  readonly maxLineChars?: number;
}

/**
 * Scans output that arrives in pieces (debug console, terminal): only whole
 * lines are scanned, together with a bounded tail of earlier lines, so a
 * token or an HTTP response split across writes is found once, whole. Work
 * per chunk is bounded by the chunk plus the context kept. Never throws.
 */
export function createStreamScanner(options: StreamOptions): StreamScanner {
  const contextChars = options.contextChars ?? 8192;
  const maxLine = options.maxLineChars ?? 256 * 1024;
  let buffer = '';
  let base = 0; // stream offset of buffer[0]
  let scannedTo = 0; // stream offset up to which whole lines were scanned
  const emitted = new Set<string>();

  const scan = (upTo: number): StreamFinding[] => {
    const text = buffer.slice(0, upTo);
    const out: StreamFinding[] = [];
    for (const f of analyze(text, options).findings) {
      const start = base + f.start;
      if (base + f.end <= scannedTo) continue; // seen in an earlier window
      const key = `${f.kind}:${start}`;
      if (emitted.has(key)) continue;
      emitted.add(key);
      out.push(shiftFinding(f, base));
    }
    scannedTo = base + upTo;
    // Keep a tail of scanned lines as context, plus the unfinished line.
    let keepFrom = Math.max(0, upTo - contextChars);
    const nl = buffer.lastIndexOf('\n', keepFrom);
    if (nl >= 0 && upTo - nl <= contextChars * 2) keepFrom = nl + 1;
    buffer = buffer.slice(keepFrom);
    base += keepFrom;
    if (emitted.size > 4096) {
      for (const k of emitted) if (Number(k.slice(k.lastIndexOf(':') + 1)) < base) emitted.delete(k);
    }
    return out;
  };

  return {
    // analyze() records its own internal errors as notes, so nothing here throws.
    push(chunk) {
      buffer += chunk;
      const lastNl = buffer.lastIndexOf('\n');
      if (lastNl >= 0 && base + lastNl + 1 > scannedTo) return scan(lastNl + 1);
      if (buffer.length - (scannedTo - base) > maxLine) return scan(buffer.length);
      return [];
    },
    flush() {
      return base + buffer.length > scannedTo ? scan(buffer.length) : [];
    },
  };
}
