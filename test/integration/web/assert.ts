// `node:assert/strict` for the integration suite in the browser worker extension host, where
// Node's assert does not exist. esbuild.mjs resolves `node:assert/strict` (and `assert`) to this
// file in out/web/integration.js only; the Node host keeps Node's. The same functions with the
// same strict semantics (Object.is, strict deep equality), so a test reads the same in both hosts.

type Message = string | Error | undefined;

export class AssertionError extends Error {
  override name = 'AssertionError';
  readonly code = 'ERR_ASSERTION';
  constructor(
    message: string,
    readonly actual?: unknown,
    readonly expected?: unknown,
    readonly operator?: string,
  ) {
    super(message);
  }
  /** mocha prints a diff of actual and expected when this is set. */
  get showDiff(): boolean {
    return this.operator === 'strictEqual' || this.operator === 'deepStrictEqual';
  }
}

function show(value: unknown): string {
  try {
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (value instanceof RegExp || typeof value === 'function' || typeof value === 'symbol') return String(value);
    const json = JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v));
    return json === undefined ? String(value) : json.length > 500 ? `${json.slice(0, 500)}…` : json;
  } catch {
    return String(value);
  }
}

function raise(message: Message, fallback: string, actual?: unknown, expected?: unknown, operator?: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback, actual, expected, operator);
}

export function ok(value: unknown, message?: Message): asserts value {
  if (!value) raise(message, `The expression evaluated to a falsy value: ${show(value)}`, value, true, '==');
}

export function equal<T>(actual: unknown, expected: T, message?: Message): asserts actual is T {
  if (!Object.is(actual, expected))
    raise(message, `Expected values to be strictly equal:\n${show(actual)} !== ${show(expected)}`, actual, expected, 'strictEqual');
}
export const strictEqual = equal;

export function notEqual(actual: unknown, expected: unknown, message?: Message): void {
  if (Object.is(actual, expected)) raise(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`, actual, expected, 'notStrictEqual');
}
export const notStrictEqual = notEqual;

function isDeepEqual(a: unknown, b: unknown, seen: Map<object, object>): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  if (a instanceof RegExp) return a.source === (b as RegExp).source && a.flags === (b as RegExp).flags;
  if (a instanceof Map) {
    const m = b as Map<unknown, unknown>;
    if (a.size !== m.size) return false;
    for (const [k, v] of a) if (!m.has(k) || !isDeepEqual(v, m.get(k), seen)) return false;
    return true;
  }
  if (a instanceof Set) {
    const s = b as Set<unknown>;
    if (a.size !== s.size) return false;
    for (const v of a) if (!s.has(v)) return false;
    return true;
  }
  if (ArrayBuffer.isView(a)) {
    const x = a as unknown as ArrayLike<unknown>;
    const y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  if (a instanceof Error && (a.message !== (b as Error).message || a.name !== (b as Error).name)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!isDeepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seen)) return false;
  }
  return true;
}

export function deepEqual<T>(actual: unknown, expected: T, message?: Message): asserts actual is T {
  if (!isDeepEqual(actual, expected, new Map())) {
    raise(message, `Expected values to be strictly deep-equal:\n${show(actual)}\n!==\n${show(expected)}`, actual, expected, 'deepStrictEqual');
  }
}
export const deepStrictEqual = deepEqual;

export function notDeepEqual(actual: unknown, expected: unknown, message?: Message): void {
  if (isDeepEqual(actual, expected, new Map()))
    raise(message, `Expected "actual" not to be strictly deep-equal to: ${show(expected)}`, actual, expected, 'notDeepStrictEqual');
}
export const notDeepStrictEqual = notDeepEqual;

export function match(value: string, regexp: RegExp, message?: Message): void {
  if (typeof value !== 'string' || !regexp.test(value)) {
    raise(message, `The input did not match the regular expression ${String(regexp)}. Input:\n\n${show(value)}\n`, value, regexp, 'match');
  }
}

export function doesNotMatch(value: string, regexp: RegExp, message?: Message): void {
  if (typeof value !== 'string' || regexp.test(value)) {
    raise(message, `The input was expected to not match the regular expression ${String(regexp)}. Input:\n\n${show(value)}\n`, value, regexp, 'doesNotMatch');
  }
}

export function fail(message: Message = 'Failed'): never {
  raise(message, 'Failed', undefined, undefined, 'fail');
}

type Expected = RegExp | (new (...args: never[]) => unknown) | ((err: unknown) => boolean) | Record<string, unknown>;

function check(err: unknown, expected: Expected | undefined, message?: Message): void {
  if (expected === undefined) return;
  if (expected instanceof RegExp) {
    if (!expected.test(err instanceof Error ? `${err.name}: ${err.message}` : String(err))) {
      raise(message, `The error did not match ${String(expected)}: ${show(err instanceof Error ? err.message : err)}`, err, expected, 'throws');
    }
    return;
  }
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && err instanceof (expected as new () => unknown)) return;
    if (Object.prototype.isPrototypeOf.call(Error, expected) || expected === Error)
      raise(message, `The error is not an instance of ${expected.name}`, err, expected, 'throws');
    if ((expected as (e: unknown) => boolean)(err) === true) return;
    raise(message, 'The validation function did not return true', err, expected, 'throws');
  }
  for (const [k, v] of Object.entries(expected)) {
    const got = (err as Record<string, unknown>)?.[k];
    const same = v instanceof RegExp && typeof got === 'string' ? v.test(got) : isDeepEqual(got, v, new Map());
    if (!same) raise(message, `The error's ${k} is ${show(got)}, expected ${show(v)}`, err, expected, 'throws');
  }
}

export function throws(fn: () => unknown, expected?: Expected | string, message?: Message): void {
  if (typeof expected === 'string') [message, expected] = [expected, undefined];
  try {
    fn();
  } catch (err) {
    check(err, expected, message);
    return;
  }
  raise(message, 'Missing expected exception.', undefined, expected, 'throws');
}

export function doesNotThrow(fn: () => unknown, message?: Message): void {
  try {
    fn();
  } catch (err) {
    raise(message, `Got unwanted exception: ${err instanceof Error ? err.message : show(err)}`, err, undefined, 'doesNotThrow');
  }
}

export async function rejects(promise: Promise<unknown> | (() => Promise<unknown>), expected?: Expected | string, message?: Message): Promise<void> {
  if (typeof expected === 'string') [message, expected] = [expected, undefined];
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    check(err, expected, message);
    return;
  }
  raise(message, 'Missing expected rejection.', undefined, expected, 'rejects');
}

export async function doesNotReject(promise: Promise<unknown> | (() => Promise<unknown>), message?: Message): Promise<void> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    raise(message, `Got unwanted rejection: ${err instanceof Error ? err.message : show(err)}`, err, undefined, 'doesNotReject');
  }
}

/** `import assert from 'node:assert/strict'`: the callable default is ok(), with every function on it. */
const assert = Object.assign((value: unknown, message?: Message) => ok(value, message), {
  AssertionError,
  ok,
  equal,
  strictEqual,
  notEqual,
  notStrictEqual,
  deepEqual,
  deepStrictEqual,
  notDeepEqual,
  notDeepStrictEqual,
  match,
  doesNotMatch,
  fail,
  throws,
  doesNotThrow,
  rejects,
  doesNotReject,
});
export { assert as strict };
export default assert;
