/**
 * A small pool of worker threads (worker.ts) for the heavy read-only tasks of
 * tasks.ts, so that the request thread only routes, validates and writes.
 * Tasks queue when every worker is busy; a worker that dies fails its task and
 * is replaced. Workers do not keep the process alive.
 *
 * The worker is TypeScript, loaded by boot.mjs through tsx.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ResultMessage, TaskMessage, TaskName } from './tasks.js';

interface Job {
  message: TaskMessage;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const BOOT_URL = new URL('./boot.mjs', import.meta.url);
const WORKER_URL = new URL('./worker.ts', import.meta.url).href;

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private started = 0;
  private nextId = 1;

  constructor(readonly size = Math.max(1, Math.min(2, availableParallelism() - 1))) {}

  /** `control` (optional) is shared with the task: it reads a cancel flag and writes its progress there (tasks.ts). */
  run(task: TaskName, path: string, args: unknown, control?: SharedArrayBuffer): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message: { id: this.nextId++, task, path, args, control }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker (tasks still running fail). */
  async close(): Promise<void> {
    const all = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length) {
      const worker = this.idle.pop() ?? (this.started < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      this.busy.set(worker, job);
      worker.ref();
      worker.postMessage(job.message);
    }
  }

  private spawn(): Worker {
    this.started++;
    const worker = new Worker(BOOT_URL, { workerData: { entry: WORKER_URL } });
    worker.on('message', (m: ResultMessage) => {
      const job = this.busy.get(worker);
      this.busy.delete(worker);
      worker.unref();
      this.idle.push(worker);
      if (job && m.ok) job.resolve(m.value);
      else if (job && !m.ok) job.reject(new Error(m.error));
      this.dispatch();
    });
    worker.on('error', (e) => this.lost(worker, e));
    worker.on('exit', (code) => this.lost(worker, new Error(`worker stopped (exit code ${code})`)));
    return worker;
  }

  private lost(worker: Worker, error: Error): void {
    const job = this.busy.get(worker);
    const wasKnown = this.busy.delete(worker) || this.idle.includes(worker);
    const i = this.idle.indexOf(worker);
    if (i >= 0) this.idle.splice(i, 1);
    if (wasKnown) this.started--;
    job?.reject(error);
    this.dispatch();
  }
}
