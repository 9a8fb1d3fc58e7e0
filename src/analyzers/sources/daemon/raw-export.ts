// The Engine API over a unix socket or plain-HTTP tcp endpoint, read with rawRequest (reused
// buffers; TLS endpoints: tls-get.ts). Failures are shaped like dockerode's errors (which
// errors.ts was written for): statusCode, json, reason.
import { type RawTarget, rawRequest } from '../http/raw-request.js';
import type { DaemonEndpoint } from './endpoint.js';

const MAX_ERROR_BODY = 64 * 1024;
const MAX_JSON = 16 * 1024 * 1024;

/** What a failed request throws: statusCode and the daemon's JSON message, as errors.ts reads them. */
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

function targetOf(ep: DaemonEndpoint): { target: RawTarget; host: string } {
  if (ep.options.socketPath) return { target: { socketPath: ep.options.socketPath }, host: 'docker' };
  const port = Number(ep.options.port ?? 2375);
  return { target: { host: ep.options.host as string, port }, host: `${ep.options.host}:${port}` };
}

/**
 * GET `path` and return its body's chunks once the daemon answered 200 (each valid until the next
 * is asked for); any other status throws a DaemonHttpError with the daemon's message.
 */
export async function rawGet(ep: DaemonEndpoint, path: string, timeoutMs: number): Promise<AsyncGenerator<Buffer>> {
  const { target, host } = targetOf(ep);
  // the export is a layer-sized stream (a minimum rate); the rest are small JSON replies (a deadline)
  const res = await rawRequest(target, path, {
    host,
    name: 'the daemon',
    timeoutMs,
    body: /\/get$/.test(path) ? 'blob' : 'metadata',
  });
  if (res.status === 200) return res.body;
  throw await errorOf(res.status, res.body);
}

/** A JSON body (an inspect or version reply), read whole. */
export async function readJson(body: AsyncIterable<Buffer>, path: string): Promise<unknown> {
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

/** Up to MAX_ERROR_BODY bytes of a failed request's body, as the error it throws. */
export async function errorOf(status: number, body: AsyncIterable<Buffer>): Promise<DaemonHttpError> {
  const parts: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of body) {
      parts.push(Buffer.from(chunk));
      bytes += chunk.length;
      if (bytes >= MAX_ERROR_BODY) break;
    }
  } catch {
    // keep what came
  }
  return httpError(status, Buffer.concat(parts));
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
