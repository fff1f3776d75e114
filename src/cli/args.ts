/**
 * Parsing of `token-doctor` arguments. Returns an error message instead of
 * throwing. An argument that looks like a token is never repeated in a
 * message: it would land in a terminal log or a CI log.
 */
import { CAUSE_IDS } from '../core/model';
import { hasKeys, KEY_USAGE, parseKeyOption, type KeyArgs } from './keyArgs';

export type Format = 'text' | 'json' | 'jsonl' | 'sarif';

export const FORMATS: readonly Format[] = ['text', 'json', 'jsonl', 'sarif'];

export const KINDS = ['jwt', 'jwe', 'oauth-error', 'auth-challenge', 'http-status', 'vendor-message', 'token-request'] as const;

/** What `--fail-on` matches: a finding matches when any item does. */
export interface FailOn {
  /** Cause ids (or `family.*`) matched against a finding's most likely cause and its established causes. */
  readonly causes: readonly string[];
  readonly kinds: readonly string[];
  /** Any finding with an established cause. */
  readonly established: boolean;
  /** Any finding at all. */
  readonly any: boolean;
}

interface Common {
  readonly now?: number;
  readonly leeway?: number;
  readonly color?: boolean;
  readonly failOn?: FailOn;
  /** --key, --secret-env, --jwks-url, --pbes2-max (./keys); absent when no key was given. */
  readonly keys?: KeyArgs;
}

export interface ScanArgs extends Common {
  readonly command: 'scan';
  readonly format: Format;
  /** Paths; '-' is standard input. Empty: standard input (or usage on a terminal). */
  readonly inputs: readonly string[];
  readonly exclude: readonly string[];
  /** Read .gitignore and .tokendoctorignore files. */
  readonly ignoreFiles: boolean;
  /** Files found below a directory that are larger than this are skipped with a note. */
  readonly maxFileBytes: number;
  /** Worker threads; undefined: decided by the input's size and the cores. */
  readonly jobs?: number;
  /** A line on standard error at the end: files, size, findings, time, threads. */
  readonly stats: boolean;
}

export interface DecodeArgs extends Common {
  readonly command: 'decode';
  readonly format: 'text' | 'json';
}

export type Parsed = ScanArgs | DecodeArgs | { command: 'help'; topic?: 'scan' | 'decode' } | { command: 'version' } | { command: 'error'; message: string };

export const DEFAULT_MAX_FILE_MB = 50;

export const USAGE = `Usage: token-doctor scan [options] [PATH... | -]
       token-doctor decode [--json] [--now SECONDS] [--leeway SECONDS] [--key FILE]...   (the token on standard input)

scan finds JWTs, JWEs and OAuth/OIDC/API-auth errors in files, in every file
below a directory, or in standard input (- or no PATH), and says what is wrong
with each and what to do. decode reads one token from standard input and
prints its header, claims and diagnosis. Tokens are never read from arguments:
pipe them (printf '%s' "$TOKEN" | token-doctor decode).

Options:
  --format FORMAT       text (default), json, jsonl or sarif (SARIF 2.1.0)
  --json                the same as --format json
  --now SECONDS         the clock for every time check, as Unix epoch seconds
  --leeway SECONDS      allowed clock skew (default 60)
  --fail-on LIST        exit 1 when a finding matches: comma-separated cause ids
                        (token.expired, token.*), kinds (jwt, oauth-error...),
                        established (a cause the text proves), or any
  --exclude GLOB        skip paths matching GLOB (gitignore syntax; repeatable)
  --no-ignore           do not read .gitignore and .tokendoctorignore files
  --max-file-size MB    skip files larger than this below a directory (default ${DEFAULT_MAX_FILE_MB})
  --jobs N              worker threads (default: one per core for large inputs)
  --stats               one line on standard error at the end: files, size, time, threads
  --color, --no-color   force colour on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help            show this help
  --version             show the version

${KEY_USAGE}

Exit status: 0 the scan ran, 1 a finding matched --fail-on, 2 bad arguments or
an unreadable input.`;

/** Whether an argument looks like a token (or part of one): never echoed, never read as a path to report. */
export function looksLikeToken(arg: string): boolean {
  return /eyJ[A-Za-z0-9_-]{8,}/.test(arg) || /[A-Za-z0-9_-]{40,}/.test(arg);
}

/** An argument as it may appear in a message. */
export function shown(arg: string): string {
  return looksLikeToken(arg) ? '(an argument that looks like a token, not shown)' : JSON.stringify(arg);
}

export const TOKEN_ARGUMENT_MESSAGE =
  'an argument looks like a token; tokens are never read from arguments (they stay in shell history and process lists). Pipe it instead: printf \'%s\' "$TOKEN" | token-doctor decode';

function parseFailOn(list: string, into: { causes: string[]; kinds: string[]; established: boolean; any: boolean }): string | undefined {
  for (const raw of list.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    if (item === 'established') into.established = true;
    else if (item === 'any') into.any = true;
    else if ((KINDS as readonly string[]).includes(item)) into.kinds.push(item);
    else if ((CAUSE_IDS as readonly string[]).includes(item)) into.causes.push(item);
    else if (/^[a-z]+\.\*$/.test(item) && CAUSE_IDS.some((id) => id.startsWith(item.slice(0, -1)))) into.causes.push(item);
    else return `--fail-on does not know ${shown(item)}: use cause ids (token.expired, token.*), kinds (${KINDS.join(', ')}), established or any`;
  }
  return undefined;
}

