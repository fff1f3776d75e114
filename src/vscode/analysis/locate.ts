/** What is under a position: findings in the text, or in the value of an HTTP-file variable used there. */
import type { Finding } from '../../core/model';
import type { DocScan } from './cache';

export interface Located {
  readonly finding: Finding;
  /** Document offsets of the finding itself, or of the `{{name}}` that stands for it. */
  readonly start: number;
  readonly end: number;
  /** The variable the finding was reached through, for `{{name}}` references. */
  readonly via?: string;
  /** The findings around it (same document or same variable value), for checks that look at context. */
  readonly all: readonly Finding[];
}

/** Findings at an offset, innermost first; a variable reference resolves to its value's findings. */
export function locate(scan: DocScan, offset: number, endInclusive = false): Located[] {
  const ref = scan.variables?.referenceAt(offset, endInclusive);
  if (ref) {
    const found = scan.variableFindings(ref.name);
    return found.map((finding) => ({ finding, start: ref.start, end: ref.end, via: ref.name, all: found }));
  }
  const all = scan.result.findings;
  return scan.index.at(offset, endInclusive).map((finding) => ({ finding, start: finding.start, end: finding.end, all }));
}

/** Every finding of the document plus one per variable reference that resolves to findings, by position. */
export function everyLocated(scan: DocScan, max: number): Located[] {
  const all = scan.result.findings;
  const out: Located[] = [];
  for (const finding of all) {
    if (out.length >= max) break;
    out.push({ finding, start: finding.start, end: finding.end, all });
  }
  if (scan.variables && out.length < max) {
    for (const ref of scan.variables.references()) {
      if (out.length >= max) break;
      const found = scan.variableFindings(ref.name);
      // The innermost finding of the value: the token rather than the "Bearer …" text around it.
      const finding = found[0];
      if (finding) out.push({ finding, start: ref.start, end: ref.end, via: ref.name, all: found });
    }
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}
