// The Engine API over TLS (tcp:// with DOCKER_TLS_VERIFY, port 2376 or https://): node:https with
// the endpoint's CA and client certificate, nothing else. dockerode did this before: loading it
// cost ~160 ms, and its constructor read DOCKER_HOST and DOCKER_CERT_PATH from the process
// environment on its own, throwing when cert.pem was absent (which docker accepts).
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import { watchRequest } from '../http/watchdog.js';
import type { DaemonEndpoint } from './endpoint.js';
import { errorOf } from './raw-export.js';

/** GET `path`; resolves with the response once the daemon answered 200, else a DaemonHttpError. */
export function tlsGet(ep: DaemonEndpoint, path: string, timeoutMs: number): Promise<IncomingMessage> {
  const o = ep.options;
  return new Promise((resolve, reject) => {
    const req = request({
      host: o.host,
      port: Number(o.port ?? 2376),
      path,
      method: 'GET',
      ca: o.ca,
      cert: o.cert,
      key: o.key,
      agent: false,
    });
    watchRequest(req, {
      timeoutMs,
      host: 'the daemon',
      what: `GET ${path}`,
      body: /\/get$/.test(path) ? 'blob' : 'metadata',
    });
    req.on('error', reject);
    req.on('response', (res) => {
      if (res.statusCode === 200) resolve(res);
      else errorOf(res.statusCode ?? 0, res).then(reject, reject);
    });
    req.end();
  });
}
