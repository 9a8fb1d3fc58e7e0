// GET /images/{id}/get read straight off the daemon's socket into a few reused buffers (net's
// `onread`), for a unix socket or plain-HTTP tcp endpoint (TLS endpoints go through dockerode).
// The body's chunks are yielded as views of those buffers: a chunk is valid until the next one
// is asked for, so the consumer must copy what it keeps. Reading pauses while every buffer
// holds unread bytes, so backpressure reaches the daemon and memory stays at POOL x BUFFER.
import { connect, type Socket } from 'node:net';
import type { DaemonEndpoint } from './endpoint.js';
import { HttpFormatError, HttpResponseParser, type ResponseHead } from './http-response.js';

const BUFFER = 512 * 1024;
const POOL = 8;
const MAX_ERROR_BODY = 64 * 1024;

/** What a failed request throws: shaped like dockerode's errors, so errors.ts reads both. */
export class DaemonHttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly json: { message?: string; cause?: string } | null,
    readonly reason: string,
  ) {
    super(`HTTP ${statusCode}: ${json?.message ?? json?.cause ?? reason}`);
  }
}

/** True when the export can be read raw (no TLS: unix socket, or tcp/http without it). */
export function canReadRaw(ep: DaemonEndpoint): boolean {
  return Boolean(ep.options.socketPath) || (ep.options.protocol === 'http' && Boolean(ep.options.host));
}

interface Slice {
  bytes: Buffer;
  owner: Buffer;
}

/**
 * Request `path` with GET and return its body's chunks once the daemon answered 200; any other
 * status throws a DaemonHttpError with the daemon's message. Returning the iterator early (or
 * a failure) closes the connection.
 */
export async function rawGet(ep: DaemonEndpoint, path: string, timeoutMs: number): Promise<AsyncGenerator<Buffer>> {
  const free: Buffer[] = Array.from({ length: POOL }, () => Buffer.allocUnsafeSlow(BUFFER));
  const refs = new Map<Buffer, number>();
  const queue: Slice[] = [];
  let head: ResponseHead | undefined;
  let errorBody: Buffer[] | undefined;
  let errorBytes = 0;
  let failure: Error | undefined;
  let ended = false;
  let paused = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  let filling: Buffer | undefined;
  const parser = new HttpResponseParser(
    (h) => {
      head = h;
      if (h.status !== 200) errorBody = [];
    },
    (bytes) => {
      if (errorBody) {
        if (errorBytes < MAX_ERROR_BODY) errorBody.push(Buffer.from(bytes));
        errorBytes += bytes.length;
        return;
      }
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
      armTimeout(timeoutMs);
      socket.resume();
    }
  };

  const socket: Socket = connect({
    ...(ep.options.socketPath
      ? { path: ep.options.socketPath }
      : { host: ep.options.host as string, port: Number(ep.options.port ?? 2375) }),
    onread: {
      // called once at connect, then after each read: the buffer the next read fills
      buffer: () => free.pop() ?? Buffer.allocUnsafeSlow(BUFFER),
      callback: (nread: number, buf: Uint8Array) => {
        const owner = buf as Buffer;
        filling = owner;
        try {
          parser.write(owner.subarray(0, nread));
        } catch (err) {
          failure ??=
            err instanceof HttpFormatError ? new Error(`the daemon's response: ${err.message}`) : (err as Error);
          socket.destroy();
        }
        if (!refs.has(owner)) free.push(owner);
        if (parser.done) ended = true;
        notify();
        // the next read needs a free buffer: pause when this read took the last one
        if (free.length <= 1 && !ended) {
          paused = true;
          armTimeout(0); // our consumer is behind, not the daemon: no idle timeout while paused
          return false;
        }
        return true;
      },
    },
  });
  const armTimeout = (ms: number) => socket.setTimeout(ms);
  socket.on('timeout', () =>
    socket.destroy(
      Object.assign(new Error(`no data from the daemon for ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' }),
    ),
  );
  armTimeout(timeoutMs);
  socket.on('error', (err) => {
    failure ??= err;
    notify();
  });
  socket.on('end', () => {
    try {
      parser.end();
    } catch (err) {
      failure ??= new Error(`the daemon's response: ${(err as Error).message}`);
    }
    ended = true;
    notify();
  });
  socket.on('close', () => {
    if (!ended) failure ??= new Error('the daemon closed the connection');
    ended = true;
    notify();
  });
  const hostHeader = ep.options.socketPath ? 'docker' : `${ep.options.host}:${ep.options.port ?? 2375}`;
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nUser-Agent: layerlint\r\nConnection: close\r\n\r\n`);

  const waitForData = () => new Promise<void>((resolve) => (wake = resolve));
  try {
    while (!head && !failure && !ended) await waitForData();
    if (failure) throw failure;
    if (!head) throw new Error('the daemon closed the connection before answering');
    if (errorBody) {
      while (!ended && !failure && errorBytes < MAX_ERROR_BODY) await waitForData();
      throw httpError(head.status, Buffer.concat(errorBody));
    }
  } catch (err) {
    socket.destroy();
    throw err;
  }

  return (async function* body(): AsyncGenerator<Buffer> {
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
}

function httpError(status: number, body: Buffer): DaemonHttpError {
  const text = body.toString('utf8').trim();
  try {
    const json = JSON.parse(text) as { message?: string; cause?: string };
    if (json && typeof json === 'object') return new DaemonHttpError(status, json, text);
  } catch {
    // not JSON: keep the text
  }
  return new DaemonHttpError(status, text ? { message: text.slice(0, 200) } : null, text);
}

const MAX_JSON = 16 * 1024 * 1024;

/** GET `path` and parse its JSON body (an inspect or version reply). */
export async function rawJson(ep: DaemonEndpoint, path: string, timeoutMs: number): Promise<unknown> {
  const body = await rawGet(ep, path, timeoutMs);
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (bytes > MAX_JSON) throw new Error(`the daemon's reply to ${path} is over ${MAX_JSON} bytes`);
    parts.push(Buffer.from(chunk));
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    throw new Error(`the daemon's reply to ${path} is not JSON`);
  }
}
