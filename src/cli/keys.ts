/**
 * Keys on the command line: `--key FILE` (repeatable: a JWK, a JWK Set, PEM,
 * or a file holding a shared secret's bytes), `--secret-env NAME` (a shared
 * secret from an environment variable, UTF-8 unless NAME:base64 or
 * NAME:base64url says otherwise; never a secret in the arguments themselves,
 * which stay in shell history and process lists), `--jwks-url URL` (one
 * fetch of that URL, the user's opt-in) and `--pbes2-max N` (allow PBES2
 * decryption up to N iterations).
 *
 * Checks are asynchronous and the scan's jobs are not: the tokens of every
 * input are checked here first, and the jobs analyse with the results
 * (JobOptions.checks). The `signature` and `decryption` members of
 * `scan --json` follow ../shared/contract.md.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { analyze } from '../core/analysis/analyze';
import { compactOf } from '../core/jwt/compact';
import { isTokenFinding, tokenOf, type Finding, type SignatureResult, type TokenCheck } from '../core/model';
import { checkTokens, type CheckOptions } from '../core/verify/check';
import { keysFromJson, keyTextKind, loadKeyText, secretBytes, secretKey, type SecretEncoding, type UserKey } from '../core/verify/keys';
import { DEFAULT_FETCH_POLICY, fetchJson, type FetchFunction } from '../core/verify/remote';
import { decodeBytes, readAll } from './input';
import type { KeyArgs } from './keyArgs';

export type LoadedCliKeys = { ok: true; keys: UserKey[]; notes: string[] } | { ok: false; message: string };

/** The keys of one --key file: JSON or PEM when it looks like it, else the file's bytes are a shared secret. */
async function keysOfFile(path: string): Promise<{ keys: UserKey[]; notes: string[] } | string> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return `cannot read the key file ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`;
  }
  const text = decodeBytes(bytes).text;
  if (keyTextKind(text) !== 'other') {
    const loaded = await loadKeyText(text, path);
    if (!loaded.keys.length) return `no key in ${path}: ${loaded.problems.join('; ')}`;
    return { keys: loaded.keys, notes: loaded.problems.map((p) => `${path}: ${p}`) };
  }
  if (bytes.length === 0) return `the key file ${path} is empty`;
  const keys = [secretKey(new Uint8Array(bytes), `secret in ${path}`)];
  // `echo secret > file` adds a line break that is not part of the secret: try without it too, under its own name.
  const trimmed = bytes.subarray(0, bytes.length - (bytes.at(-2) === 13 ? 2 : 1));
  if (bytes.at(-1) === 10 && trimmed.length > 0) keys.push(secretKey(new Uint8Array(trimmed), `secret in ${path} without its final line break`));
  return { keys, notes: [] };
}

/** Every key the options name; the one network request is the --jwks-url fetch. */
export async function loadCliKeys(
  args: KeyArgs,
  env: NodeJS.ProcessEnv,
  fetch: FetchFunction = (url, init) => globalThis.fetch(url, init),
): Promise<LoadedCliKeys> {
  const keys: UserKey[] = [];
  const notes: string[] = [];
  for (const file of args.files) {
    const r = await keysOfFile(file);
    if (typeof r === 'string') return { ok: false, message: r };
    keys.push(...r.keys);
    notes.push(...r.notes);
  }
  for (const spec of args.secretEnvs) {
    const [name, encoding = 'utf8'] = spec.split(':') as [string, SecretEncoding?];
    const value = env[name];
    if (value === undefined || value === '') return { ok: false, message: `--secret-env ${name}: the environment variable ${name} is not set` };
    const bytes = secretBytes(value, encoding);
    if (!bytes || bytes.length === 0) return { ok: false, message: `--secret-env ${name}: its value is not ${encoding === 'utf8' ? 'UTF-8 text' : encoding}` };
    keys.push(secretKey(bytes, `secret from $${name}`));
  }
  if (args.jwksUrl !== undefined) {
    const got = await fetchJson(args.jwksUrl, fetch, DEFAULT_FETCH_POLICY);
    if (!got.ok) return { ok: false, message: `--jwks-url ${args.jwksUrl}: ${got.reason}` };
    const loaded = keysFromJson(got.json, `${args.jwksUrl} (JWKS)`);
    if (!loaded.keys.length) return { ok: false, message: `--jwks-url ${args.jwksUrl}: no key in the answer (${loaded.problems.join('; ')})` };
    keys.push(...loaded.keys);
    notes.push(...loaded.problems.map((p) => `${args.jwksUrl}: ${p}`));
  }
  return { ok: true, keys, notes };
}

