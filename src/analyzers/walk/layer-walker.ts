// Walks one layer blob in a single streaming pass:
// blob bytes -> sha256 (blob digest) -> sniff -> decompress -> sha256 (diffID) -> tar parse -> entries.
// The pass is synchronous per chunk (LayerWalker.write): decoding, hashing and parsing a chunk
// happen together in the calling thread, so a worker thread is one busy core.

import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { LayerlintError } from '../../errors.js';
import type { Compression, LayerWalk } from '../../model/types.js';
import { resolvePendingDatabases } from '../packages/resolve.js';
import { TarFormatError } from '../tar/header.js';
import { TarParser } from '../tar/parser.js';
import { CorruptDataError, type Decoder, decoderFor } from './decompress.js';
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

/** Bytes needed to tell every compression apart (xz has the longest magic). */
const SNIFF_BYTES = 6;

/** One layer walk fed with the blob's bytes in order; `end` returns the walk. Not reusable. */
export class LayerWalker {
  private readonly blobHash = createHash('sha256');
  private readonly diffHash = createHash('sha256');
  private readonly hashBlob: boolean;
  private readonly recorder: EntryRecorder;
  private readonly parser: TarParser;
  private compression?: Compression;
  private decoder?: Decoder;
  private head: Buffer[] = [];
  private headBytes = 0;
  private blobSize = 0;
  private tarSize = 0;
  private readonly takeTar = (tar: Buffer): void => {
    this.tarSize += tar.length;
    if (this.tarSize > this.opts.limits.maxLayerBytes) {
      throw new LimitError(
        `${this.opts.label} expands past ${this.opts.limits.maxLayerBytes} bytes (raise --max-layer-bytes)`,
      );
    }
    if (this.compression !== 'none') this.diffHash.update(tar);
    this.parser.write(tar);
  };

  constructor(private readonly opts: WalkOptions) {
    this.hashBlob = opts.blobHashedByCaller !== true;
    this.recorder = new EntryRecorder(opts.limits.maxLayerEntries, opts.label);
    this.parser = new TarParser(this.recorder);
  }

  /** The next bytes of the blob. The walk keeps no reference to `chunk` once this returns. */
  write(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.guard(() => {
      this.blobSize += chunk.length;
      if (this.hashBlob) this.blobHash.update(chunk);
      if (this.compression === undefined) {
        if (this.headBytes + chunk.length < SNIFF_BYTES) {
          this.head.push(Buffer.from(chunk)); // too short to tell the compression: keep a copy
          this.headBytes += chunk.length;
          return;
        }
        const pending = this.head.length > 0 ? Buffer.concat([...this.head, chunk]) : chunk;
        this.head = [];
        this.start(pending);
        this.decode(pending);
        return;
      }
      this.decode(chunk);
    });
  }

  /** End of the blob: finishes decoding and parsing and returns the walk. */
  end(): LayerWalk {
    return this.guard(() => {
      if (this.compression === undefined) {
        const pending = Buffer.concat(this.head);
        this.head = [];
        this.start(pending);
        this.decode(pending);
      }
      this.decoder?.end(this.takeTar);
      this.decoder?.close();
      this.parser.end();
      const compression = this.compression as Compression;
      const blobDigest = this.hashBlob ? `sha256:${this.blobHash.digest('hex')}` : '';
      return {
        diffId: compression === 'none' ? blobDigest : `sha256:${this.diffHash.digest('hex')}`,
        tarSize: this.tarSize,
        size: this.recorder.size,
        compression,
        blobDigest,
        blobSize: this.blobSize,
        entries: this.recorder.entries,
      };
    });
  }

  /** Stop early (the source failed): frees the decoder. */
  abort(): void {
    this.decoder?.close();
  }

  private start(head: Buffer): void {
    const sniffed = sniffCompression(head);
    if (sniffed === 'bzip2' || sniffed === 'xz') {
      throw new LayerlintError(`${this.opts.label} is ${sniffed}-compressed, which no image format allows`);
    }
    this.compression = sniffed;
    this.decoder = decoderFor(sniffed, this.opts.limits.maxZstdWindow);
  }

  private decode(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.decoder) this.decoder.write(chunk, this.takeTar);
    else this.takeTar(chunk);
  }

  private guard<T>(step: () => T): T {
    try {
      return step();
    } catch (err) {
      this.decoder?.close();
      throw describeWalkError(err, this.opts.label);
    }
  }
}

/** Walk a layer blob given as a stream of its stored (possibly compressed) bytes. */
export async function walkLayerStream(source: AsyncIterable<Buffer>, opts: WalkOptions): Promise<LayerWalk> {
  const walker = new LayerWalker(opts);
  try {
    for await (const chunk of source) walker.write(chunk);
  } catch (err) {
    walker.abort();
    throw describeWalkError(err, opts.label);
  }
  return resolvePendingDatabases(walker.end());
}

/** A layer blob stored in a file: the whole file, or the byte range [start, end). */
export interface FileRange {
  path: string;
  start?: number;
  end?: number;
}

const READ_CHUNK = 1024 * 1024;

/**
 * Walk a layer blob stored in a file. The next chunk is read while this one is walked (two
 * buffers, reused), and every read yields to the event loop, so a worker still answers messages.
 */
export async function walkLayerFile(range: FileRange, opts: WalkOptions): Promise<LayerWalk> {
  const walker = new LayerWalker(opts);
  let file: FileHandle | undefined;
  let next: Promise<Buffer> | undefined;
  try {
    file = await open(range.path, 'r');
    const end = range.end ?? (await file.stat()).size;
    const buffers = [Buffer.allocUnsafe(READ_CHUNK), Buffer.allocUnsafe(READ_CHUNK)];
    let pos = range.start ?? 0;
    const readNext = (buffer: Buffer) => {
      const length = Math.min(READ_CHUNK, end - pos);
      if (length <= 0) return undefined;
      const at = pos;
      pos += length;
      return (file as FileHandle).read(buffer, 0, length, at).then(({ bytesRead }) => {
        if (bytesRead < length) throw new LayerlintError(`${opts.label}: ${range.path} ends before byte ${end}`);
        return buffer.subarray(0, length);
      });
    };
    let turn = 0;
    next = readNext(buffers[turn] as Buffer);
    while (next) {
      const chunk = await next;
      turn ^= 1;
      next = readNext(buffers[turn] as Buffer);
      walker.write(chunk);
    }
  } catch (err) {
    walker.abort();
    await next?.catch(() => {}); // a read still in flight: let it land before the file closes
    throw describeWalkError(err, opts.label);
  } finally {
    await file?.close();
  }
  return resolvePendingDatabases(walker.end());
}

export function describeWalkError(err: unknown, label: string): Error {
  if (err instanceof LayerlintError) return err;
  if (err instanceof LimitError || err instanceof EntryLimitError) return new LayerlintError(err.message);
  if (err instanceof ZstdWindowError || err instanceof TarFormatError || err instanceof CorruptDataError) {
    return new LayerlintError(`${label}: ${err.message}`);
  }
  const e = err as NodeJS.ErrnoException;
  if (e && (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR')) {
    return new LayerlintError(`${label}: ${e.message}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}
