/**
 * The `token-doctor` command line: `scan` (files, folders, standard input)
 * and `decode` (one token from standard input). The same bundle runs the
 * worker threads of a large scan.
 */
import { availableParallelism, loadavg } from 'node:os';
import { once } from 'node:events';
import { parseArgs, USAGE } from './args';
import { decode } from './decode';
import { isPoolWorker, workerLoop } from './pool';
import { scan, type Io } from './scan';

declare const __VERSION__: string | undefined;

export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';

/** Runs the command line; resolves to the exit status (0 ran, 1 --fail-on matched, 2 bad arguments or input). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const args = parseArgs(argv);
  switch (args.command) {
    case 'help':
      io.write(`${USAGE}\n`);
      return 0;
    case 'version':
      io.write(`${VERSION}\n`);
      return 0;
    case 'error':
      io.err(`token-doctor: ${args.message}\n`);
      return 2;
    case 'decode':
      return decode(args, io);
    case 'scan':
      return scan(args, io);
  }
}

/** The process's own standard streams. */
export function processIo(workerFile: string | undefined): Io {
  const stdout = process.stdout;
  return {
    write: (s) => stdout.write(s),
    drain: async () => {
      if (stdout.writableNeedDrain) await once(stdout, 'drain');
    },
    err: (s) => void process.stderr.write(s),
    env: process.env,
    stdin: process.stdin,
    stdinIsTTY: process.stdin.isTTY === true,
    ...(process.stdin.isTTY ? { setRawMode: (on: boolean) => void process.stdin.setRawMode(on) } : {}),
    stdoutIsTTY: stdout.isTTY === true,
    cwd: process.cwd(),
    cores: availableParallelism(),
    load: loadavg()[0] ?? 0,
    ...(workerFile ? { workerFile } : {}),
    version: VERSION,
  };
}

if (isPoolWorker()) {
  workerLoop();
} else if (require.main === module) {
  // A reader that went away (`| head`) ends the scan quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  main(process.argv.slice(2), processIo(__filename)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`token-doctor: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
