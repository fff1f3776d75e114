/**
 * Bounded nesting for decoded JSON. A claim nested thousands of levels deep
 * is valid JSON, but every recursive walk or print of it (JSON.stringify
 * included) can run out of stack. Values are cut at a depth no real token
 * needs, once, where they are decoded, so nothing downstream meets them.
 */

/** Deeper than this, a value is replaced by a short note. Real claims nest a handful of levels. */
export const MAX_JSON_DEPTH = 32;

/** How deep a value nests (an object or array counts one level), walked without recursion; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth]);
  }
  return deepest;
}

/**
 * The value with everything deeper than `max` levels replaced by the string
 * "[nested deeper than N levels]"; the value itself when it is shallow enough.
 * Recursion here is bounded by `max`.
 */
export function limitDepth(value: unknown, max = MAX_JSON_DEPTH): unknown {
  if (jsonDepth(value, max) <= max) return value;
  const cut = (v: unknown, level: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (level >= max) return `[nested deeper than ${max} levels]`;
    if (Array.isArray(v)) return v.map((x) => cut(x, level + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: cut(x, level + 1), enumerable: true, writable: true, configurable: true });
    return out;
  };
  return cut(value, 0);
}
