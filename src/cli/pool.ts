/**
 * Worker threads for large inputs and folders. Each worker runs the same
 * bundle (dist/cli.js) and handles one job at a time (./job); the main
 * thread hands out jobs in order and writes the results in order, so the
 * output is the same whatever the number of threads.
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
  result?: JobResult;
  error?: string;
}

type FromWorker = { type: 'batch'; recs: Rec[] } | { type: 'done'; result: JobResult } | { type: 'error'; message: string };

const MARK = 'token-doctor-worker';
/** Records per message from a worker. */
const BATCH = 256;
/** Jobs a worker holds at once: the one it runs and the next, so it never waits for the main thread. */
const DEPTH = 2;

/** True in a thread started by Pool. */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === MARK;
}

/** The loop of a worker thread: run each job it is given, send back batches and the result. */
export function workerLoop(): void {
  const port = parentPort!;
  port.on('message', (m: { job: Job; opts: JobOptions }) => {
    try {
      // Records go out in batches of a few hundred: one message per piece would cost more than the records.
      let batch: Rec[] = [];
      const result = runJob(m.job, m.opts, (recs) => {
        for (const r of recs) batch.push(r);
        if (batch.length >= BATCH) {
          port.postMessage({ type: 'batch', recs: batch } satisfies FromWorker);
          batch = [];
        }
      });
      if (batch.length) port.postMessage({ type: 'batch', recs: batch } satisfies FromWorker);
      port.postMessage({ type: 'done', result } satisfies FromWorker);
    } catch (err) {
      port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
    }
  });
}

export class Pool {
  private readonly all: Worker[] = [];
  private readonly queue: Task[] = [];
  /** Each worker's jobs, in the order it runs them: the first is running, the next waits in its message queue. */
  private readonly assigned = new Map<Worker, Task[]>();
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

  submit(task: Task): void {
    this.queue.push(task);
    this.pump();
  }

  /** Hands out queued jobs: to an idle worker, a new one while under `size`, else one more to a worker running a single job. */
  private pump(): void {
    while (this.queue.length && !this.closed) {
      let w = this.all.find((x) => this.assigned.get(x)!.length === 0);
      if (!w && this.all.length < this.size) w = this.spawn();
      w ??= this.all.find((x) => this.assigned.get(x)!.length < DEPTH);
      if (!w) return;
      const task = this.queue.shift()!;
      this.assigned.get(w)!.push(task);
      const transfer = task.job.type === 'chunk' ? [task.job.bytes.buffer as ArrayBuffer] : [];
      w.postMessage({ job: task.job, opts: task.opts }, transfer);
    }
  }

  private spawn(): Worker {
    const w = new Worker(this.file, { workerData: { role: MARK } });
    this.assigned.set(w, []);
    w.on('message', (m: FromWorker) => {
      const tasks = this.assigned.get(w)!;
      const task = tasks[0];
      if (!task) return;
      if (m.type === 'batch') {
        task.batches.push(m.recs);
      } else {
        if (m.type === 'done') task.result = m.result;
        else task.error = m.message;
        tasks.shift();
        this.pump();
      }
      this.changed();
    });
    w.on('error', (err) => {
      // The worker is gone: its jobs fail (with a note), the others go on.
      for (const task of this.assigned.get(w) ?? []) task.error = err.message;
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
