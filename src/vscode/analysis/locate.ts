/** What is under a position: findings in the text, or in the value of an HTTP-file variable used there. */
import type { Finding } from '../../core/model';
import type { DocAnalysis } from './cache';

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
export function locate(doc: DocAnalysis, offset: number, endInclusive = false): Located[] {
  const ref = doc.variables?.referenceAt(offset, endInclusive);
  if (ref) {
    const found = doc.variableFindings(ref.name);
    return found.map((finding) => ({ finding, start: ref.start, end: ref.end, via: ref.name, all: found }));
  }
  const all = doc.analysis.findings;
  return doc.index.at(offset, endInclusive).map((finding) => ({ finding, start: finding.start, end: finding.end, all }));
}

/** Every finding of the document plus one per variable reference that resolves to findings, by position. */
export function everyLocated(doc: DocAnalysis, max: number): Located[] {
  const all = doc.analysis.findings;
  const out: Located[] = [];
  for (const finding of all) {
    if (out.length >= max) break;
    out.push({ finding, start: finding.start, end: finding.end, all });
  }
  if (doc.variables && out.length < max) {
    for (const ref of doc.variables.references()) {
      if (out.length >= max) break;
      const found = doc.variableFindings(ref.name);
      // The innermost finding of the value: the token rather than the "Bearer …" text around it.
      const finding = found[0];
      if (finding) out.push({ finding, start: ref.start, end: ref.end, via: ref.name, all: found });
    }
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}
