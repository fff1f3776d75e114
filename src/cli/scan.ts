/**
 * `token-doctor scan`: inputs → jobs → threads → records written in order.
 *
 * Each input becomes jobs (./chunks): a small file is one job that a thread
 * reads itself; a large file or standard input is read here, cut at line
 * breaks into parts of a few megabytes, each sent with a margin of context.
 * Jobs run on worker threads when the input is large (one per core), else
 * here. Results are written in input order as soon as the job ahead of them
 * is written, so output streams and the answer is the same for any number of
 * threads. Positions in a record are relative to its job's part; this thread
 * knows where each part starts and completes them.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { failOnMatches, USAGE, type ScanArgs } from './args';
import { Chunker, CHUNK_BYTES, fileChunks, type ChunkJob, type Job } from './chunks';
import { advanceBase, placeOf, runJob, startBase, type Base, type JobOptions } from './job';
import { Pool, type Task } from './pool';
import { makeWriter } from './writers';
import { resolveInputs, type InputItem } from './walk';
import { DEFAULT_LEEWAY_SECONDS, type TokenCheck } from '../core/model';
import { prepareChecks } from './keys';

export interface Io {
  /** Standard output; false asks the caller to wait for `drain`. */
  write(s: string): boolean;
  drain(): Promise<void>;
  err(s: string): void;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream;
  readonly stdinIsTTY: boolean;
  /** Terminal input without echo (decode reads a pasted token so); absent when standard input is not a terminal. */
  readonly setRawMode?: (on: boolean) => void;
  readonly stdoutIsTTY: boolean;
  readonly cwd: string;
  readonly cores: number;
  /** The system's load average over the last minute (0 where unknown): cores it keeps busy are not counted as free. */
  readonly load: number;
  /** The script a worker thread runs (dist/cli.js); without it, everything runs in this thread. */
  readonly workerFile?: string;
  readonly version: string;
}

/** A pause on standard input this long writes what has arrived (live logs). */
const IDLE_MS = 300;
/** Inputs larger than this in total go to worker threads. */
const THREADS_ABOVE_BYTES = 2 * CHUNK_BYTES;
/** Jobs on their way per thread (small files come in groups of many). */
const MAX_UNITS_PER_THREAD = 128;

interface Unit extends Task {
  readonly input: number;
}

/** Jobs for one file, in order. */
function* fileJobs(item: Extract<InputItem, { kind: 'file' }>, skip: (why: 'binary' | 'unreadable', reason?: string) => void): Generator<Job> {
  if (item.size <= CHUNK_BYTES) {
    yield { type: 'path', path: item.path, explicit: item.explicit };
    return;
  }
  let fd: number;
  try {
    fd = openSync(item.path, 'r');
  } catch (err) {
    skip('unreadable', (err as Error).message);
    return;
  }
  try {
    yield* fileChunks(
      item.size,
      (into, position) => readSync(fd, into, 0, into.length, position),
      (s) => {
        if (s.binary && !item.explicit) skip('binary');
        return !s.binary || item.explicit;
      },
    );
  } catch (err) {
    skip('unreadable', (err as Error).message);
  } finally {
    closeSync(fd);
  }
}

/** Jobs for standard input, as it arrives; a pause writes what came so far. */
async function* stdinJobs(stream: NodeJS.ReadableStream): AsyncGenerator<Job> {
  const out: ChunkJob[] = [];
  const chunker = new Chunker((j) => out.push(j));
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const poke = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  stream.on('data', (b: Buffer) => {
    chunker.push(new Uint8Array(b.buffer, b.byteOffset, b.length));
    if (out.length >= 2) stream.pause();
    poke();
  });
  stream.on('end', () => {
    ended = true;
    poke();
  });
  stream.on('error', (err: Error) => {
    failure = err;
    ended = true;
    poke();
  });
  for (;;) {
    if (out.length) {
      yield out.shift()!;
      if (out.length < 2 && !ended) stream.resume();
      continue;
    }
    if (ended) {
      if (failure) throw failure;
      chunker.end();
      while (out.length) yield out.shift()!;
      return;
    }
    stream.resume();
    await new Promise<void>((res) => {
      const timer = setTimeout(() => {
        chunker.flushLines();
        poke();
      }, IDLE_MS);
      wake = () => {
        clearTimeout(timer);
        res();
      };
    });
  }
}