/** The options the checks run with. */
export function checkOptions(args: KeyArgs): CheckOptions {
  return { pbes2: args.pbes2Max !== undefined ? { allowed: true, maxIterations: args.pbes2Max } : { allowed: false, maxIterations: 0 } };
}

/** Checks every token found in the texts with the keys: the results by compact token, for the jobs. */
export async function checkTexts(texts: Iterable<string>, keys: readonly UserKey[], options: CheckOptions): Promise<Map<string, TokenCheck>> {
  const compacts = new Set<string>();
  for (const text of texts) {
    // Only the tokens are needed: the analysis' findings are read for their compact text.
    for (const f of analyze(text, { now: 0, leeway: 0 }).findings) {
      const c = isTokenFinding(f) ? compactOf(f) : undefined;
      if (c) compacts.add(c);
    }
  }
  return checkTokens(compacts, keys, options);
}

function signatureMember(s: SignatureResult): Record<string, unknown> {
  return {
    status: s.status,
    ...(s.kid !== undefined ? { kid: s.kid } : {}),
    ...(s.key !== undefined ? { key: s.key } : {}),
    ...(s.reason !== undefined ? { reason: s.reason } : {}),
  };
}

const NOT_CHECKED: SignatureResult = {
  status: 'unsupported',
  reason: 'the token could not be read whole, so its signature was not checked',
  tried: [],
  notes: [],
};

/**
 * The `signature` (jwt) or `decryption` (jwe) member of a finding of
 * `scan --json` when keys were given (../shared/contract.md), else nothing.
 */
export function keyMembers(f: Finding, keysGiven: boolean): Record<string, unknown> {
  const t = tokenOf(f);
  if (!keysGiven || !t) return {};
  if (f.kind === 'jwt') return { signature: signatureMember(t.signature ?? NOT_CHECKED) };
  const d = t.decryption;
  if (!d) return { decryption: { status: 'unsupported', reason: 'the token could not be read whole, so it was not decrypted' } };
  const inner = d.status === 'decrypted' ? t.nested?.signature : undefined;
  return {
    decryption: {
      status: d.status,
      ...(d.key !== undefined ? { key: d.key } : {}),
      ...(d.reason !== undefined ? { reason: d.reason } : {}),
      // The token inside, checked in turn: its signature, as on a jwt finding.
      ...(inner ? { signature: signatureMember(inner) } : {}),
    },
  };
}

/** What the scan needs before its jobs run: the checks, notes about the keys, and standard input once read. */
export type Prepared = { ok: true; checks: Map<string, TokenCheck>; notes: string[]; stdin?: NodeJS.ReadableStream } | { ok: false; message: string };

/**
 * Loads the keys and checks every token of the inputs with them. Files are
 * read here once more (jobs read them again); standard input is read whole
 * and handed back as a stream for the jobs.
 */
export async function prepareChecks(
  args: KeyArgs,
  items: ReadonlyArray<{ kind: 'file'; path: string } | { kind: 'stdin' }>,
  io: { env: NodeJS.ProcessEnv; stdin: NodeJS.ReadableStream },
  fetch?: FetchFunction,
): Promise<Prepared> {
  const loaded = await loadCliKeys(args, io.env, fetch);
  if (!loaded.ok) return loaded;
  const texts: string[] = [];
  let stdin: NodeJS.ReadableStream | undefined;
  for (const item of items) {
    if (item.kind === 'stdin') {
      if (stdin) continue;
      const bytes = await readAll(io.stdin, Number.MAX_SAFE_INTEGER);
      texts.push(decodeBytes(bytes).text);
      stdin = Readable.from([bytes]);
    } else {
      try {
        texts.push(decodeBytes(readFileSync(item.path)).text);
      } catch {
        // The job that reads it reports it.
      }
    }
  }
  const checks = await checkTexts(texts, loaded.keys, checkOptions(args));
  const notes = [...loaded.notes];
  if (!loaded.keys.length) notes.push('No key could be read from the options given.');
  return { ok: true, checks, notes, ...(stdin ? { stdin } : {}) };
}
