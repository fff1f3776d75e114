import { LineIndex } from '../core/text/lines';
import { type Analysis, problemOf, tokenOf } from '../core/model';
import type { CauseTitle } from '../present/cliText';

/**
 * The `scan --json` object, exactly as ../shared/contract.md fixes it
 * (kind, start, end, line, column, error, causes[].id), with extra members
 * that the contract allows: summary, cause titles and evidence, the decoded
 * header and claims, and scan notes. The token text itself is never included.
 */
export function jsonReport(result: Analysis, text: string, title: CauseTitle): string {
  const lines = new LineIndex(text);
  const findings = result.findings.map((f) => {
    const { line, column } = lines.position(f.start);
    const t = tokenOf(f);
    const problem = problemOf(f);
    return {
      kind: f.kind,
      start: f.start,
      end: f.end,
      line,
      column,
      ...(f.error !== undefined ? { error: f.error } : {}),
      causes: f.causes.map((c) => ({ id: c.id, title: title(c.id), evidence: c.evidence })),
      summary: f.summary,
      ...(t
        ? {
            token: {
              format: t.format,
              type: t.type.type,
              header: t.header,
              claims: t.claims,
              damage: t.damage.map((d) => d.kind),
              notes: t.notes.map((n) => n.code),
            },
          }
        : {}),
      ...(problem ? { problem } : {}),
    };
  });
  return JSON.stringify({ findings, notes: result.notes }, null, 2) + '\n';
}