export async function scan(args: ScanArgs, io: Io): Promise<number> {
  const started = performance.now();
  const inputs = resolveInputs(args);
  if ('error' in inputs) {
    io.err(`token-doctor: ${inputs.error}\n`);
    return 2;
  }
  // No path on a terminal: say how to use it rather than wait. An explicit "-" reads the terminal (paste, then Ctrl-D).
  if (args.inputs.length === 0 && io.stdinIsTTY) {
    io.err(`${USAGE}\n\ntoken-doctor: nothing to scan: give a file or a folder, or pipe text in.\n`);
    return 2;
  }
  // Keys: every token is checked before the jobs run, which analyse with the results.
  let checks: Map<string, TokenCheck> | undefined;
  let stdin = io.stdin;
  const keyNotes: string[] = [];
  if (args.keys) {
    const prepared = await prepareChecks(args.keys, inputs.items, io);
    if (!prepared.ok) {
      io.err(`token-doctor: ${prepared.message}\n`);
      return 2;
    }
    checks = prepared.checks;
    keyNotes.push(...prepared.notes);
    if (prepared.stdin) stdin = prepared.stdin;
  }
  const now = args.now ?? Math.floor(Date.now() / 1000);
  const leeway = args.leeway ?? DEFAULT_LEEWAY_SECONDS;
  const color = args.color ?? (args.format === 'text' && io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb');

  // Output in pieces of about 64 KB, waiting when the pipe is full.
  let pending: string[] = [];
  let pendingChars = 0;
  let mustDrain = false;
  const write = (s: string) => {
    pending.push(s);
    pendingChars += s.length;
    if (pendingChars >= 65536) flush();
  };
  const flush = () => {
    if (!pending.length) return;
    const s = pending.join('');
    pending = [];
    pendingChars = 0;
    if (!io.write(s)) mustDrain = true;
  };
  const drain = async () => {
    if (mustDrain) {
      mustDrain = false;
      await io.drain();
    }
  };

  const writer = makeWriter(args.format, { write, warn: (m) => io.err(m), multi: inputs.multi, color, version: io.version, cwd: io.cwd });
  const notes: string[] = [...inputs.notes, ...keyNotes];
  const addNote = (n: string) => {
    if (!notes.includes(n)) notes.push(n);
  };
  const skippedBinary: string[] = [];
  let unread = 0;
  // Part of an input named on the command line could not be read or scanned: exit 2 once the rest is written.
  let incomplete = false;
  let findings = 0;
  let failed = false;
  const withFindings = new Set<number>();

  // Threads (this one and its workers): for a large input, one per idle core. A worker costs its own
  // start-up and warm-up, which only pays when a core is free to run it.
  const fileBytes = inputs.items.reduce((n, i) => n + (i.kind === 'file' ? i.size : 0), 0);
  const hasStdin = inputs.items.some((i) => i.kind === 'stdin');
  const idleCores = Math.max(1, Math.min(io.cores, 8, Math.round(io.cores - io.load)));
  let threads = 1;
  if (io.workerFile) {
    if (args.jobs !== undefined) threads = args.jobs;
    else if (fileBytes > THREADS_ABOVE_BYTES) threads = idleCores;
  }

  // Producer and consumer wait for news: a job's batch or end, room for another job, the end of the input.
  let waiters: Array<() => void> = [];
  const changed = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const waitForNews = () => new Promise<void>((res) => waiters.push(res));
  let pool: Pool | undefined;

  const name = (input: number): string | undefined => {
    const item = inputs.items[input]!;
    return item.kind === 'file' ? item.display : undefined;
  };
  const optsFor = (input: number): JobOptions => ({
    format: args.format,
    color,
    now,
    leeway,
    ...(name(input) ? { fileName: name(input) } : {}),
    ...(checks ? { checks, keysGiven: true } : {}),
  });

  // Producer: units in output order, a few per thread on their way at once (one without threads).
  const units: Unit[] = [];
  let unitBytes = 0;
  let produced = false;
  let producerError: Error | undefined;
  const produce = async () => {
    for (let input = 0; input < inputs.items.length; input++) {
      const item = inputs.items[input]!;
      let skipped = false;
      const skip = (why: 'binary' | 'unreadable', reason?: string) => {
        skipped = true;
        if (why === 'binary') skippedBinary.push(name(input)!);
        else {
          unread++;
          if (item.kind !== 'file' || item.explicit) incomplete = true;
          addNote(`Could not read ${name(input) ?? 'standard input'}${reason ? ` (${reason})` : ''}.`);
        }
      };
      const jobs: AsyncIterable<Job> | Iterable<Job> = item.kind === 'stdin' ? stdinJobs(stdin) : fileJobs(item, skip);
      for await (const job of jobs) {
        if (skipped) break;
        const unit: Unit = {
          job,
          opts: optsFor(input),
          batches: [],
          input,
          size: job.type === 'path' ? (item.kind === 'file' ? item.size : 0) : job.bytes.length,
        };
        // A large standard input (its first part is not its last) goes to threads too.
        if (!pool && item.kind === 'stdin' && io.workerFile && args.jobs === undefined && job.type === 'chunk' && job.first && !job.last) threads = idleCores;
        if (threads > 1) {
          // The main thread is one of the threads: it runs queued jobs while it waits (see below).
          pool ??= new Pool(threads - 1, io.workerFile!, changed);
          while (units.length >= threads * MAX_UNITS_PER_THREAD || unitBytes >= threads * 3 * CHUNK_BYTES) await waitForNews();
          units.push(unit);
          unitBytes += unit.size;
          pool.submit(unit);
        } else {
          while (units.length >= 1) await waitForNews();
          units.push(unit);
          try {
            unit.result = runJob(job, unit.opts, (recs) => unit.batches.push(recs));
          } catch (err) {
            unit.error = err instanceof Error ? err.message : String(err);
          }
        }
        changed();
      }
    }
  };
  const producer = produce()
    .catch((err: unknown) => {
      producerError = err instanceof Error ? err : new Error(String(err));
    })
    .finally(() => {
      produced = true;
      changed();
    });

  // Consumer: write the head unit's records as they come; then shift its input's base.
  const bases = new Map<number, Base>();
  let scannedChars = 0;
  writer.begin();
  let written = 0; // batches of the head unit already written
  for (;;) {
    const head = units[0];
    if (!head) {
      if (produced) break;
      // Everything found so far is out before waiting for more input (a live stream).
      flush();
      await drain();
      // Waiting on the pipe let the producer run: look again before waiting for news.
      if (!units.length && !produced) await waitForNews();
      continue;
    }
    if (!bases.has(head.input)) bases.set(head.input, startBase());
    const b = bases.get(head.input)!;
    const file = name(head.input);
    while (written < head.batches.length) {
      for (const rec of head.batches[written]!) {
        const place = placeOf(b, rec);
        writer.record(rec, place, file);
        findings++;
        withFindings.add(head.input);
        if (args.failOn && !failed && failOnMatches(args.failOn, rec.kind, rec.ids, rec.est)) failed = true;
      }
      head.batches[written] = [];
      written++;
    }
    if (head.result || head.error) {
      if (head.error) {
        incomplete = true;
        addNote(`Part of ${file ?? 'standard input'} could not be scanned: ${head.error}`);
      }
      if (head.result) {
        if (head.result.skipped === 'binary') skippedBinary.push(file ?? 'standard input');
        else if (head.result.skipped === 'unreadable') {
          unread++;
          const item = inputs.items[head.input]!;
          if (item.kind !== 'file' || item.explicit) incomplete = true;
          addNote(`Could not read ${file ?? 'standard input'}${head.result.reason ? ` (${head.result.reason})` : ''}.`);
        }
        for (const n of head.result.notes) addNote(inputs.multi ? `${file ?? 'standard input'}: ${n}` : n);
        advanceBase(b, head.result.totals);
        scannedChars += head.result.totals.chars;
      }
      units.shift();
      unitBytes -= head.size;
      written = 0;
      changed();
    } else {
      flush();
      await drain();
      if (!head.result && !head.error && written >= head.batches.length) {
        // Nothing to write yet: run a job no worker has taken, else wait.
        const stolen = pool?.steal();
        if (stolen) {
          for (const task of stolen) {
            try {
              task.result = runJob(task.job, task.opts, (recs) => task.batches.push(recs));
            } catch (err) {
              task.error = err instanceof Error ? err.message : String(err);
            }
          }
          changed();
          // Let the workers' messages in before the next turn.
          await new Promise<void>((res) => setImmediate(res));
        } else {
          await waitForNews();
        }
      }
    }
  }
  await producer;
  await pool?.close();
  if (skippedBinary.length) {
    const n = skippedBinary.length;
    addNote(
      `Skipped ${n} binary file${n === 1 ? '' : 's'}: ${n > 5 ? `${skippedBinary.slice(0, 5).join(', ')} and ${n - 5} more` : skippedBinary.join(', ')}.`,
    );
  }
  if (producerError) {
    incomplete = true;
    addNote(`Could not read ${hasStdin ? 'standard input' : 'an input'} to the end: ${producerError.message}`);
  }
  const files = inputs.items.length - skippedBinary.length - unread;
  writer.end(notes, { findings, ...(inputs.multi ? { files } : {}), filesWithFindings: withFindings.size });
  flush();
  await drain();
  if (args.stats) {
    const used = 1 + (pool?.threads ?? 0);
    io.err(
      `token-doctor: ${files} input${files === 1 ? '' : 's'}, ${(scannedChars / 1024 / 1024).toFixed(1)} MB of text, ${findings} finding${findings === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(2)} s, ${used} thread${used === 1 ? '' : 's'}\n`,
    );
  }
  if (incomplete) {
    io.err('token-doctor: part of the input could not be read or scanned (see the notes)\n');
    return 2;
  }
  return failed ? 1 : 0;
}
