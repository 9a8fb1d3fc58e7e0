// The daemon's export read straight off its socket (raw-export.ts), against a local HTTP server
// standing in where the real daemons cannot be made to misbehave or be watched from the inside:
// exact bytes under backpressure, how far the server gets ahead of a slow reader, error bodies,
// a cut connection, a stall, and tcp://. The real dockerd and Podman exports go through the same
// code in daemon.test.ts.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { DaemonEndpoint } from '../../src/analyzers/sources/daemon/endpoint.js';
import { canReadRaw, rawGet } from '../../src/analyzers/sources/daemon/raw-export.js';
import { makeTempDir, removeDir } from '../support/index.js';

const MiB = 1024 * 1024;
let dir: string;
beforeAll(() => {
  dir = makeTempDir('rawexport');
});
afterAll(() => removeDir(dir));

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  where: 'unix' | 'tcp' = 'unix',
): Promise<{ ep: DaemonEndpoint; server: Server }> {
  const server = createServer(handler);
  if (where === 'unix') {
    const path = join(dir, `s${Math.random().toString(36).slice(2)}.sock`);
    await new Promise<void>((r) => server.listen(path, r));
    return { server, ep: { url: `unix://${path}`, from: 'test', options: { socketPath: path } } };
  }
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    ep: {
      url: `tcp://127.0.0.1:${port}`,
      from: 'test',
      options: { host: '127.0.0.1', port: String(port), protocol: 'http' },
    },
  };
}

function seededBytes(n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    b[i] = s >>> 24;
  }
  return b;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('a slow reader gets every byte, and the daemon is never more than a few MiB ahead of it', async () => {
  const body = seededBytes(48 * MiB);
  let sent = 0;
  const { server, ep } = await serve(async (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-tar' }); // no length: chunked, as dockerd does
    let size = 1;
    while (sent < body.length) {
      size = (size * 7919) % 65_536 || 1;
      const part = body.subarray(sent, sent + size);
      sent += part.length;
      if (!res.write(part)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  });
  try {
    const hash = createHash('sha256');
    let read = 0;
    let ahead = 0;
    let chunks = 0;
    for await (const chunk of await rawGet(ep, '/images/x/get', 10_000)) {
      hash.update(chunk);
      read += chunk.length;
      ahead = Math.max(ahead, sent - read);
      if (chunks++ % 8 === 0) await new Promise((r) => setTimeout(r, 1)); // slower than the server
    }
    expect(read).toBe(body.length);
    expect(hash.digest('hex')).toBe(sha(body));
    // 8 read buffers of 512 KiB plus socket buffers; a reader without backpressure lets it reach 48 MiB
    expect(ahead).toBeLessThan(8 * MiB);
  } finally {
    server.close();
  }
});

test('Content-Length bodies and plain-HTTP tcp:// endpoints are read raw too', async () => {
  const body = seededBytes(3 * MiB + 17);
  const { server, ep } = await serve((_req, res) => {
    res.writeHead(200, { 'content-length': body.length });
    res.end(body);
  }, 'tcp');
  try {
    expect(canReadRaw(ep)).toBe(true);
    const parts: Buffer[] = [];
    for await (const chunk of await rawGet(ep, '/images/x/get', 10_000)) parts.push(Buffer.from(chunk));
    expect(sha(Buffer.concat(parts))).toBe(sha(body));
  } finally {
    server.close();
  }
  expect(canReadRaw({ url: 'tcp://h:2376', from: 't', options: { host: 'h', port: '2376', protocol: 'https' } })).toBe(
    false,
  );
});

test("an error status throws with the daemon's own message and status", async () => {
  const { server, ep } = await serve((req, res) => {
    expect(req.url).toBe('/images/sha256:abc/get');
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'reference does not exist' }));
  });
  try {
    await expect(rawGet(ep, '/images/sha256:abc/get', 10_000)).rejects.toMatchObject({
      statusCode: 404,
      json: { message: 'reference does not exist' },
    });
  } finally {
    server.close();
  }
});

test('a connection cut inside the body is an error after the bytes that came', async () => {
  const { server, ep } = await serve((_req, res) => {
    res.writeHead(200, { 'content-length': 10 * MiB });
    res.write(seededBytes(MiB), () => res.destroy());
  });
  try {
    let read = 0;
    const reading = (async () => {
      for await (const chunk of await rawGet(ep, '/images/x/get', 10_000)) read += chunk.length;
    })();
    await expect(reading).rejects.toThrow(/cut short|closed early/);
    expect(read).toBe(MiB);
  } finally {
    server.close();
  }
});

test('a daemon that stalls times out; a reader that is slow itself does not', async () => {
  const body = seededBytes(16 * MiB);
  const { server, ep } = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-tar' });
    if (req.url === '/stall') res.write('some bytes, then nothing');
    else res.end(body);
  });
  try {
    const stalled = (async () => {
      for await (const _ of await rawGet(ep, '/stall', 300)) {
        // read what comes
      }
    })();
    await expect(stalled).rejects.toThrow(/sent nothing for 0\.3 s/);

    let read = 0;
    for await (const chunk of await rawGet(ep, '/slow-reader', 300)) {
      if (read === 0) await new Promise((r) => setTimeout(r, 800)); // paused far past the timeout
      read += chunk.length;
    }
    expect(read).toBe(body.length);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
