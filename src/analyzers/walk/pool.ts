// Walks layers in parallel across cores with worker threads; falls back to the calling thread
// when workers are unavailable (e.g. under a TypeScript test runner, or --jobs 1).
import { createReadStream, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LayerlintError } from '../../errors.js';
import type { LayerWalk } from '../../model/types.js';
import { walkLayerStream } from './layer-walker.js';
import type { Limits } from './limits.js';

/** A layer blob stored in a file: the whole file, or the byte range [start, end). */
export interface FileJob {
  path: string;
  start?: number;
  end?: number;
  label: string;
  limits: Limits;
}

export type WorkerReply =
  | { id: number; walk: LayerWalk }
  | { id: number; error: { message: string; userError: boolean; stack?: string } };

interface Pending {
  job: FileJob;
  resolve: (walk: LayerWalk) => void;
  reject: (err: Error) => void;
}

const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));

export class WalkPool {
  private readonly size: number;
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: (Pending & { id: number })[] = [];
  private readonly running = new Map<number, Pending & { worker: Worker }>();
  private nextId = 1;
  private closed = false;

  constructor(jobs = availableParallelism()) {
    this.size = existsSync(workerFile) ? Math.max(0, jobs) : 0;
  }

  walkFile(job: FileJob): Promise<LayerWalk> {
    if (this.size <= 1) return walkFileInProcess(job);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.all.map((w) => w.terminate()));
    this.all.length = 0;
    this.idle.length = 0;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? this.spawn();
      if (!worker) return;
      const task = this.queue.shift()!;
      this.running.set(task.id, { ...task, worker });
      worker.postMessage({ ...task.job, id: task.id });
    }
  }

  private spawn(): Worker | undefined {
    if (this.closed || this.all.length >= this.size) return undefined;
    const worker = new Worker(workerFile);
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const task = this.running.get(reply.id);
      if (!task) return;
      this.running.delete(reply.id);
      this.idle.push(worker);
      if ('walk' in reply) task.resolve(reply.walk);
      else if (reply.error.userError) task.reject(new LayerlintError(reply.error.message));
      else {
        const err = new Error(reply.error.message);
        err.stack = reply.error.stack;
        task.reject(err);
      }
      this.pump();
    });
    worker.on('error', (err) => {
      for (const [id, task] of this.running) {
        if (task.worker === worker) {
          this.running.delete(id);
          task.reject(err);
        }
      }
      const i = this.all.indexOf(worker);
      if (i >= 0) this.all.splice(i, 1);
      this.pump();
    });
    this.all.push(worker);
    return worker;
  }
}

export function walkFileInProcess(job: FileJob): Promise<LayerWalk> {
  return walkLayerStream(fileRange(job), { limits: job.limits, label: job.label });
}

/** The bytes of a file job as a stream (an empty range yields nothing). */
export function fileRange(job: FileJob): AsyncIterable<Buffer> {
  if (job.end !== undefined && job.end <= (job.start ?? 0)) return (async function* () {})();
  return createReadStream(job.path, {
    start: job.start,
    end: job.end === undefined ? undefined : job.end - 1,
    highWaterMark: 1024 * 1024,
  });
}
