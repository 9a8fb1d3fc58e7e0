// Items 6, 9 and 11 on the wire: a loopback registry (tcp) or Docker daemon (unix socket) that
// serves a small generated image correctly, except for the one exchange a case makes hostile:
// its whole response trickled a byte at a time (headers included), its body trickled after
// prompt headers, a redirect whose body trickles, an oversized token answer, or a manifest naming
// a digest that is a path. A fake, since no real registry or daemon can be made to misbehave so;
// the normal paths are proven against the real docker-registry and dockerd in test/sources/.
import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { buildImage } from '../../../fixtures/builder/index.js';

export type Fault =
  | { kind: 'trickle-all'; match: RegExp }
  | { kind: 'trickle-body'; match: RegExp }
  | { kind: 'redirect-trickle'; match: RegExp }
  | { kind: 'huge-token' }
  | { kind: 'digest-path' };

export interface SlowPeer {
  /** host:port for a registry, or unix:///path for a daemon */
  address: string;
  /** the image's reference: docker://host:port/ns/app:1 or docker-daemon:app:1 */
  ref: string;
  /** requests seen, as "METHOD path" */
  requests: string[];
  close(): Promise<void>;
}

const BYTE_EVERY_MS = 200;

const recipe = {
  layers: [{ files: [{ path: '/etc/hostname', content: 'x\n' }], createdBy: 'COPY hostname /etc/' }],
  config: { User: '1000' },
};

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function head(status: number, headers: Record<string, string>, length?: number): string {
  const lines = [`HTTP/1.1 ${status} X`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (length !== undefined) lines.push(`content-length: ${length}`);
  lines.push('connection: close');
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export async function slowPeer(role: 'registry' | 'daemon', fault: Fault, socketPath?: string): Promise<SlowPeer> {
  const image = await buildImage(recipe, 'gzip');
  const layer = image.layers[0];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: string[] = [];
  let address = '';
  let manifest = image.manifestBytes;
  if (fault.kind === 'digest-path') {
    const doc = JSON.parse(manifest.toString('utf8'));
    doc.layers[0].digest = 'sha256:../../../../v2/_catalog?x=';
    manifest = Buffer.from(JSON.stringify(doc));
  }
  const manifestDigest = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
  const json = (v: unknown): Reply => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(v)),
  });

  const registryRoute = (method: string, path: string, authorized: boolean): Reply => {
    if (path.startsWith('/v2/') && fault.kind === 'huge-token' && !authorized)
      return {
        status: 401,
        headers: { 'www-authenticate': `Bearer realm="http://${address}/token",service="s"` },
        body: Buffer.from('{}'),
      };
    if (path === '/v2/') return json({});
    if (path.startsWith('/token')) return { ...json({}), body: Buffer.from(`{"token":"${'a'.repeat(2 << 20)}"}`) };
    if (/\/manifests\//.test(path))
      return {
        status: 200,
        headers: {
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
          'docker-content-digest': manifestDigest,
        },
        body: method === 'HEAD' ? Buffer.alloc(0) : manifest,
      };
    if (path.endsWith(image.configDigest)) return { status: 200, headers: {}, body: image.configBytes };
    if (path.endsWith(layer.digest) || path.startsWith('/storage/'))
      return { status: 200, headers: {}, body: layer.blob };
    return { status: 404, headers: {}, body: Buffer.from('{"errors":[{"code":"NOT_FOUND"}]}') };
  };
  const daemonRoute = (path: string): Reply => {
    if (path.endsWith('/version')) return json({ ApiVersion: '1.41', Version: '20.10.24' });
    if (/\/images\/[^/]+\/json$/.test(path))
      return json({ Id: image.configDigest, RepoTags: ['app:1'], RootFS: { Layers: [layer.diffId] } });
    if (/\/images\/.+\/get$/.test(path)) return { status: 200, headers: {}, body: Buffer.alloc(0) };
    return { status: 404, headers: {}, body: Buffer.from('{"message":"no such image"}') };
  };

  const trickle = (socket: Socket, bytes: Buffer) => {
    let at = 0;
    const t = setInterval(() => {
      if (socket.destroyed || at >= bytes.length) return clearInterval(t);
      socket.write(bytes.subarray(at, at + 1));
      at++;
    }, BYTE_EVERY_MS);
    timers.add(t);
  };

  const answer = (socket: Socket, method: string, path: string, authorized: boolean) => {
    requests.push(`${method} ${path}`);
    const reply = role === 'registry' ? registryRoute(method, path, authorized) : daemonRoute(path);
    const hit = 'match' in fault && fault.match.test(path);
    // a body long enough to trickle for hours: the server never finishes it
    const endless = Buffer.alloc(1 << 20, 0x61);
    if (hit && fault.kind === 'trickle-all')
      return trickle(
        socket,
        Buffer.concat([Buffer.from(head(reply.status, reply.headers, reply.body.length)), reply.body]),
      );
    if (hit && fault.kind === 'trickle-body') {
      socket.write(head(reply.status, reply.headers, role === 'daemon' ? endless.length : reply.body.length));
      return trickle(socket, role === 'daemon' ? endless : reply.body);
    }
    if (hit && fault.kind === 'redirect-trickle') {
      socket.write(head(307, { location: `/storage${path}` }, endless.length));
      return trickle(socket, endless);
    }
    socket.end(Buffer.concat([Buffer.from(head(reply.status, reply.headers, reply.body.length)), reply.body]));
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let got = '';
    socket.on('data', (d) => {
      if (got.includes('\r\n\r\n')) return;
      got += d.toString('latin1');
      if (!got.includes('\r\n\r\n')) return;
      const [method, path] = got.split(' ');
      answer(socket, method, path.replace(/^\/v1\.\d+/, ''), /\r\nauthorization:/i.test(got));
    });
  });
  if (role === 'daemon') {
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    address = `unix://${socketPath}`;
  } else {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const a = server.address();
    address = `127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  }
  return {
    address,
    ref: role === 'registry' ? `docker://${address}/ns/app:1` : 'docker-daemon:app:1',
    requests,
    close: () => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
