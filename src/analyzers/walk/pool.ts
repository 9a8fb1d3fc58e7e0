// Walks layers in parallel across cores with worker threads; falls back to the calling thread
// when workers are unavailable (e.g. under a TypeScript test runner, or --jobs 1).
// Three kinds of job:
// - a layer in a file: the worker reads it itself (queued jobs start largest first);
// - a layer the worker downloads itself (walkFetched: a registry blob), its bytes never in this thread;
// - a layer given as a stream of bytes (a member of an archive read from standard input or from
//   the daemon): this thread batches the chunks into ~1 MiB transferred ArrayBuffers, the worker
//   walks each on arrival and sends it back with its ack (the buffers are reused), and at most
//   STREAM_WINDOW bytes are in flight per job so that backpressure reaches the source.
// StreamOptions.hashHere: this thread, which sees the bytes anyway, computes the blob digest (and
// so the diffID of an uncompressed blob), to share a compressed layer's work with its worker.
import { createHash, type Hash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { LayerlintError } from '../../errors.js';
import type { LayerWalk } from '../../model/types.js';
import { requireLater } from '../../require-later.js';
import { resolvePendingDatabases } from '../packages/resolve.js';
import { Batcher, ByteWindow, STREAM_BATCH, STREAM_WINDOW } from './flow.js';
import { describeWalkError, LayerWalker, walkLayerFile, walkLayerStream } from './layer-walker.js';
import type { Limits } from './limits.js';

/** A layer blob stored in a file: the whole file, or the byte range [start, end). */
export interface FileJob {
  path: string;
  start?: number;
  end?: number;
  label: string;
  limits: Limits;
}

/**
 * A blob the walking thread downloads itself: `module` (a URL) exports `name`, a FetchSource
 * called with `args` (plain data: it is posted to a worker).
 */
export interface FetchJob<A = unknown> {
  module: string;
  name: string;
  args: A;
  /** bytes expected, when known: queued jobs start largest first */
  size?: number;
  label: string;
  limits: Limits;
}

export type FetchSource<A = unknown> = (
  args: A,
  signal: AbortSignal,
  onBytes: (n: number) => void,
) => AsyncIterable<Buffer>;

export type WorkerRequest =
  | (FileJob & { type: 'file'; id: number })
  | (Omit<FetchJob, 'limits' | 'label'> & { type: 'fetch'; id: number; label: string; limits: Limits })
  | { type: 'stream'; id: number; label: string; limits: Limits; blobHashedByCaller: boolean }
  | { type: 'chunk'; id: number; data: ArrayBuffer; length: number }
  | { type: 'end'; id: number }
  | { type: 'abort'; id: number };

export type WorkerReply =
  | { id: number; walk: LayerWalk }
  | { id: number; error: { message: string; userError: boolean; stack?: string; code?: string } }
  /** a streamed chunk walked: its bytes leave the window, its buffer comes back for reuse */
  | { id: number; ack: number; buffer?: ArrayBuffer }
  | { id: number; progress: number };

export interface StreamOptions {
  /** bytes in flight before the producer waits (default STREAM_WINDOW) */
  window?: number;
  /** hash the blob in the calling thread rather than in the worker (see above) */
  hashHere?: boolean;
  /**
   * the source vouches for the blob's digest (dockerd re-hashes each layer of an export against
   * its diffID as it writes it, see sources/daemon): nobody hashes the blob again, and the walk's
   * blobDigest (and the diffId of an uncompressed blob) are left empty for the caller to fill in
   */
  verifiedBySource?: boolean;
}

/**
 * A streamed walk fed by pushes: `write` returns a promise when the producer should wait (the
 * job's window is full), `end` marks the end of the blob, `abort` cancels the walk with `err`
 * (result rejects with it). `result` settles once; after that writes are ignored.
 */
export interface StreamWalk {
  write(chunk: Buffer): Promise<void> | undefined;
  end(): void;
  abort(err: unknown): void;
  readonly result: Promise<LayerWalk>;
  readonly settled: boolean;
}

interface Task {
  id: number;
  /**
   * a streamed job starts at once on the least busy worker, sharing it if need be: it must never
   * wait behind other jobs, since its producer (an HTTP response, the daemon's export) would stall
   */
  shared?: boolean;
  /** bytes to walk: queued jobs start largest first, so no big layer is left for the end alone */
  weight?: number;
  /** posts the job (and anything queued for it) to its worker */
  start(worker: Worker): void;
  onAck?(bytes: number, buffer?: ArrayBuffer): void;
  onProgress?(bytes: number): void;
  /** the worker's final reply; returns nothing, the task settles its own promise */
  finish(walk: LayerWalk | undefined, err: Error | undefined): void;
}

/** Blobs of at most this many bytes are walked in the calling thread (walkBytes). */
const IN_PROCESS_BYTES = 64 * 1024;

const workerFile = fileURLToPath(new URL('./worker.js', import.meta.url));
/** node:worker_threads, loaded with the first worker: a run whose layers all come from the cache never needs it */
const workerThreads = () => requireLater('node:worker_threads') as typeof import('node:worker_threads');

export class WalkPool {
  private readonly size: number;
  /** jobs running on each worker */
  private readonly load = new Map<Worker, number>();
  private readonly all: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly running = new Map<number, { task: Task; worker: Worker }>();
  private nextId = 1;
  private closed = false;

  constructor(jobs = availableParallelism()) {
    this.size = existsSync(workerFile) ? Math.max(0, jobs) : 0;
  }

  /** True when walks run in worker threads (false: in the calling thread). */
  get threaded(): boolean {
    return this.size > 1;
  }

  /** Start every worker now: a source that will stream layers soon, with an idle moment to do it in. */
  prestart(): void {
    if (this.threaded) while (this.spawn());
  }

  walkFile(job: FileJob): Promise<LayerWalk> {
    if (!this.threaded) return walkFileInProcess(job);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.submit({
        id,
        weight: job.end !== undefined ? job.end - (job.start ?? 0) : fileSize(job.path),
        start: (worker) => worker.postMessage({ ...job, type: 'file', id } satisfies WorkerRequest),
        finish: (walk, err) => (err ? reject(err) : resolve(walk as LayerWalk)),
      });
    });
  }

  /**
   * Walk a blob that the walking thread downloads itself (its bytes never pass through this
   * thread). `local` is the same function as job.module's export, used when there are no workers.
   * Aborting `signal` cancels the download; errors keep their `code`.
   */
  walkFetched<A>(
    job: FetchJob<A>,
    local: FetchSource<A>,
    onBytes: (n: number) => void = () => {},
    signal?: AbortSignal,
  ): Promise<LayerWalk> {
    if (!this.threaded) {
      const controller = new AbortController();
      signal?.addEventListener('abort', () => controller.abort(), { once: true });
      return walkLayerStream(local(job.args, controller.signal, onBytes), { limits: job.limits, label: job.label });
    }
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      let worker: Worker | undefined;
      const onAbort = () => worker?.postMessage({ type: 'abort', id } satisfies WorkerRequest);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.submit({
        id,
        weight: job.size,
        start: (w) => {
          worker = w;
          w.postMessage({ ...job, type: 'fetch', id } satisfies WorkerRequest);
        },
        onProgress: onBytes,
        finish: (walk, err) => {
          signal?.removeEventListener('abort', onAbort);
          if (err) reject(err);
          else resolve(walk as LayerWalk);
        },
      });
    });
  }

  /**
   * Walk a layer blob given as a stream (in a worker when the pool has them). A failing source
   * cancels the walk and rejects with the source's error; a failing walk stops reading the source
   * (its iterator is returned, which destroys an HTTP response or a stream).
   */
  async walkStream(
    source: AsyncIterable<Buffer>,
    label: string,
    limits: Limits,
    options: StreamOptions = {},
  ): Promise<LayerWalk> {
    if (!this.threaded) return walkLayerStream(source, { limits, label });
    const job = this.openStream(label, limits, options);
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          job.end();
          break;
        }
        const wait = job.write(next.value);
        if (wait) await wait;
        if (job.settled) {
          await iterator.return?.();
          break;
        }
      }
    } catch (err) {
      job.abort(err);
    }
    return job.result;
  }

  /** A streamed walk fed by pushes (see StreamWalk); in-process when the pool has no workers. */
  openStream(label: string, limits: Limits, options: StreamOptions = {}): StreamWalk {
    const window = options.window ?? STREAM_WINDOW;
    const verified = options.verifiedBySource === true;
    return this.threaded
      ? new WorkerStream(
          this,
          this.nextId++,
          label,
          limits,
          window,
          verified ? 'nobody' : options.hashHere ? 'here' : 'worker',
        )
      : new LocalStream(label, limits, verified);
  }

  /** A walk of bytes already in memory (a small archive member), batched into ~1 MiB messages. */
  walkBytes(bytes: Buffer, label: string, limits: Limits, options: StreamOptions = {}): Promise<LayerWalk> {
    // a few KiB (a docker save VERSION file is walked in case it is a layer) are walked here: a
    // worker would cost more, and would look busy when the next layer-sized stream is placed
    const job =
      bytes.length <= IN_PROCESS_BYTES
        ? new LocalStream(label, limits)
        : this.openStream(label, limits, { ...options, window: Number.POSITIVE_INFINITY });
    void job.write(bytes);
    job.end();
    return job.result;
  }

  async close(): Promise<void> {
    this.closed = true;
    const gone = new Error('the layer walker pool was closed');
    for (const task of this.queue.splice(0)) task.finish(undefined, gone);
    for (const [id, { task }] of this.running) {
      this.running.delete(id);
      task.finish(undefined, gone);
    }
    await Promise.all(this.all.map((w) => w.terminate()));
    this.all.length = 0;
    this.load.clear();
  }

  /** @internal run a task: a shared one at once, others on the next idle worker */
  submit(task: Task): void {
    if (this.closed) {
      task.finish(undefined, new Error('the layer walker pool was closed'));
      return;
    }
    if (task.shared) {
      const worker = this.leastBusy();
      if (worker) {
        this.assign(task, worker);
        return;
      }
    }
    this.queue.push(task);
    this.pump();
  }

  /** @internal a queued task that no longer needs a worker; false when it already has one */
  unqueue(task: Task): boolean {
    const i = this.queue.indexOf(task);
    if (i < 0) return false;
    this.queue.splice(i, 1);
    return true;
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const worker = this.leastBusy();
      if (!worker || (this.load.get(worker) ?? 0) > 0) return;
      let next = 0;
      for (let i = 1; i < this.queue.length; i++) {
        if ((this.queue[i]!.weight ?? 0) > (this.queue[next]!.weight ?? 0)) next = i;
      }
      this.assign(this.queue.splice(next, 1)[0]!, worker);
    }
  }

  /** An idle worker (spawning one if the pool is not full), else the one with fewest jobs. */
  private leastBusy(): Worker | undefined {
    let best: Worker | undefined;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (const [worker, n] of this.load) {
      if (n < bestLoad) {
        best = worker;
        bestLoad = n;
      }
    }
    if (bestLoad === 0) return best;
    return this.spawn() ?? best;
  }

  private assign(task: Task, worker: Worker): void {
    this.load.set(worker, (this.load.get(worker) ?? 0) + 1);
    this.running.set(task.id, { task, worker });
    task.start(worker);
  }

  private spawn(): Worker | undefined {
    if (this.closed || this.all.length >= this.size) return undefined;
    const worker = new (workerThreads().Worker)(workerFile);
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const task = this.running.get(reply.id)?.task;
      if (!task) return;
      if ('ack' in reply) {
        task.onAck?.(reply.ack, reply.buffer);
        return;
      }
      if ('progress' in reply) {
        task.onProgress?.(reply.progress);
        return;
      }
      this.running.delete(reply.id);
      this.load.set(worker, Math.max(0, (this.load.get(worker) ?? 1) - 1));
      if ('walk' in reply) task.finish(reply.walk, undefined);
      else if (reply.error.userError) task.finish(undefined, new LayerlintError(reply.error.message));
      else {
        const err = Object.assign(new Error(reply.error.message), { code: reply.error.code });
        err.stack = reply.error.stack;
        task.finish(undefined, err);
      }
      this.pump();
    });
    worker.on('error', (err) => {
      for (const [id, run] of this.running) {
        if (run.worker === worker) {
          this.running.delete(id);
          run.task.finish(undefined, err);
        }
      }
      const i = this.all.indexOf(worker);
      if (i >= 0) this.all.splice(i, 1);
      this.load.delete(worker);
      this.pump();
    });
    this.all.push(worker);
    this.load.set(worker, 0);
    return worker;
  }
}

