// One HTTP exchange with a registry: node:http/https (no dependency; https lets --insecure accept
// a self-signed certificate per request), redirects followed by hand so that the registry's
// Authorization header is never sent to another host, and an idle timeout on every socket.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { SecureContext } from 'node:tls';
import { requireLater } from '../../../require-later.js';
import { type BodyKind, watchRequest } from '../http/watchdog.js';
import type { RegistryTls } from './cert-dir.js';

export interface Transport {
  http: HttpAgent;
  /** created on first use: node:https and node:tls load only for a registry that speaks TLS */
  readonly https: HttpsAgent;
  close(): void;
  /** where the https agent's extra CAs and client certificate came from, if anywhere */
  tls?: RegistryTls;
  insecure: boolean;
  /** idle timeout: no byte for this long fails the exchange */
  timeoutMs: number;
  signal: AbortSignal;
}

export function createTransport(opts: {
  insecure: boolean;
  /** CAs and client certificate from a certs.d directory (cert-dir.ts) */
  tls?: RegistryTls;
  timeoutMs: number;
  sockets: number;
  signal: AbortSignal;
}): Transport {
  const { tls } = opts;
  let https: HttpsAgent | undefined;
  return {
    http: new HttpAgent({ keepAlive: true, maxSockets: opts.sockets }),
    get https() {
      if (!https) {
        const secureContext = tls && secureContextFor(tls);
        https = new (nodeHttps().Agent)({
          keepAlive: true,
          maxSockets: opts.sockets,
          rejectUnauthorized: !opts.insecure,
          ...(secureContext ? { secureContext } : {}),
        });
      }
      return https;
    },
    close() {
      this.http.destroy();
      https?.destroy();
    },
    tls,
    insecure: opts.insecure,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
  };
}

/**
 * The CAs Node trusts without being told: its bundled roots, and NODE_EXTRA_CA_CERTS, which Node
 * read when it started (an unreadable file is Node's own warning, not ours).
 */
const nodeHttps = () => requireLater('node:https') as typeof import('node:https');
const nodeTls = () => requireLater('node:tls') as typeof import('node:tls');

function usualCas(): string[] {
  const { rootCertificates } = nodeTls();
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  if (!extra) return [...rootCertificates];
  try {
    return [...rootCertificates, readFileSync(extra, 'utf8')];
  } catch {
    return [...rootCertificates];
  }
}

const contexts = new Map<string, SecureContext>();

/**
 * One TLS context per set of certs.d files in this thread (a worker downloads several blobs):
 * Node's `ca` replaces its usual CAs, so they are parsed again with the added ones, ~25 ms.
 */
function secureContextFor(tls: RegistryTls): SecureContext | undefined {
  if (!tls.ca && !tls.cert) return undefined;
  const id = createHash('sha256')
    .update(JSON.stringify([tls.ca, tls.cert, tls.key]))
    .digest('hex');
  let context = contexts.get(id);
  if (!context) {
    context = nodeTls().createSecureContext({
      ca: tls.ca ? [...usualCas(), ...tls.ca] : undefined,
      cert: tls.cert,
      key: tls.key,
    });
    contexts.set(id, context);
  }
  return context;
}

export function closeTransport(t: Transport): void {
  t.close();
}

export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface Exchange {
  res: IncomingMessage;
  /** the URL that finally answered (after redirects) */
  url: URL;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GET (or HEAD) `url`, following up to 5 redirects; `auth` goes only to the first URL's origin. */
export async function exchange(
  t: Transport,
  url: URL,
  headers: Record<string, string>,
  auth: string | undefined,
  method = 'GET',
  body?: string,
): Promise<Exchange> {
  let current = url;
  // a blob keeps its bound (a minimum rate) when redirected to storage under another path
  const kind: BodyKind = /\/blobs\//.test(url.pathname) ? 'blob' : 'metadata';
  for (let hop = 0; hop <= 5; hop++) {
    const sameOrigin = current.origin === url.origin;
    const h = { ...headers, ...(auth && sameOrigin ? { authorization: auth } : {}) };
    const res = await once(t, current, h, hop === 0 ? method : 'GET', kind, hop === 0 ? body : undefined);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.statusCode ?? 0) || !location) return { res, url: current };
    res.destroy(); // a redirect's body is not read: its socket must not stay open
    const next = new URL(location, current);
    if (next.protocol === 'http:' && current.protocol === 'https:' && !t.insecure) {
      throw new TransportError(
        `${url.host} redirected a download from https to plain http (${next.host}); refusing without --insecure`,
        'EDOWNGRADE',
        false,
      );
    }
    current = next;
  }
  throw new TransportError(`${url.host}: too many redirects`, 'EREDIRECT', false);
}

function once(
  t: Transport,
  url: URL,
  headers: Record<string, string>,
  method: string,
  kind: BodyKind,
  body?: string,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (t.signal.aborted) return reject(new TransportError('aborted', 'EABORT', false));
    const isHttps = url.protocol === 'https:';
    const req = (isHttps ? nodeHttps().request : httpRequest)(url, {
      method,
      headers: { 'user-agent': 'layerlint', ...headers },
      agent: isHttps ? t.https : t.http,
      rejectUnauthorized: !t.insecure,
    } as Parameters<typeof httpRequest>[1]);
    const onAbort = () => req.destroy(new TransportError('aborted', 'EABORT', false));
    t.signal.addEventListener('abort', onAbort, { once: true });
    watchRequest(req, { timeoutMs: t.timeoutMs, host: url.host, what: `${method} ${url.pathname}`, body: kind });
    req.on('response', (res) => {
      res.on('close', () => t.signal.removeEventListener('abort', onAbort));
      resolve(res);
    });
    req.on('error', (err) => {
      t.signal.removeEventListener('abort', onAbort);
      reject(err);
    });
    req.end(body);
  });
}

/** Read a whole (small) body, refusing more than `max` bytes. */
export async function readBody(res: IncomingMessage, max: number, what: string): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    res.destroy();
    throw new TransportError(`${what} is ${declared} bytes, more than the ${max} allowed`, 'ETOOBIG', false);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res) {
    total += (chunk as Buffer).length;
    if (total > max) {
      res.destroy();
      throw new TransportError(`${what} is more than the ${max} bytes allowed`, 'ETOOBIG', false);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * TLS failed in a way that says "this server speaks plain HTTP": its answer to our ClientHello is
 * not a TLS record. A TLS alert (bad certificate, unknown CA, certificate required: the server
 * speaks TLS and refused us) is not that, even though it also comes as EPROTO.
 */
export function isTlsMismatch(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    e?.code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' ||
    /wrong version number|packet length too long/i.test(e?.message ?? '')
  );
}
