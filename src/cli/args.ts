/** Parsing of `token-doctor` arguments. Returns an error message instead of throwing. */

export interface ScanArgs {
  readonly command: 'scan';
  readonly json: boolean;
  readonly now?: number;
  readonly leeway?: number;
  /** A path, or '-' for standard input. */
  readonly input: string;
  readonly color?: boolean;
}

export type Parsed = ScanArgs | { command: 'help' } | { command: 'version' } | { command: 'error'; message: string };

export const USAGE = `Usage: token-doctor scan [--json] [--now EPOCH_SECONDS] [--leeway SECONDS] [FILE | -]

Finds JWTs, JWEs and OAuth/OIDC/API-auth errors in a file (or standard input)
and says what is wrong with each and what to do.

Options:
  --json              print one JSON object (see the README for its shape)
  --now SECONDS       the clock for every time check, as Unix epoch seconds
  --leeway SECONDS    allowed clock skew (default 60)
  --color, --no-color force colour on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help          show this help
  --version           show the version`;

export function parseArgs(argv: readonly string[]): Parsed {
  if (argv.length === 0 || argv[0] === '-h' || argv[0] === '--help' || argv[0] === 'help') return { command: 'help' };
  if (argv[0] === '--version' || argv[0] === '-v') return { command: 'version' };
  if (argv[0] !== 'scan') return { command: 'error', message: `unknown command ${JSON.stringify(argv[0])}; the command is "scan" (try --help)` };
  let json = false;
  let now: number | undefined;
  let leeway: number | undefined;
  let color: boolean | undefined;
  let input: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--json':
        json = true;
        break;
      case '--color':
        color = true;
        break;
      case '--no-color':
        color = false;
        break;
      case '-h':
      case '--help':
        return { command: 'help' };
      case '--now': {
        const v = value();
        if (v === undefined || !/^\d{1,12}(\.\d+)?$/.test(v))
          return { command: 'error', message: `--now needs epoch seconds (a number like 1763750000), got ${v === undefined ? 'nothing' : JSON.stringify(v)}` };
        now = Number(v);
        break;
      }
      case '--leeway': {
        const v = value();
        if (v === undefined || !/^\d{1,9}$/.test(v))
          return { command: 'error', message: `--leeway needs a whole number of seconds, got ${v === undefined ? 'nothing' : JSON.stringify(v)}` };
        leeway = Number(v);
        break;
      }
      default:
        if (a !== '-' && a.startsWith('-')) return { command: 'error', message: `unknown option ${JSON.stringify(a)} (try --help)` };
        if (input !== undefined)
          return { command: 'error', message: `only one input can be scanned at a time; got ${JSON.stringify(input)} and ${JSON.stringify(a)}` };
        input = a;
    }
  }
  return { command: 'scan', json, now, leeway, input: input ?? '-', color };
}
