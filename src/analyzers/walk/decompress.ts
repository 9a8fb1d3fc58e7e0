// Layer decompressors with a synchronous interface: `write` hands every decoded byte to `emit`
// before it returns, so a walk inflates, hashes and parses one chunk in the same thread while it
// is hot in cache, and a worker thread keeps one core busy without handing chunks to zlib's thread
// pool and back. The views given to `emit` are valid only during the call (buffers are reused).

import { Transform, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';
import { requireLater } from '../../require-later.js';
import { ZstdGuard } from './zstd-guard.js';

export type Emit = (out: Buffer) => void;

export interface Decoder {
  write(chunk: Buffer, emit: Emit): void;
  /** End of input: emits what is left; throws when the stream stops early. */
  end(emit: Emit): void;
  /** Frees native memory (also after an error). */
  close(): void;
}

/** Corrupt or truncated compressed data (mapped to one clear line by the walk). */
export class CorruptDataError extends Error {
  constructor(
    message: string,
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

const OUT_CHUNK = 256 * 1024;

export function gunzipDecoder(): Decoder {
  return NodeGunzip.available() ? new NodeGunzip() : portableGunzip();
}

export function zstdDecoder(maxWindow: number): Decoder {
  return guardedZstd(maxWindow);
}

/** The decompressor for a blob's sniffed compression (undefined: the blob is the tar). */
export function decoderFor(compression: 'none' | 'gzip' | 'zstd', maxZstdWindow: number): Decoder | undefined {
  if (compression === 'gzip') return gunzipDecoder();
  if (compression === 'zstd') return zstdDecoder(maxZstdWindow);
  return undefined;
}

// Node's zlib binding has a synchronous streaming call (`writeSync`, what zlib.gunzipSync uses
// one-shot) but no public API for it: reached through the stream's handle, checked at first use.
// Where a Node release changes that shape, portableGunzip (fflate, pure JS, ~2.5x slower) is used.
interface ZlibHandle {
  writeSync(
    flush: number,
    input: Buffer,
    inOff: number,
    inLen: number,
    out: Buffer,
    outOff: number,
    outLen: number,
  ): void;
  onerror: (message: string, errno: number, code?: string) => void;
}
interface ZlibInternals {
  _handle?: ZlibHandle;
  _writeState?: Uint32Array;
}

let nodeGunzipWorks: boolean | undefined;

class NodeGunzip implements Decoder {
  static forcePortable = false;

  static available(): boolean {
    if (NodeGunzip.forcePortable) return false;
    if (nodeGunzipWorks === undefined) {
      try {
        const probe = new NodeGunzip();
        const parts: Buffer[] = [];
        const keep: Emit = (b) => parts.push(Buffer.from(b));
        probe.write(zlib.gzipSync(Buffer.from('layerlint')), keep);
        probe.end(keep);
        probe.close();
        nodeGunzipWorks = Buffer.concat(parts).toString() === 'layerlint';
      } catch {
        nodeGunzipWorks = false;
      }
    }
    return nodeGunzipWorks;
  }

  private readonly stream: zlib.Gunzip;
  private readonly handle: ZlibHandle;
  private readonly state: Uint32Array;
  private readonly out = Buffer.allocUnsafe(OUT_CHUNK);
  private error?: CorruptDataError;

  constructor() {
    this.stream = zlib.createGunzip({ chunkSize: OUT_CHUNK });
    const internals = this.stream as unknown as ZlibInternals;
    if (typeof internals._handle?.writeSync !== 'function' || !ArrayBuffer.isView(internals._writeState)) {
      this.stream.close();
      throw new Error('no synchronous zlib handle');
    }
    this.handle = internals._handle;
    this.state = internals._writeState as Uint32Array; // (instanceof fails across realms, e.g. under jest)
    this.handle.onerror = (message, _errno, code) => {
      this.error = new CorruptDataError(
        code === 'Z_BUF_ERROR' ? 'gzip data is truncated' : `gzip data is corrupt (${message})`,
        code === 'Z_BUF_ERROR',
      );
    };
  }

  write(chunk: Buffer, emit: Emit): void {
    this.run(zlib.constants.Z_NO_FLUSH, chunk, emit);
  }

  end(emit: Emit): void {
    this.run(zlib.constants.Z_FINISH, Buffer.alloc(0), emit);
  }

  close(): void {
    this.stream.close();
  }

  private run(flush: number, input: Buffer, emit: Emit): void {
    let inOff = 0;
    let inLen = input.length;
    for (;;) {
      this.handle.writeSync(flush, input, inOff, inLen, this.out, 0, OUT_CHUNK);
      if (this.error) throw this.error;
      const outLeft = this.state[0] as number;
      const inLeft = this.state[1] as number;
      inOff += inLen - inLeft;
      inLen = inLeft;
      if (outLeft < OUT_CHUNK) emit(this.out.subarray(0, OUT_CHUNK - outLeft));
      if (outLeft !== 0) return; // the output buffer was not filled: all input taken
    }
  }
}

/** True when gzip layers inflate through Node's zlib handle (false: the portable fallback). */
export function fastGunzipAvailable(): boolean {
  return NodeGunzip.available();
}

/** Test hook: use the portable inflater even where Node's handle works. */
export function forcePortableGunzip(on: boolean): void {
  NodeGunzip.forcePortable = on;
}

/** fflate's and fzstd's decoders share one shape: push(chunk, final), output through a callback. */
interface PushInflater {
  push(chunk: Uint8Array, final?: boolean): void;
}

class PushDecoder implements Decoder {
  private emit?: Emit;
  private readonly inflater: PushInflater;

  constructor(
    make: (ondata: (data: Uint8Array) => void) => PushInflater,
    /** the error to throw for what the inflater threw (or undefined to rethrow it as is) */
    private readonly describe: (err: unknown) => Error | undefined,
    /** what is pushed for an input chunk (a check, a copy) */
    private readonly prepare: (chunk: Buffer) => Uint8Array = (chunk) => chunk,
  ) {
    this.inflater = make((data) => {
      if (data.length) this.emit?.(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    });
  }

  write(chunk: Buffer, emit: Emit): void {
    this.push(this.prepare(chunk), false, emit);
  }

  end(emit: Emit): void {
    this.push(new Uint8Array(0), true, emit);
  }

  close(): void {}

  private push(chunk: Uint8Array, final: boolean, emit: Emit): void {
    this.emit = emit;
    try {
      this.inflater.push(chunk, final);
    } catch (err) {
      throw this.describe(err) ?? err;
    } finally {
      this.emit = undefined;
    }
  }
}

// fflate and fzstd (CommonJS builds) load on first use: most runs inflate gzip with Node's zlib
const load = <T>(name: string): T => requireLater(name) as T;

const errorCode = (err: unknown) => (err as { code?: unknown }).code;

/** fflate (pure JS) where Node's zlib handle cannot be used. */
function portableGunzip(): Decoder {
  return new PushDecoder(
    (ondata) => new (load<typeof import('fflate')>('fflate').Gunzip)(ondata),
    (err) =>
      new CorruptDataError(
        errorCode(err) === 0 ? 'gzip data is truncated' : `gzip data is corrupt (${(err as Error).message})`,
        errorCode(err) === 0,
      ),
  );
}

/** fzstd (Node 20 has no zstd) behind the window guard, which refuses frames asking too much memory. */
function guardedZstd(maxWindow: number): Decoder {
  const guard = new ZstdGuard(maxWindow);
  return new PushDecoder(
    (ondata) => new (load<typeof import('fzstd')>('fzstd').Decompress)(ondata),
    (err) =>
      typeof errorCode(err) === 'number'
        ? new CorruptDataError(`zstd data is corrupt or truncated (${(err as Error).message})`, false)
        : undefined,
    (chunk) => {
      guard.check(chunk);
      return new Uint8Array(chunk); // a copy: fzstd keeps input chunks across pushes
    },
  );
}

/** Node's asynchronous gunzip (zlib's thread pool) for a whole archive read once from a stream. */
export function gunzipStream(): Transform {
  return zlib.createGunzip({ chunkSize: OUT_CHUNK });
}

/** A decoder as a stream (an archive compressed as a whole, read once from start to end). */
export class DecodeStream extends Transform {
  private readonly copy: Emit = (out) => this.push(Buffer.from(out));

  constructor(private readonly decoder: Decoder) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.decoder.write(chunk, this.copy);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.end(this.copy);
      done();
    } catch (err) {
      done(err as Error);
    } finally {
      this.decoder.close();
    }
  }

  override _destroy(err: Error | null, done: (err: Error | null) => void): void {
    this.decoder.close();
    done(err);
  }
}
