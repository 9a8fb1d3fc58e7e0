// chunksOf: a stream's chunks as they arrived (for-await over a Readable joins what is buffered
// into new Buffers), with errors and early exits behaving as for-await does.
import { PassThrough, Readable } from 'node:stream';
import { chunksOf } from '../../src/analyzers/sources/chunks.js';

test('yields the very chunks the stream emitted, even when many are buffered', async () => {
  const parts = Array.from({ length: 100 }, (_, i) => Buffer.alloc(1000, i));
  const stream = new PassThrough();
  for (const p of parts) stream.write(p); // all buffered before reading starts
  stream.end();
  const got: Buffer[] = [];
  for await (const c of chunksOf(stream)) got.push(c);
  expect(got).toHaveLength(100);
  expect(got.map((c) => c.buffer)).toEqual(parts.map((p) => p.buffer)); // the same memory: no copies
  expect(got.every((c, i) => c.buffer === parts[i]?.buffer)).toBe(true);
});

test('pauses a fast producer and resumes it as chunks are taken (backpressure)', async () => {
  let produced = 0;
  const stream = new Readable({
    highWaterMark: 1,
    read() {
      produced++;
      this.push(produced <= 500 ? Buffer.alloc(10) : null);
    },
  });
  const iterator = chunksOf(stream);
  await iterator.next();
  await new Promise((r) => setTimeout(r, 20));
  expect(produced).toBeLessThan(100); // not drained into memory while nobody reads
  let n = 1;
  for await (const _ of iterator) n++;
  expect(n).toBe(500);
});

test('a stream error reaches the reader', async () => {
  const stream = new PassThrough();
  stream.write(Buffer.from('abc'));
  setTimeout(() => stream.destroy(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })), 5);
  const read = async () => {
    for await (const _ of chunksOf(stream));
  };
  await expect(read()).rejects.toMatchObject({ code: 'ECONNRESET' });
});

test('a reader that stops early destroys the stream', async () => {
  const stream = new PassThrough();
  stream.write(Buffer.from('abc'));
  for await (const _ of chunksOf(stream)) break;
  expect(stream.destroyed).toBe(true);
});
