import type { Finding, Mistake } from '../model';

/** The same finding with offsets moved by `delta`, keeping lazy members lazy (their getters are shared). */
export function shiftFinding<F extends Finding>(f: F, delta: number): F {
  if (delta === 0) return f;
  return Object.defineProperties({} as F, {
    ...Object.getOwnPropertyDescriptors(f),
    start: { value: f.start + delta, enumerable: true },
    end: { value: f.end + delta, enumerable: true },
  });
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
