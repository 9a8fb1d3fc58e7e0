// A plain-HTTP GET read straight off its socket into a few reused buffers (net's `onread`): for
// layer-sized bodies from a daemon's socket or a registry that speaks plain HTTP (loopback or
// --insecure). Node's HTTP client allocated a buffer per 64 KiB read; this reads 560 MB with a
// third less CPU. The body's chunks are views of those buffers, valid until the next one is
// asked for: the consumer copies what it keeps. Reading pauses while every buffer holds unread
// bytes, so backpressure reaches the server and memory stays at POOL x BUFFER.
import { connect, type Socket } from 'node:net';
import { HttpFormatError, HttpResponseParser, type ResponseHead } from './response-parser.js';
import { type BodyKind, watchExchange } from './watchdog.js';

const BUFFER = 512 * 1024;
const POOL = 8;

/** Where to connect: a unix socket, or host and port. */
export type RawTarget = { socketPath: string } | { host: string; port: number };

export interface RawRequestOptions {
  /** the Host header */
  host: string;
  /** the server as errors name it (default: host) */
  name?: string;
  headers?: Record<string, string>;
  /** --timeout: the unit of every bound on the exchange (watchdog.ts) */
  timeoutMs: number;
  /** what the body is, which decides its bound: a whole-body deadline, or a minimum rate */
  body: BodyKind;
  signal?: AbortSignal;
}

export interface RawResponse extends ResponseHead {
  /** the body; returning it early (or a failure) closes the connection */
  body: AsyncGenerator<Buffer>;
  /** close the connection without reading the body (a generator never started runs no finally) */
  destroy(): void;
}

interface Slice {
  bytes: Buffer;
  owner: Buffer;
}

/** GET `path` and resolve once the status and headers are in (any status). */
export async function rawRequest(target: RawTarget, path: string, opts: RawRequestOptions): Promise<RawResponse> {
  const free: Buffer[] = Array.from({ length: POOL }, () => Buffer.allocUnsafeSlow(BUFFER));
  const refs = new Map<Buffer, number>();
  const queue: Slice[] = [];
  let head: ResponseHead | undefined;
  let failure: Error | undefined;
  let ended = false;
  let paused = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const fail = (err: Error) => {
    failure ??= err;
    notify();
  };

  const watchdog = watchExchange({
    timeoutMs: opts.timeoutMs,
    host: opts.name ?? opts.host,
    what: `GET ${path}`,
    body: opts.body,
    fail: (err) => socket.destroy(err),
    behind: () => paused,
  });
  let filling: Buffer | undefined;
  const parser = new HttpResponseParser(
    (h) => {
      head = h;
      watchdog.headersIn();
    },
    (bytes) => {
      const owner = filling as Buffer;
      refs.set(owner, (refs.get(owner) ?? 0) + 1);
      queue.push({ bytes, owner });
    },
  );
  const release = (owner: Buffer) => {
    const n = (refs.get(owner) ?? 1) - 1;
    if (n > 0) {
      refs.set(owner, n);
      return;
    }
    refs.delete(owner);
    free.push(owner);
    if (paused && !ended && !failure) {
      paused = false;
      socket.resume();
    }
  };

  const socket: Socket = connect({
    ...('socketPath' in target ? { path: target.socketPath } : { host: target.host, port: target.port }),
    onread: {
      // called once at connect, then after each read: the buffer the next read fills
      buffer: () => free.pop() ?? Buffer.allocUnsafeSlow(BUFFER),
      callback: (nread: number, buf: Uint8Array) => {
        const owner = buf as Buffer;
        filling = owner;
        watchdog.bytes(nread);
        try {
          parser.write(owner.subarray(0, nread));
        } catch (err) {
          socket.destroy(err instanceof HttpFormatError ? new Error(`the response: ${err.message}`) : (err as Error));
        }
        if (!refs.has(owner)) free.push(owner);
        if (parser.done) ended = true;
        notify();
        // the next read needs a free buffer: pause when this read took the last one
        if (free.length <= 1 && !ended) {
          paused = true; // our consumer is behind, not the server: the watchdog waits
          return false;
        }
        return true;
      },
    },
  });
  const onAbort = () => socket.destroy(Object.assign(new Error('aborted'), { code: 'EABORT' }));
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  socket.on('error', fail);
  socket.on('end', () => {
    try {
      parser.end();
    } catch (err) {
      failure ??= Object.assign(new Error(`the response: ${(err as Error).message}`), { code: 'ECONNRESET' });
    }
    ended = true;
    notify();
  });
  socket.on('close', () => {
    watchdog.stop();
    opts.signal?.removeEventListener('abort', onAbort);
    if (!ended) failure ??= Object.assign(new Error('the connection closed early'), { code: 'ECONNRESET' });
    ended = true;
    notify();
  });
  const headers = Object.entries({ 'user-agent': 'layerlint', ...opts.headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${opts.host}\r\n${headers}Connection: close\r\n\r\n`);

  const waitForData = () => new Promise<void>((resolve) => (wake = resolve));
  try {
    while (!head && !failure && !ended) await waitForData();
    if (failure) throw failure;
    if (!head) throw Object.assign(new Error('the connection closed before the response'), { code: 'ECONNRESET' });
  } catch (err) {
    socket.destroy();
    throw err;
  }

  const body = (async function* (): AsyncGenerator<Buffer> {
    try {
      for (;;) {
        const next = queue.shift();
        if (next) {
          yield next.bytes;
          release(next.owner);
          continue;
        }
        if (failure) throw failure;
        if (ended) return;
        await waitForData();
      }
    } finally {
      socket.destroy();
    }
  })();
  return { ...head, body, destroy: () => socket.destroy() };
}
