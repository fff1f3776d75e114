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

/** True in a thread started by Pool. */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === MARK;
}

/** The loop of a worker thread: run each job it is given, send back batches and the result. */
export function workerLoop(): void {
  const port = parentPort!;
  port.on('message', (m: { job: Job; opts: JobOptions }) => {
    try {
      const result = runJob(m.job, m.opts, (recs) => port.postMessage({ type: 'batch', recs } satisfies FromWorker));
      port.postMessage({ type: 'done', result } satisfies FromWorker);
    } catch (err) {
      port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies FromWorker);
    }
  });
}

export class Pool {
  private readonly all: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly busy = new Map<Worker, Task>();
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

  private pump(): void {
    while (this.queue.length && !this.closed) {
      let w = this.idle.pop();
      if (!w) {
        if (this.all.length >= this.size) return;
        w = this.spawn();
      }
      const task = this.queue.shift()!;
      this.busy.set(w, task);
      const transfer = task.job.type === 'chunk' ? [task.job.bytes.buffer as ArrayBuffer] : [];
      w.postMessage({ job: task.job, opts: task.opts }, transfer);
    }
  }

  private spawn(): Worker {
    const w = new Worker(this.file, { workerData: { role: MARK } });
    w.on('message', (m: FromWorker) => {
      const task = this.busy.get(w);
      if (!task) return;
      if (m.type === 'batch') {
        task.batches.push(m.recs);
      } else {
        if (m.type === 'done') task.result = m.result;
        else task.error = m.message;
        this.busy.delete(w);
        this.idle.push(w);
        this.pump();
      }
      this.changed();
    });
    w.on('error', (err) => {
      const task = this.busy.get(w);
      this.busy.delete(w);
      this.all.splice(this.all.indexOf(w), 1);
      if (task) task.error = err.message;
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
