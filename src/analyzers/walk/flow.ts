// Flow control for layer bytes handed from one thread to another (the main thread to a walker
// worker, or a producer to an in-process walk): a byte window that makes the producer wait,
// a queue the walk reads from, and a batcher that copies small chunks into transferable ~1 MiB
// ArrayBuffers. Pure logic: no threads here, so it is tested on its own.

/** Bytes in flight to one walk before the producer waits (per job). */
export const STREAM_WINDOW = 8 * 1024 * 1024;
/** Size of the messages chunks are batched into. */
export const STREAM_BATCH = 1024 * 1024;

/**
 * Counts bytes handed over and not yet consumed. `add` returns a promise when the count is at or
 * over the limit (the producer awaits it); `release` (consumer progress) or `close` resolves it.
 */
export class ByteWindow {
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  private closed = false;

  constructor(readonly limit = STREAM_WINDOW) {}

  get bytes(): number {
    return this.inFlight;
  }

  add(n: number): void {
    this.inFlight += n;
  }

  /** undefined when there is room, else a promise that resolves when there is (or on close) */
  wait(): Promise<void> | undefined {
    if (this.closed || this.inFlight < this.limit) return undefined;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(n: number): void {
    this.inFlight = Math.max(0, this.inFlight - n);
    if (this.inFlight < this.limit) this.wakeAll();
  }

  /** The consumer is gone (done or failed): nobody waits any more. */
  close(): void {
    this.closed = true;
    this.wakeAll();
  }

  private wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/**
 * A queue of chunks read as an async iterable by one consumer (walkLayerStream). `onTake(n)` is
 * called as the consumer takes each chunk: that is the ack that frees window space.
 */
export class ChunkQueue implements AsyncIterable<Buffer>, AsyncIterator<Buffer> {
  private items: Buffer[] = [];
  private ended = false;
  private error?: Error;
  private reader?: { resolve: (r: IteratorResult<Buffer>) => void; reject: (err: Error) => void };

  constructor(private readonly onTake?: (n: number) => void) {}

  get queued(): number {
    return this.items.length;
  }

  push(chunk: Buffer): void {
    if (this.ended || this.error) return;
    const reader = this.reader;
    if (reader) {
      this.reader = undefined;
      this.onTake?.(chunk.length);
      reader.resolve({ value: chunk, done: false });
    } else this.items.push(chunk);
  }

  end(): void {
    if (this.ended || this.error) return;
    this.ended = true;
    if (this.items.length === 0) this.settleReader();
  }

  /** The producer failed: the consumer's next read throws `err` (queued chunks are dropped). */
  fail(err: Error): void {
    if (this.error) return;
    this.error = err;
    this.items = [];
    this.settleReader();
  }

  next(): Promise<IteratorResult<Buffer>> {
    if (this.error) return Promise.reject(this.error);
    const chunk = this.items.shift();
    if (chunk) {
      this.onTake?.(chunk.length);
      return Promise.resolve({ value: chunk, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.reader = { resolve, reject };
    });
  }

  /** The consumer stopped early: drop what is queued and take nothing more. */
  return(): Promise<IteratorResult<Buffer>> {
    this.items = [];
    this.ended = true;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return this;
  }

  private settleReader(): void {
    const reader = this.reader;
    if (!reader) return;
    this.reader = undefined;
    if (this.error) reader.reject(this.error);
    else reader.resolve({ value: undefined, done: true });
  }
}

/**
 * Copies chunks into unpooled ArrayBuffers of `size` bytes (so they can be transferred: a chunk
 * may be a view of a pooled slab, or of a buffer its producer still uses) and hands each full one
 * to `emit`; `flush` hands over a partial one. Buffers the consumer sends back (`recycle`) are
 * used again: a stream of any length then allocates only a window's worth of them.
 */
export class Batcher {
  private batch?: Buffer;
  private fill = 0;
  private readonly spare: ArrayBuffer[] = [];

  constructor(
    private readonly emit: (data: ArrayBuffer, length: number) => void,
    private readonly size = STREAM_BATCH,
  ) {}

  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      this.batch ??= this.fresh();
      const batch = this.batch;
      const n = chunk.copy(batch, this.fill, pos);
      pos += n;
      this.fill += n;
      if (this.fill === this.size) this.flush();
    }
  }

  recycle(buffer: ArrayBuffer): void {
    if (buffer.byteLength === this.size && this.spare.length < 64) this.spare.push(buffer);
  }

  private fresh(): Buffer {
    const spare = this.spare.pop();
    return spare ? Buffer.from(spare) : Buffer.allocUnsafeSlow(this.size);
  }

  flush(): void {
    if (!this.batch || this.fill === 0) return;
    const { buffer } = this.batch;
    const length = this.fill;
    this.batch = undefined;
    this.fill = 0;
    this.emit(buffer as ArrayBuffer, length);
  }
}
