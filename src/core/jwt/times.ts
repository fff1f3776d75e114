import { quoted } from '../text/quote';
import { isoUtc, relative } from '../text/time';
import type { TimeClaim } from '../model';

/**
 * Values from this up are read as milliseconds: 1e12 ms is 2001-09-09, while
 * 1e12 s would be the year 33658. RFC 7519 NumericDate is seconds, so anything
 * below is seconds, however far off (253402300799 is 9999-12-31, not 1978).
 */
const MILLISECONDS_FLOOR = 1e12;
/** The last second of 9999-12-31: later NumericDates are out of the range of dates. */
export const LAST_SECOND = 253402300799;

/**
 * Reads a NumericDate claim the way people actually write it: numbers,
 * numeric strings, ISO dates and milliseconds. Says what was wrong with the
 * way it was written, and where it lands relative to `now`.
 */
export function readTime(claim: TimeClaim['claim'], raw: unknown, now: number): TimeClaim {
  let seconds: number | undefined;
  let problem: TimeClaim['problem'];
  if (typeof raw === 'number') {
    // JSON.parse reads 1e400 as Infinity: a number, but no time.
    if (Number.isFinite(raw)) seconds = raw;
    else problem = 'out-of-range';
  } else if (typeof raw === 'string') {
    problem = 'string';
    const t = raw.trim();
    if (/^-?\d{1,16}(\.\d{1,9})?$/.test(t)) seconds = Number(t);
    else if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
      const ms = Date.parse(t);
      if (Number.isFinite(ms)) seconds = Math.floor(ms / 1000);
    }
    if (seconds === undefined) problem = 'not-a-number';
  } else {
    problem = 'not-a-number';
  }
  if (seconds !== undefined && Math.abs(seconds) >= MILLISECONDS_FLOOR && Math.abs(seconds) / 1000 <= LAST_SECOND) {
    problem ??= 'milliseconds';
    seconds = seconds / 1000;
  }
  if (seconds !== undefined && Math.abs(seconds) > LAST_SECOND) {
    return { claim, raw, problem: 'out-of-range' };
  }
  if (seconds !== undefined && !problem && !Number.isInteger(seconds)) problem = 'fractional';
  if (seconds === undefined) return { claim, raw, problem };
  return { claim, raw, seconds, iso: isoUtc(seconds), relative: relative(seconds, now), problem };
}

/** What is wrong with how a time claim is written, in words; undefined when nothing is. */
export function timeProblemText(t: TimeClaim): string | undefined {
  const v = quoted(t.raw);
  switch (t.problem) {
    case 'string': {
      const ms = t.seconds !== undefined && Math.abs(Number(t.raw)) >= MILLISECONDS_FLOOR ? ' (and in milliseconds)' : '';
      return `${t.claim} is the string ${v}${ms}; NumericDate claims must be JSON numbers of seconds`;
    }
    case 'milliseconds':
      return `${t.claim} ${v} is in milliseconds (${t.iso ?? 'far future'} once divided by 1000); it must be seconds since 1970`;
    case 'not-a-number':
      return `${t.claim} is ${v}, which is not a time at all`;
    case 'out-of-range':
      return `${t.claim} ${typeof t.raw === 'number' && !Number.isFinite(t.raw) ? 'is a number too large to represent' : `${v} is`} out of the range of dates (after 9999-12-31); it must be seconds since 1970`;
    case 'fractional':
      return undefined; // fractional seconds are allowed by RFC 7519
    default:
      return undefined;
  }
}
