import { nearestFinding } from '../../findingIndex';
import { CAUSE_IDS, type Finding, isTokenFinding, tokenOf } from '../../model';
import { EVALUATORS } from './checks';
import { CATALOG } from './entries';
import type { CauseEntry, CheckResult } from './schema';

export type { AutoCheckId, CauseEntry, CheckDef, CheckResult, CheckStatus, FixStep } from './schema';

const BY_ID = new Map<string, CauseEntry>(CATALOG.map((e) => [e.id, e]));

/** The catalog entry of a cause id (every id of CAUSE_IDS has one; other strings have none). */
export function getCause(id: string): CauseEntry | undefined {
  return BY_ID.get(id);
}

/** All entries, in the order of CAUSE_IDS. */
export function allCauses(): CauseEntry[] {
  return CAUSE_IDS.map((id) => BY_ID.get(id)).filter((e): e is CauseEntry => !!e);
}

const NEAR = 4096;

/** The token a check should look at: the finding itself, or the nearest token finding of the wanted kind. */
export function relatedToken(finding: Finding, allFindings: readonly Finding[] = [], wantAssertion = false): Finding | undefined {
  if (isTokenFinding(finding)) return finding;
  // Findings come sorted by start; sorting sorted input is linear.
  const tokens = allFindings.filter(isTokenFinding).sort((a, b) => a.start - b.start);
  const best = nearestFinding(finding, tokens, (f) => (tokenOf(f)?.type.type === 'client-assertion') === wantAssertion);
  if (!best) return undefined;
  return best.distance <= NEAR || tokens.length === 1 ? best.finding : undefined;
}

/**
 * The checklist of a cause for a finding: automatic checks evaluated against
 * the finding (and the nearest token among allFindings), manual ones left for
 * the user. Never throws.
 */
export function evaluateChecks(causeId: string, finding: Finding, allFindings?: readonly Finding[], clock?: { now?: number; leeway?: number }): CheckResult[] {
  const entry = getCause(causeId);
  if (!entry) return [];
  const wantAssertion = causeId === 'client.assertion-claims' || causeId === 'client.assertion-type';
  const token = relatedToken(finding, allFindings, wantAssertion && finding.kind !== 'jwt');
  const ctx = { finding, ...(token ? { token } : {}), ...(clock?.now !== undefined ? { now: clock.now } : {}), leeway: clock?.leeway ?? 60 };
  return entry.checks.map((c): CheckResult => {
    if (!c.auto) return { id: c.id, text: c.text, kind: 'manual', status: 'unknown' };
    try {
      const o = EVALUATORS[c.auto](ctx);
      return { id: c.id, text: c.text, kind: 'auto', status: o.status, ...(o.evidence ? { evidence: o.evidence } : {}) };
    } catch {
      // A check that cannot run says so instead of passing or failing.
      return { id: c.id, text: c.text, kind: 'auto', status: 'unknown', evidence: 'This check could not be run on this finding.' };
    }
  });
}
