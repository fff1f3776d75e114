/**
 * Worker threads for large inputs and folders. Each worker runs the same
 * bundle (dist/cli.js) and handles one job at a time (./job): a part of a
 * large input, or a group of small files. The main thread hands out jobs in
 * order, runs some itself when the workers have enough, and writes the
 * results in order, so the output is the same whatever the number of threads.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Job } from './chunks';
import { runJob, type JobOptions, type JobResult } from './job';
import type { Rec } from './records';

/** One job on its way: what came back so far. */
export interface Task {
  readonly job: Job;
  readonly opts: JobOptions;
  readonly batches: Rec[][];
  /** Bytes of input, to group small files. */
  readonly size: number;
  result?: JobResult;
  error?: string;
}

type Outcome = { recs: Rec[]; result: JobResult } | { error: string };

type FromWorker =
  | { type: 'batch'; recs: Rec[] }
  /** The ends of the first `outcomes.length` jobs the worker holds, in order (with their last records). */
  | { type: 'done'; outcomes: Outcome[] };

const MARK = 'token-doctor-worker';
/** Records per message from a worker while it runs a large job. */
const BATCH = 256;
/** Job messages a worker holds at once: the one it runs and the next, so it never waits for the main thread. */
const DEPTH = 2;
/** Small files go to a worker in groups of up to this many (one message there, one back). */
const GROUP_FILES = 64;
const GROUP_BYTES = 1024 * 1024;

/** True in a thread started by Pool. */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === MARK;
}

/** The loop of a worker thread: run the jobs of each message in order, send back batches and their ends. */
export function workerLoop(): void {
  const port = parentPort!;
  port.on('message', (m: { jobs: Array<{ job: Job; opts: JobOptions }> }) => {
    const single = m.jobs.length === 1 && m.jobs[0]!.job.type === 'chunk';
    const outcomes: Outcome[] = [];
    for (const { job, opts } of m.jobs) {
      let recs: Rec[] = [];
      try {
        const result = runJob(job, opts, (more) => {
          for (const r of more) recs.push(r);
          // A large job streams its records; small ones come back with their end.
          if (single && recs.length >= BATCH) {
            port.postMessage({ type: 'batch', recs } satisfies FromWorker);
            recs = [];
          }
        });
        outcomes.push({ recs, result });
      } catch (err) {
        outcomes.push({ error: err instanceof Error ? err.message : String(err) });
      }
    }
    port.postMessage({ type: 'done', outcomes } satisfies FromWorker);
  });
}

export class Pool {
  private readonly all: Worker[] = [];
  private readonly queue: Task[] = [];
  /** Each worker's messages, in order: the jobs of each (the first is running, the next waits in its queue). */
  private readonly assigned = new Map<Worker, Task[][]>();
  private closed = false;

  /** `changed` is called whenever a task has news (a batch, its end, an error). */
  constructor(
    private readonly size: number,
    private readonly file: string,
    private readonly changed: () => void,
  ) {}

  get threads(): number {
    return this.all.length;
  }

  /**
   * Jobs no worker has taken yet, as a group, for the calling thread to run
   * itself (the main thread works too while the workers are busy).
   */
  steal(): Task[] | undefined {
    if (!this.queue.length) return undefined;
    return this.takeGroup();
  }

  /** The next job from the queue; small files with the ones after them. */
  private takeGroup(): Task[] {
    const group: Task[] = [this.queue.shift()!];
    if (group[0]!.job.type === 'path') {
      let bytes = group[0]!.size;
      while (group.length < GROUP_FILES && this.queue[0]?.job.type === 'path' && bytes + this.queue[0].size <= GROUP_BYTES) {
        bytes += this.queue[0].size;
        group.push(this.queue.shift()!);
      }
    }
    return group;
  }

  submit(task: Task): void {
    this.queue.push(task);
    this.pump();
  }

  /** Hands out queued jobs: to an idle worker, a new one while under `size`, else one more message to a worker with one. */
  private pump(): void {
    while (this.queue.length && !this.closed) {
      let w = this.all.find((x) => this.assigned.get(x)!.length === 0);
      if (!w && this.all.length < this.size) w = this.spawn();
      w ??= this.all.find((x) => this.assigned.get(x)!.length < DEPTH);
      if (!w) return;
      // A large job alone; small files in a group.
      const group = this.takeGroup();
      this.assigned.get(w)!.push(group);
      const transfer = group.flatMap((t) => (t.job.type === 'chunk' ? [t.job.bytes.buffer as ArrayBuffer] : []));
      w.postMessage({ jobs: group.map((t) => ({ job: t.job, opts: t.opts })) }, transfer);
    }
  }

  private spawn(): Worker {
    const w = new Worker(this.file, { workerData: { role: MARK } });
    this.assigned.set(w, []);
    w.on('message', (m: FromWorker) => {
      const messages = this.assigned.get(w)!;
      const group = messages[0];
      if (!group) return;
      if (m.type === 'batch') {
        group[0]!.batches.push(m.recs);
      } else {
        m.outcomes.forEach((o, i) => {
          const task = group[i]!;
          if ('error' in o) task.error = o.error;
          else {
            if (o.recs.length) task.batches.push(o.recs);
            task.result = o.result;
          }
        });
        messages.shift();
        this.pump();
      }
      this.changed();
    });
    w.on('error', (err) => {
      // The worker is gone: its jobs fail (with a note), the others go on.
      for (const group of this.assigned.get(w) ?? []) for (const task of group) task.error = err.message;
      this.assigned.delete(w);
      this.all.splice(this.all.indexOf(w), 1);
      this.pump();
      this.changed();
    });
    this.all.push(w);
    return w;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
