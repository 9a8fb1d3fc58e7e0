import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

// The one place that decides when a registry or daemon is too slow, for all three HTTP stacks
// (raw-request.ts, registry/http.ts, daemon/tls-get.ts). --timeout is the unit of every bound:
//   - idle: no byte for --timeout;
//   - headers: the status line and headers complete within --timeout of the request;
//   - a metadata body (manifest, config, token, index, inspect/version reply): complete within
//     --timeout of its headers;
//   - a blob body (a layer, a daemon's export): at least MIN_BLOB_RATE bytes a second over every
//     --timeout-long window, so that a server sending one byte every half second (never idle) is
//     cut off, while a slow but real link is not.
// Time the consumer spends behind (our side not reading: backpressure) is not held against the
// server. One unref'd timer per exchange: it never keeps the process alive.

export const MIN_BLOB_RATE = 1024;

export type BodyKind = 'metadata' | 'blob';

export interface WatchOptions {
  timeoutMs: number;
  /** the server as named in errors: "registry.example:5000", "the daemon" */
  host: string;
  /** the exchange as named in errors: "GET /v2/x/manifests/1" */
  what: string;
  body: BodyKind;
  /** called once with the error the exchange must fail with (destroy the socket or response with it) */
  fail(err: Error): void;
  /** true while our side is not reading (backpressure): the server is not waited on */
  behind?(): boolean;
}

export interface Watchdog {
  /** bytes arrived from the server */
  bytes(n: number): void;
  /** the headers are complete: the body's bound starts */
  headersIn(): void;
  stop(): void;
}

export class StallError extends Error {
  readonly code = 'ETIMEDOUT';
  /** a stall may be the network's: retried like a timeout */
  readonly retryable = true;
}

export function watchExchange(o: WatchOptions): Watchdog {
  const seconds = `${o.timeoutMs / 1000} s`;
  let phase: 'headers' | BodyKind = 'headers';
  let phaseStart = Date.now();
  let lastByte = phaseStart;
  let windowStart = phaseStart;
  let windowBytes = 0;
  let stopped = false;
  const tick = Math.max(20, Math.min(1000, o.timeoutMs / 4));
  const timer = setInterval(check, tick);
  timer.unref();

  function stop(): void {
    stopped = true;
    clearInterval(timer);
  }
  function fail(message: string): void {
    stop();
    o.fail(new StallError(`${o.host} ${message} (--timeout ${seconds})`));
  }
  function check(): void {
    if (stopped) return;
    const now = Date.now();
    if (o.behind?.()) {
      // waiting on us: every bound restarts when we read again
      lastByte = now;
      windowStart = now;
      windowBytes = 0;
      if (phase !== 'blob') phaseStart = now;
      return;
    }
    const stall = stallAt(now);
    if (stall) fail(stall);
  }
  /** what is wrong at `now`, if anything (and the next rate window started when all is well) */
  function stallAt(now: number): string | undefined {
    if (now - lastByte >= o.timeoutMs) return `sent nothing for ${seconds} during ${o.what}`;
    if (phase === 'headers' && now - phaseStart >= o.timeoutMs)
      return `did not finish the response headers of ${o.what} within ${seconds}`;
    if (phase === 'metadata' && now - phaseStart >= o.timeoutMs)
      return `did not finish the answer to ${o.what} within ${seconds}`;
    if (phase === 'blob' && now - windowStart >= o.timeoutMs) {
      const rate = Math.floor(windowBytes / ((now - windowStart) / 1000));
      if (rate < MIN_BLOB_RATE)
        return `sent ${o.what} at ${rate} bytes/s for ${seconds}, below the ${MIN_BLOB_RATE} bytes/s floor`;
      windowStart = now;
      windowBytes = 0;
    }
    return undefined;
  }
  return {
    bytes(n) {
      lastByte = Date.now();
      windowBytes += n;
    },
    headersIn() {
      phase = o.body;
      phaseStart = Date.now();
      windowStart = phaseStart;
      windowBytes = 0;
    },
    stop,
  };
}

/**
 * The watchdog on a node:http(s) request: bytes counted on its socket, our side behind when Node
 * paused the socket (the response's consumer is not reading), and a stall destroys the response
 * with the error once it has come (else its reader would see only "aborted"), the request before.
 */
export function watchRequest(req: ClientRequest, o: Omit<WatchOptions, 'fail' | 'behind'>): void {
  let res: IncomingMessage | undefined;
  let socket: Socket | undefined;
  const onData = (chunk: Buffer) => dog.bytes(chunk.length);
  const dog = watchExchange({
    ...o,
    fail: (err) => {
      if (res && !res.complete) res.destroy(err);
      req.destroy(err);
    },
    // a body received whole but not read yet waits on us too
    behind: () => socket?.isPaused() === true || res?.complete === true,
  });
  req.on('socket', (s) => {
    socket = s;
    s.on('data', onData);
  });
  req.on('response', (r) => {
    res = r;
    dog.headersIn();
    r.on('close', done);
  });
  req.on('error', done);
  req.on('close', () => {
    if (!res) done();
  });
  function done(): void {
    dog.stop();
    socket?.off('data', onData);
  }
}
