// Streamed walks (WalkPool.walkStream): the flow-control pieces as pure logic here, and the real
// worker threads through pool-stream.script.mjs run by plain node against dist/ (jest runs the
// TypeScript sources, where the pool has no workers and walks in-process).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Batcher, ByteWindow, ChunkQueue } from '../../../src/analyzers/walk/flow.js';
import { ensureBuilt, REPO } from '../../cli/run-cli.js';

describe('ByteWindow', () => {
  it('makes the producer wait at the limit and wakes it when the consumer takes bytes', async () => {
    const w = new ByteWindow(100);
    w.add(60);
    expect(w.wait()).toBeUndefined();
    w.add(40);
    const wait = w.wait();
    expect(wait).toBeInstanceOf(Promise);
    let woke = false;
    void wait!.then(() => {
      woke = true;
    });
    w.release(0);
    await Promise.resolve();
    expect(woke).toBe(false);
    w.release(1);
    await Promise.resolve();
    expect(woke).toBe(true);
    expect(w.bytes).toBe(99);
  });

  it('close wakes every waiter and never makes anyone wait again', async () => {
    const w = new ByteWindow(10);
    w.add(50);
    const waits = [w.wait(), w.wait()];
    w.close();
    await Promise.all(waits);
    w.add(1000);
    expect(w.wait()).toBeUndefined();
  });
});

describe('ChunkQueue', () => {
  const b = (s: string) => Buffer.from(s);

  it('hands chunks over in order, acking each as it is taken, then ends', async () => {
    const taken: number[] = [];
    const q = new ChunkQueue((n) => taken.push(n));
    q.push(b('ab'));
    q.push(b('cde'));
    expect(taken).toEqual([]); // queued is not consumed
    const pending = q.next(); // already there
    expect((await pending).value?.toString()).toBe('ab');
    expect(taken).toEqual([2]);
    const later = q.next();
    const waiting = q.next(); // waits for a push
    q.push(b('f'));
    q.end();
    expect((await later).value?.toString()).toBe('cde');
    expect((await waiting).value?.toString()).toBe('f');
    expect((await q.next()).done).toBe(true);
    expect(taken).toEqual([2, 3, 1]);
  });

  it('fail rejects the waiting reader and drops what is queued', async () => {
    const q = new ChunkQueue();
    q.push(b('x'));
    await q.next();
    const waiting = q.next();
    q.fail(new Error('source broke'));
    await expect(waiting).rejects.toThrow('source broke');
    q.push(b('late'));
    await expect(q.next()).rejects.toThrow('source broke');
  });

  it('a consumer that returns early takes nothing more', async () => {
    const taken: number[] = [];
    const q = new ChunkQueue((n) => taken.push(n));
    q.push(b('abc'));
    await q.return();
    q.push(b('def'));
    expect((await q.next()).done).toBe(true);
    expect(taken).toEqual([]);
  });

  it('feeds an async iteration', async () => {
    const q = new ChunkQueue();
    setTimeout(() => {
      q.push(b('1'));
      q.push(b('2'));
      q.end();
    }, 1);
    const seen: string[] = [];
    for await (const c of q) seen.push(c.toString());
    expect(seen).toEqual(['1', '2']);
  });
});

describe('Batcher', () => {
  it('copies chunks into whole, unshared ArrayBuffers of the batch size, then a partial one on flush', () => {
    const out: { data: ArrayBuffer; length: number }[] = [];
    const batcher = new Batcher((data, length) => out.push({ data, length }), 8);
    const slab = Buffer.from('0123456789abcdefghij'); // a view into a shared slab
    batcher.push(slab.subarray(0, 3));
    batcher.push(slab.subarray(3, 13)); // crosses a batch boundary
    expect(out.map((o) => o.length)).toEqual([8]);
    batcher.push(slab.subarray(13, 20));
    batcher.flush();
    batcher.flush(); // nothing left: no empty message
    expect(out.map((o) => o.length)).toEqual([8, 8, 4]);
    expect(out.every((o) => o.data.byteLength === 8 && o.data !== slab.buffer)).toBe(true);
    expect(Buffer.concat(out.map((o) => Buffer.from(o.data, 0, o.length))).toString()).toBe(slab.toString());
  });
});

describe('WalkPool.walkStream in worker threads (built dist/)', () => {
  it('walks like the in-process walker, with bounded windows, clean failures and reusable workers', async () => {
    await ensureBuilt();
    const script = join(REPO, 'test/analyzers/walk/pool-stream.script.mjs');
    const run = spawnSync(process.execPath, [script, join(REPO, 'dist')], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({
      threaded: true,
      sameTar: true,
      sameGz: true,
      sameHashedHere: true,
      diffIdOfTarEqualsBlob: true,
      // a 2 MiB window: the first write that has to wait is the one that fills it
      firstWaitAt: 2 * 1024 * 1024,
      windowWalkSame: true,
      // the source's own error, unchanged
      sourceFailure: 'LayerlintError: the source broke off',
      walkFailure: 'LayerlintError: layer 9: gzip data is corrupt (invalid block type)',
      sourceClosed: true,
      afterFailures: true,
      bytesSame: true,
      noWorkersThreaded: false,
      noWorkersSame: true,
      closeRejects: 'the layer walker pool was closed',
    });
    expect(out.waits).toBeGreaterThan(1);
    // the source would go on for 1 GiB; the reads stop within the 8 MiB window (+ a batch) of
    // where the worker stopped taking bytes
    expect(out.pulledAfterFailure).toBeLessThan(16 * 1024 * 1024);
  });
});
