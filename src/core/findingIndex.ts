/**
 * Which findings cover an offset, answered in O(log n + k) over findings
 * sorted by start (as scanText returns them). Pure; reads only start and end,
 * so lazy token analysis is not triggered.
 */
import type { Finding } from './model';

export class FindingIndex {
  /** maxEnd[i] = the largest `end` among findings[0..i]. */
  private readonly maxEnd: Float64Array;

  constructor(readonly findings: readonly Finding[]) {
    const m = new Float64Array(findings.length);
    let max = -1;
    for (let i = 0; i < findings.length; i++) {
      max = Math.max(max, findings[i]!.end);
      m[i] = max;
    }
    this.maxEnd = m;
  }

  /**
   * Findings whose range holds the offset, innermost first. With `endInclusive`
   * a cursor just after a finding's last character still finds it.
   */
  at(offset: number, endInclusive = false): Finding[] {
    const after = endInclusive ? 0 : 1;
    const f = this.findings;
    // Last finding starting at or before offset.
    let lo = 0;
    let hi = f.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (f[mid]!.start <= offset) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const out: Finding[] = [];
    for (let i = last; i >= 0 && this.maxEnd[i]! >= offset + after; i--) {
      const x = f[i]!;
      if (x.end >= offset + after) out.push(x);
    }
    return out.sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  /** Findings that overlap [start, end), in order. */
  overlapping(start: number, end: number): Finding[] {
    return this.findings.filter((x) => x.start < end && x.end > start);
  }
}

/** Characters between two spans (0 when they overlap). */
export function spanDistance(a: { readonly start: number; readonly end: number }, b: { readonly start: number; readonly end: number }): number {
  if (b.end <= a.start) return a.start - b.end;
  if (b.start >= a.end) return b.start - a.end;
  return 0;
}

/**
 * The finding nearest to `target` among `sorted` (findings sorted by start)
 * that `fits`, with its distance; on a tie the earlier one. Walks outwards from
 * the target and looks at no more than `maxNeighbours` findings on each side,
 * so only the findings walked past are read (token reports are computed on
 * first read) and ranking many problems against many tokens stays linear.
 * The one nearest-finding search: error ranking and cause checks both use it.
 */
export function nearestFinding(
  target: { readonly start: number; readonly end: number },
  sorted: readonly Finding[],
  fits: (f: Finding) => boolean,
  maxNeighbours = Infinity,
): { finding: Finding; distance: number } | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.start < target.start) lo = mid + 1;
    else hi = mid;
  }
  let best: { finding: Finding; distance: number } | undefined;
  for (let i = lo - 1, n = 0; i >= 0 && n < maxNeighbours; i--, n++) {
    const f = sorted[i]!;
    if (fits(f)) {
      best = { finding: f, distance: spanDistance(target, f) };
      break;
    }
  }
  for (let i = lo, n = 0; i < sorted.length && n < maxNeighbours; i++, n++) {
    const f = sorted[i]!;
    const d = spanDistance(target, f);
    if (best && d >= best.distance) break;
    if (fits(f)) {
      best = { finding: f, distance: d };
      break;
    }
  }
  return best;
}