/** Whether a finding with these properties matches `--fail-on`. */
export function failOnMatches(failOn: FailOn, kind: string, causeIds: readonly string[], established: readonly string[]): boolean {
  if (failOn.any) return true;
  if (failOn.established && established.length > 0) return true;
  if (failOn.kinds.includes(kind)) return true;
  const relevant = causeIds.length ? [causeIds[0]!, ...established] : established;
  for (const c of failOn.causes) {
    if (c.endsWith('.*') ? relevant.some((id) => id.startsWith(c.slice(0, -1))) : relevant.includes(c)) return true;
  }
  return false;
}

export function parseArgs(argv: readonly string[]): Parsed {
  const first = argv[0];
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') return { command: 'help' };
  if (first === '--version' || first === '-v' || first === 'version') return { command: 'version' };
  if (first !== 'scan' && first !== 'decode') {
    if (looksLikeToken(first)) return { command: 'error', message: TOKEN_ARGUMENT_MESSAGE };
    return { command: 'error', message: `unknown command ${shown(first)}; the commands are "scan" and "decode" (try --help)` };
  }
  const command = first;
  let format: Format | undefined;
  let now: number | undefined;
  let leeway: number | undefined;
  let color: boolean | undefined;
  let jobs: number | undefined;
  let maxFileBytes = DEFAULT_MAX_FILE_MB * 1024 * 1024;
  let ignoreFiles = true;
  let stats = false;
  const exclude: string[] = [];
  const failOn = { causes: [] as string[], kinds: [] as string[], established: false, any: false };
  let failOnGiven = false;
  const inputs: string[] = [];
  const keys: { files: string[]; secretEnvs: string[]; jwksUrl?: string; pbes2Max?: number } = { files: [], secretEnvs: [] };
  let onlyPaths = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (onlyPaths || a === '-' || !a.startsWith('-')) {
      if (command === 'decode') {
        return {
          command: 'error',
          message: looksLikeToken(a) ? TOKEN_ARGUMENT_MESSAGE : `decode reads the token from standard input and takes no path; got ${shown(a)}`,
        };
      }
      inputs.push(a);
      continue;
    }
    if (a === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    const bad = (what: string, v: string | undefined) => ({
      command: 'error' as const,
      message: `${flag} needs ${what}, got ${v === undefined ? 'nothing' : shown(v)}`,
    });
    const keyOption = parseKeyOption(flag, value, keys);
    if (typeof keyOption === 'string') return { command: 'error', message: keyOption };
    if (keyOption) continue;
    switch (flag) {
      case '--json':
        format = 'json';
        break;
      case '--format': {
        const v = value();
        if (v === undefined || !(FORMATS as readonly string[]).includes(v) || (command === 'decode' && v !== 'text' && v !== 'json'))
          return bad(command === 'decode' ? 'text or json' : FORMATS.join(', ').replace(/, (\w+)$/, ' or $1'), v);
        format = v as Format;
        break;
      }
      case '--color':
        color = true;
        break;
      case '--no-color':
        color = false;
        break;
      case '-h':
      case '--help':
        return { command: 'help', topic: command };
      case '--now': {
        const v = value();
        if (v === undefined || !/^\d{1,12}(\.\d+)?$/.test(v)) return bad('epoch seconds (a number like 1763750000)', v);
        now = Number(v);
        break;
      }
      case '--leeway': {
        const v = value();
        if (v === undefined || !/^\d{1,9}$/.test(v)) return bad('a whole number of seconds', v);
        leeway = Number(v);
        break;
      }
      case '--fail-on': {
        const v = value();
        if (v === undefined || !v.trim()) return bad('a list such as token.expired,established', v);
        const problem = parseFailOn(v, failOn);
        if (problem) return { command: 'error', message: problem };
        failOnGiven = true;
        break;
      }
      case '--exclude': {
        if (command === 'decode') return { command: 'error', message: `decode does not take ${flag} (try --help)` };
        const v = value();
        if (v === undefined || !v) return bad('a glob such as "**/fixtures/**"', v);
        exclude.push(v);
        break;
      }
      case '--stats':
        stats = true;
        break;
      case '--no-ignore':
        if (command === 'decode') return { command: 'error', message: `decode does not take ${flag} (try --help)` };
        ignoreFiles = false;
        break;
      case '--max-file-size': {
        const v = value();
        if (v === undefined || !/^\d{1,6}(\.\d+)?$/.test(v) || Number(v) <= 0) return bad('a size in megabytes (like 50)', v);
        maxFileBytes = Math.round(Number(v) * 1024 * 1024);
        break;
      }
      case '--jobs':
      case '-j': {
        const v = value();
        if (v === undefined || !/^\d{1,3}$/.test(v) || Number(v) < 1) return bad('a number of threads (1 or more)', v);
        jobs = Number(v);
        break;
      }
      default:
        if (looksLikeToken(a)) return { command: 'error', message: TOKEN_ARGUMENT_MESSAGE };
        return { command: 'error', message: `unknown option ${shown(a)} (try --help)` };
    }
  }
  const common = { now, leeway, color, ...(failOnGiven ? { failOn } : {}), ...(hasKeys(keys) || keys.pbes2Max !== undefined ? { keys } : {}) };
  if (command === 'decode') return { command, format: format === 'json' ? 'json' : 'text', ...common };
  return { command, format: format ?? 'text', inputs, exclude, ignoreFiles, maxFileBytes, jobs, stats, ...common };
}
