// A fault-injecting HTTP proxy on loopback in front of a real registry. Each request is offered to
// the rules in order; the first that returns a fault applies it, else the request passes through.
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string | Buffer }
  | { kind: 'reset-mid-body' } // forward headers and about half the body, then cut the connection
  | { kind: 'corrupt' } // forward with one byte flipped (same length)
  | { kind: 'stall' } // forward headers and a little of the body, then send nothing more
  | { kind: 'redirect'; to: (url: string) => string }; // 307 to another URL

export interface FaultRule {
  match: (req: IncomingMessage) => boolean;
  /** how many matching requests get the fault (default 1); later ones pass through */
  times?: number;
  fault: Fault;
}

export interface FaultProxy {
  host: string; // 127.0.0.1:PORT
  requests: { method: string; url: string; auth: boolean; range?: string }[];
  setRules(rules: FaultRule[]): void;
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  let rules: (FaultRule & { used: number })[] = [];
  const requests: FaultProxy['requests'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      auth: Boolean(req.headers.authorization),
      range: req.headers.range,
    });
    const rule = rules.find((r) => r.match(req) && r.used < (r.times ?? 1));
    if (rule) rule.used++;
    const fault = rule?.fault;
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(fault.body ?? '{"errors":[{"code":"INJECTED","message":"injected fault"}]}');
      return;
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(307, { location: fault.to(req.url ?? '/') });
      res.end();
      return;
    }
    forward(req, res, target, fault);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    setRules(next) {
      rules = next.map((r) => ({ ...r, used: 0 }));
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

function forward(req: IncomingMessage, res: ServerResponse, target: URL, fault: Fault | undefined): void {
  const up = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: target.host },
      agent: false,
    },
    (upRes) => {
      if (!fault) {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
        return;
      }
      const total = Number(upRes.headers['content-length'] ?? 0);
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      let sent = 0;
      let flipped = false;
      upRes.on('data', (chunk: Buffer) => {
        if (fault.kind === 'corrupt') {
          if (!flipped && chunk.length > 0) {
            chunk = Buffer.from(chunk);
            chunk[chunk.length >> 1] ^= 0xff;
            flipped = true;
          }
          res.write(chunk);
          return;
        }
        const limit = fault.kind === 'stall' ? Math.min(1024, total >> 2) : total >> 1;
        if (sent >= limit) return;
        const part = chunk.subarray(0, limit - sent);
        sent += part.length;
        res.write(part);
        if (sent >= limit) {
          upRes.destroy();
          if (fault.kind === 'reset-mid-body')
            setTimeout(() => res.socket?.resetAndDestroy?.() ?? res.socket?.destroy(), 20);
          // stall: keep the socket open, send nothing more
        }
      });
      upRes.on('end', () => {
        if (fault.kind === 'corrupt') res.end();
      });
    },
  );
  up.on('error', () => res.destroy());
  req.pipe(up);
}