type Message = Extract<WorkerRequest, { type: 'chunk' | 'end' | 'abort' }>;

/** A streamed walk in a worker: messages wait in `outbox` until the pool gives the job a worker. */
class WorkerStream implements StreamWalk, Task {
  readonly shared = true;
  readonly result: Promise<LayerWalk>;
  settled = false;
  private ended = false;
  private worker?: Worker;
  private outbox: Message[] = [];
  private readonly window: ByteWindow;
  private readonly batcher: Batcher;
  private readonly blobHash?: Hash;
  private resolve!: (walk: LayerWalk) => void;
  private reject!: (err: Error) => void;

  constructor(
    private readonly pool: WalkPool,
    readonly id: number,
    private readonly label: string,
    private readonly limits: Limits,
    window: number,
    private readonly blobHasher: 'here' | 'worker' | 'nobody',
  ) {
    if (blobHasher === 'here') this.blobHash = createHash('sha256');
    this.window = new ByteWindow(window);
    this.batcher = new Batcher((data, length) => {
      this.window.add(length);
      this.send({ type: 'chunk', id, data, length });
    }, STREAM_BATCH);
    this.result = new Promise<LayerWalk>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.result.catch(() => {}); // callers that stop early must not leave an unhandled rejection
    pool.submit(this);
  }

