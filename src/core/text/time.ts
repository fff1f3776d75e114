/** Formatting of epoch-second times for people. Pure; never throws. */

/** ISO-8601 UTC without milliseconds ("2026-11-21T19:02:11Z"), or undefined when out of range. */
export function isoUtc(seconds: number): string | undefined {
  if (!Number.isFinite(seconds)) return undefined;
  const ms = seconds * 1000;
  if (Math.abs(ms) > 8.64e15) return undefined;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A duration in words at two units of precision: "3 h 12 min", "2 d 4 h", "45 s". */
export function duration(totalSeconds: number): string {
  let s = Math.round(Math.abs(totalSeconds));
  if (s < 60) return `${s} s`;
  const units: Array<[string, number]> = [
    ['y', 365 * 86400],
    ['d', 86400],
    ['h', 3600],
    ['min', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  for (const [name, size] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      s -= n * size;
      parts.push(`${n} ${name}`);
      if (parts.length === 2) break;
    } else if (parts.length) break;
  }
  return parts.join(' ');
}

/** "3 h 12 min ago" or "in 5 min" relative to now. */
export function relative(seconds: number, now: number): string {
  const delta = seconds - now;
  if (Math.abs(delta) < 1) return 'now';
  return delta < 0 ? `${duration(delta)} ago` : `in ${duration(delta)}`;
}
