import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** when set, talk HTTP over this unix socket instead of TCP */
  socketPath?: string;
  timeoutMs?: number;
  /** https only: PEM text of the CA to trust, and of a client certificate and key */
  tls?: { ca?: string; cert?: string; key?: string };
}

/** One small HTTP or HTTPS request (TCP or unix socket), body read as UTF-8 text. */
export function httpRequest(url: string, opts: HttpOptions = {}): Promise<HttpResponse> {
  const u = new URL(url);
  const https = u.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : request)(
      {
        method: opts.method ?? 'GET',
        headers: opts.headers,
        ...(opts.socketPath !== undefined
          ? { socketPath: opts.socketPath }
          : { host: u.hostname, port: u.port === '' ? (https ? 443 : 80) : Number(u.port) }),
        path: `${u.pathname}${u.search}`,
        timeout: opts.timeoutMs ?? 10_000,
        ...(https ? { ...opts.tls, agent: false } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${opts.timeoutMs ?? 10_000} ms: ${url}`)));
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** GET over a unix socket, e.g. unixGet(sock, '/_ping'). */
export function unixGet(socketPath: string, path: string): Promise<HttpResponse> {
  return httpRequest(`http://localhost${path}`, { socketPath });
}