  start(worker: Worker): void {
    this.worker = worker;
    worker.postMessage({
      type: 'stream',
      id: this.id,
      label: this.label,
      limits: this.limits,
      blobHashedByCaller: this.blobHasher !== 'worker',
    } satisfies WorkerRequest);
    for (const msg of this.outbox) this.post(msg);
    this.outbox = [];
  }

  onAck(bytes: number, buffer?: ArrayBuffer): void {
    if (buffer) this.batcher.recycle(buffer);
    this.window.release(bytes);
  }

  finish(walk: LayerWalk | undefined, err: Error | undefined): void {
    this.worker = undefined;
    this.outbox = [];
    this.window.close();
    if (this.settled) return; // aborted: the worker's reply only frees it
    this.settled = true;
    if (err || !walk) {
      this.reject(err ?? new Error('no walk'));
      return;
    }
    if (this.blobHash) {
      // every byte written reached the worker (it replies only after the end message)
      walk.blobDigest = `sha256:${this.blobHash.digest('hex')}`;
      if (walk.compression === 'none') walk.diffId = walk.blobDigest;
    }
    this.resolve(walk);
  }

  write(chunk: Buffer): Promise<void> | undefined {
    if (this.settled || this.ended) return undefined;
    this.blobHash?.update(chunk);
    this.batcher.push(chunk);
    return this.window.wait();
  }

