// Run by pool-stream.test.ts in a plain node process: exercises WalkPool.walkStream against the
// built worker (dist/), which jest cannot load. Prints one JSON object of findings.
//   node test/analyzers/walk/pool-stream.script.mjs DIST_DIR
import { gzipSync } from 'node:zlib';

/** A walk as text, its entry table as the entries it holds (tables compare by content). */
const walkText = (w) => JSON.stringify({ ...w, entries: [...w.entries] });

const dist = process.argv[2];
const { WalkPool } = await import(`${dist}/analyzers/walk/pool.js`);
const { walkLayerStream } = await import(`${dist}/analyzers/walk/layer-walker.js`);
const { DEFAULT_LIMITS } = await import(`${dist}/analyzers/walk/limits.js`);
const { LayerlintError } = await import(`${dist}/errors.js`);

function header(name, size, type = '0') {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** a tar of `files` files of `size` bytes of seeded content */
function makeTar(files, size) {
  const parts = [];
  let x = 12345;
  for (let i = 0; i < files; i++) {
    parts.push(header(`dir${i % 7}/file-${i}.bin`, size));
    const data = Buffer.alloc(size);
    for (let j = 0; j < size; j++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      data[j] = x >>> 24;
    }
    parts.push(data, Buffer.alloc((512 - (size % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

async function* chunks(bytes, size, hooks = {}) {
  try {
    for (let pos = 0; pos < bytes.length; pos += size) {
      if (hooks.failAt !== undefined && pos >= hooks.failAt) throw new LayerlintError('the source broke off');
      hooks.pulled = pos + size;
      yield bytes.subarray(pos, Math.min(bytes.length, pos + size));
    }
  } finally {
    hooks.closed = true;
  }
}

const out = {};
const limits = DEFAULT_LIMITS;
const tar = makeTar(160, 100_000); // ~16 MiB
const gz = gzipSync(tar, { level: 1 });
const pool = new WalkPool(2);
out.threaded = pool.threaded;

// 1. same walk as in-process, for both an uncompressed and a gzip stream, in small chunks
const local = await walkLayerStream(chunks(tar, 65536), { limits, label: 'local' });
const pooled = await pool.walkStream(chunks(tar, 65536), 'pooled', limits);
out.sameTar = walkText(local) === walkText(pooled);
const localGz = await walkLayerStream(chunks(gz, 65536), { limits, label: 'local' });
const pooledGz = await pool.walkStream(chunks(gz, 7000), 'pooled', limits);
// the blob hashed by the main thread (archive streams): the same digests
const hashedHere = await pool.walkStream(chunks(gz, 65536), 'here', limits, { hashHere: true });
const tarHashedHere = await pool.walkStream(chunks(tar, 65536), 'here', limits, { hashHere: true });
out.sameHashedHere = walkText(hashedHere) === walkText(localGz) && walkText(tarHashedHere) === walkText(local);
out.sameGz = walkText(localGz) === walkText(pooledGz);
out.diffIdOfTarEqualsBlob = pooled.diffId === pooled.blobDigest && pooledGz.diffId === pooled.diffId;

// 2. flow control: with a 2 MiB window, writes wait once 2 MiB are in flight, and resume as the
// worker takes them; nothing is lost
{
  const job = pool.openStream('window', limits, { window: 2 * 1024 * 1024, hashHere: true });
  let written = 0;
  let firstWaitAt = -1;
  let waits = 0;
  for (let pos = 0; pos < tar.length; pos += 65536) {
    const chunk = tar.subarray(pos, pos + 65536);
    const wait = job.write(chunk);
    written += chunk.length;
    if (wait) {
      if (firstWaitAt < 0) firstWaitAt = written;
      waits++;
      await wait;
    }
  }
  job.end();
  const walk = await job.result;
  out.firstWaitAt = firstWaitAt;
  out.waits = waits;
  out.windowWalkSame = walkText(walk) === walkText(local);
}

// 4. a source that fails: the walk rejects with the source's LayerlintError, unchanged
{
  const hooks = { failAt: 4 * 1024 * 1024 };
  try {
    await pool.walkStream(chunks(gz, 65536, hooks), 'failing', limits);
    out.sourceFailure = 'resolved';
  } catch (err) {
    out.sourceFailure = `${err.name}: ${err.message}`;
  }
}

// 3. a walk that fails (corrupt gzip) rejects with a LayerlintError naming the layer, and stops
// reading its source (the iterator is returned): the source below would go on for 1 GiB, but the
// worker stops taking bytes at the corruption, so the window (8 MiB) stops the reads soon after
{
  const bad = Buffer.from(gz);
  bad.fill(0xff, 10, 40); // the first deflate block header: invalid at once
  const hooks = {};
  async function* endless() {
    try {
      hooks.pulled = 0;
      for (;;) {
        if (hooks.pulled >= 1024 ** 3) return;
        const at = hooks.pulled % bad.length;
        const chunk = bad.subarray(at, at + 65536);
        hooks.pulled += chunk.length;
        yield chunk;
      }
    } finally {
      hooks.closed = true;
    }
  }
  try {
    await pool.walkStream(endless(), 'layer 9', limits);
    out.walkFailure = 'resolved';
  } catch (err) {
    out.walkFailure = `${err.name}: ${err.message}`;
  }
  out.sourceClosed = hooks.closed === true;
  out.pulledAfterFailure = hooks.pulled;
}

// 6. the workers are reusable after those failures, and many streams at once share them
{
  const walks = await Promise.all(
    [0, 1, 2, 3, 4].map((i) => pool.walkStream(chunks(i % 2 ? gz : tar, 100_000), `many ${i}`, limits)),
  );
  out.afterFailures = walks.every((w) => w.diffId === local.diffId && w.entries.length === local.entries.length);
}

// 7. bytes in memory, and a pool without workers gives the same walk
{
  out.bytesSame = walkText(await pool.walkBytes(gz, 'bytes', limits)) === walkText(localGz);
  const none = new WalkPool(0);
  out.noWorkersThreaded = none.threaded;
  out.noWorkersSame = walkText(await none.walkStream(chunks(gz, 65536), 'x', limits)) === walkText(localGz);
}

// 8. close() rejects a walk in progress instead of leaving it hanging
{
  const job = pool.openStream('closing', limits);
  void job.write(tar.subarray(0, 1024 * 1024));
  const closing = pool.close();
  try {
    await job.result;
    out.closeRejects = 'resolved';
  } catch (err) {
    out.closeRejects = err.message;
  }
  await closing;
}

process.stdout.write(`${JSON.stringify(out)}\n`);
