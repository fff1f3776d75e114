/** Formatting of epoch-second times for people. Pure; never throws. */

/** ISO-8601 UTC without milliseconds ("2026-11-21T19:02:11Z"), or undefined when out of range. */
export function isoUtc(seconds: number): string | undefined {
  if (!Number.isFinite(seconds) || Math.abs(seconds) > 8.64e12) return undefined;
  const total = Math.floor(seconds);
  const days = Math.floor(total / 86400);
  const rem = total - days * 86400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm): plain arithmetic, no Date.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return undefined;
  const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  const h = Math.floor(rem / 3600);
  const min = Math.floor((rem % 3600) / 60);
  return `${String(y).padStart(4, '0')}-${p2(m)}-${p2(d)}T${p2(h)}:${p2(min)}:${p2(rem % 60)}Z`;
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
