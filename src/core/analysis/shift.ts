import { attachCompact, compactOf } from '../jwt/compact';
import { isTokenFinding, type Finding, type Mistake, type TokenFinding } from '../model';

/** The finding a shifted copy stands for: copies delegate to it, so shifting again never builds a chain. */
const ORIGINAL = Symbol('original');
type Shifted = TokenFinding & { readonly [ORIGINAL]?: TokenFinding };

/**
 * The same finding with offsets moved by `delta`. A token finding's lazy
 * members (report, causes, summary) stay lazy and are computed once for the
 * original and all its copies; other findings are plain data and are copied.
 */
export function shiftFinding<F extends Finding>(f: F, delta: number): F {
  if (delta === 0) return f;
  if (!isTokenFinding(f)) return { ...f, start: f.start + delta, end: f.end + delta };
  const original = (f as Shifted)[ORIGINAL] ?? f;
  const copy: Shifted = {
    kind: original.kind,
    start: f.start + delta,
    end: f.end + delta,
    get causes() {
      return original.causes;
    },
    get summary() {
      return original.summary;
    },
    get token() {
      return original.token;
    },
    get ruledOut() {
      return original.ruledOut;
    },
  };
  Object.defineProperty(copy, ORIGINAL, { value: original, enumerable: false });
  const compact = compactOf(original);
  if (compact !== undefined) attachCompact(copy, compact);
  return copy as unknown as F;
}

/** The same mistake with every offset (its span, its container, its edits) moved by `delta`. */
export function shiftMistake(m: Mistake, delta: number): Mistake {
  if (delta === 0) return m;
  return {
    ...m,
    start: m.start + delta,
    end: m.end + delta,
    container: { start: m.container.start + delta, end: m.container.end + delta },
    fixes: m.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) })),
  };
}