  end(): void {
    if (this.settled || this.ended) return;
    this.ended = true;
    this.batcher.flush();
    this.send({ type: 'end', id: this.id });
  }

  abort(err: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.window.close();
    this.reject(describeWalkError(err, this.label));
    if (this.pool.unqueue(this)) return; // never started: no worker to tell
    this.outbox = [];
    this.send({ type: 'abort', id: this.id });
  }

  private send(msg: Message): void {
    if (this.worker) this.post(msg);
    else this.outbox.push(msg);
  }

  private post(msg: Message): void {
    if (msg.type === 'chunk') this.worker!.postMessage(msg, [msg.data]);
    else this.worker!.postMessage(msg);
  }
}

/**
 * The same contract walked in the calling thread (no workers): each chunk is walked as it is
 * written, so nothing is kept (the producer may reuse its buffers) and there is never a wait.
 */
class LocalStream implements StreamWalk {
  readonly result: Promise<LayerWalk>;
  settled = false;
  private readonly walker: LayerWalker;
  private resolve!: (walk: LayerWalk) => void;
  private reject!: (err: Error) => void;

  constructor(
    private readonly label: string,
    limits: Limits,
    verifiedBySource = false,
  ) {
    this.walker = new LayerWalker({ limits, label, blobHashedByCaller: verifiedBySource });
    this.result = new Promise<LayerWalk>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.result.catch(() => {});
  }

  write(chunk: Buffer): undefined {
    if (this.settled) return undefined;
    try {
      this.walker.write(chunk);
    } catch (err) {
      this.fail(err);
    }
    return undefined;
  }

  end(): void {
    if (this.settled) return;
    try {
      const walk = this.walker.end();
      this.settled = true;
      resolvePendingDatabases(walk).then(this.resolve, this.reject);
    } catch (err) {
      this.fail(err);
    }
  }

  abort(err: unknown): void {
    if (this.settled) return;
    this.walker.abort();
    this.fail(err);
  }

  private fail(err: unknown): void {
    this.settled = true;
    this.reject(describeWalkError(err, this.label));
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the walk itself reports the missing file
  }
}

export function walkFileInProcess(job: FileJob): Promise<LayerWalk> {
  return walkLayerFile(job, { limits: job.limits, label: job.label });
}
