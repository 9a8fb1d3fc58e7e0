// A readable stream's chunks as they arrive. `for await (const c of readable)` reads with read(),
// which joins everything buffered into one new Buffer: a copy of every byte of a layer-sized
// download or export, and garbage for the collector.
import { finished, type Readable } from 'node:stream';
import { ChunkQueue } from '../walk/flow.js';

/** Chunks buffered before the stream is paused (backpressure reaches the socket). */
const HIGH_WATER = 32;

export async function* chunksOf(stream: Readable): AsyncGenerator<Buffer> {
  const queue = new ChunkQueue();
  stream.on('data', (chunk: Buffer | string) => {
    queue.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (queue.queued >= HIGH_WATER) stream.pause();
  });
  finished(stream, (err) => (err ? queue.fail(err) : queue.end()));
  try {
    for (;;) {
      if (stream.isPaused() && queue.queued < HIGH_WATER / 2) stream.resume();
      const next = await queue.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    if (!stream.readableEnded) stream.destroy(); // the reader stopped early, as for-await would
  }
}

/**
 * `head`'s chunks, then the rest of `iterator` (whose first chunks a caller read to sniff the
 * input); a consumer that stops early stops `iterator` too, which closes its stream or connection.
 */
export async function* prepended(head: Buffer[], iterator: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  let done = false;
  try {
    yield* head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await iterator.return?.();
  }
}
