// Walks one layer blob in a single streaming pass:
// blob bytes -> sha256 (blob digest) -> sniff -> decompress -> sha256 (diffID) -> tar parse -> entries.
import { createHash } from 'node:crypto';
import { Readable, type Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { LayerlintError } from '../../errors.js';
import type { LayerWalk } from '../../model/types.js';
import { TarFormatError } from '../tar/header.js';
import { TarParser } from '../tar/parser.js';
import { gunzipStream, ZstdDecompressStream } from './decompress.js';
import { EntryLimitError, EntryRecorder } from './entry-recorder.js';
import type { Limits } from './limits.js';
import { sniffCompression } from './sniff.js';
import { ZstdWindowError } from './zstd-guard.js';

export interface WalkOptions {
  limits: Limits;
  /** how errors name this layer, e.g. "layer 3 (sha256:ab12…)" */
  label: string;
  /**
   * The caller hashes the blob bytes itself (the pool's main thread, which sees them anyway):
   * the walk leaves blobDigest empty, and diffId too when the blob is uncompressed (the same
   * bytes); the caller fills them in.
   */
  blobHashedByCaller?: boolean;
}

class LimitError extends Error {}

/** Walk a layer blob given as a stream of its stored (possibly compressed) bytes. */
export async function walkLayerStream(source: AsyncIterable<Buffer>, opts: WalkOptions): Promise<LayerWalk> {
  const blobHash = createHash('sha256');
  const diffHash = createHash('sha256');
  let blobSize = 0;
  let tarSize = 0;
  const recorder = new EntryRecorder(opts.limits.maxLayerEntries, opts.label);
  const parser = new TarParser(recorder);

  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head: Buffer = first.done ? Buffer.alloc(0) : first.value;
  const compression = sniffCompression(head);
  if (compression === 'bzip2' || compression === 'xz') {
    throw new LayerlintError(`${opts.label} is ${compression}-compressed, which no image format allows`);
  }

  // an uncompressed blob is its own tar: one hash gives both the blob digest and the diffID
  const sameBytes = compression === 'none';
  const hashBlob = opts.blobHashedByCaller !== true;
  // gzip inflates in the libuv pool one output chunk at a time, and zlib asks for the next chunk
  // only after the previous one has been handed on: processing it right there (synchronously)
  // leaves the pool idle meanwhile. Processing it on the next tick lets the next inflate run
  // while this thread parses and hashes.
  const defer = compression === 'gzip';

  async function* blobChunks(): AsyncGenerator<Buffer> {
    if (!first.done) {
      blobSize += head.length;
      if (hashBlob) blobHash.update(head);
      yield head;
    }
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      blobSize += next.value.length;
      if (hashBlob) blobHash.update(next.value);
      yield next.value;
    }
  }

  const maxBytes = opts.limits.maxLayerBytes;
  const take = (chunk: Buffer, done: (err?: Error | null) => void): void => {
    try {
      tarSize += chunk.length;
      if (tarSize > maxBytes) {
        throw new LimitError(`${opts.label} expands past ${maxBytes} bytes (raise --max-layer-bytes)`);
      }
      if (!sameBytes) diffHash.update(chunk);
      parser.write(chunk);
      done();
    } catch (err) {
      done(err as Error);
    }
  };
  const sink = new Writable({
    highWaterMark: 1024 * 1024,
    write: defer
      ? (chunk: Buffer, _enc, done) => process.nextTick(take, chunk, done)
      : (chunk: Buffer, _enc, done) => take(chunk, done),
  });

  const stages: (NodeJS.ReadableStream | NodeJS.WritableStream | Transform)[] = [
    Readable.from(blobChunks(), { objectMode: false }),
  ];
  if (compression === 'gzip') stages.push(gunzipStream());
  if (compression === 'zstd') stages.push(new ZstdDecompressStream(opts.limits.maxZstdWindow));
  stages.push(sink);

  try {
    await pipeline(stages as unknown as [NodeJS.ReadableStream, NodeJS.WritableStream]);
    parser.end();
  } catch (err) {
    throw describeWalkError(err, compression, opts.label);
  }

  const blobDigest = hashBlob ? `sha256:${blobHash.digest('hex')}` : '';
  return {
    diffId: sameBytes ? blobDigest : `sha256:${diffHash.digest('hex')}`,
    tarSize,
    size: recorder.size,
    compression,
    blobDigest,
    blobSize,
    entries: recorder.entries,
  };
}

export function describeWalkError(err: unknown, compression: string, label: string): Error {
  if (err instanceof LayerlintError) return err;
  if (err instanceof LimitError || err instanceof EntryLimitError) return new LayerlintError(err.message);
  if (err instanceof ZstdWindowError) return new LayerlintError(`${label}: ${err.message}`);
  if (err instanceof TarFormatError) return new LayerlintError(`${label}: ${err.message}`);
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && e.code.startsWith('Z_')) {
    const what = e.code === 'Z_BUF_ERROR' ? 'is truncated' : `is corrupt (${e.message})`;
    return new LayerlintError(`${label}: gzip data ${what}`);
  }
  if (compression === 'zstd' && e && typeof (e as { code?: unknown }).code === 'number') {
    return new LayerlintError(`${label}: zstd data is corrupt or truncated (${e.message})`);
  }
  if (e && (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR')) {
    return new LayerlintError(`${label}: ${e.message}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}
