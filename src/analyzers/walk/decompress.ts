import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { ZstdGuard } from './zstd-guard.js';

export function gunzipStream(): Transform {
  return createGunzip({ chunkSize: 256 * 1024 });
}

/** Streaming zstd decoder (Node 20 has none built in) with the window guard in front. */
export class ZstdDecompressStream extends Transform {
  private readonly guard: ZstdGuard;
  private readonly decoder: Decompress;
  private pending: Uint8Array[] = [];

  constructor(maxWindow: number) {
    super();
    this.guard = new ZstdGuard(maxWindow);
    this.decoder = new Decompress((data) => {
      if (data.length) this.pending.push(data);
    });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.guard.check(chunk);
      this.decoder.push(chunk);
      this.flushPending();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      this.flushPending();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private flushPending(): void {
    // copy: the decoder may reuse its window buffer for the next block
    for (const data of this.pending) this.push(Buffer.from(data));
    this.pending = [];
  }
}
