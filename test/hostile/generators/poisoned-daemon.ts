// Item 2: a daemon endpoint that lies. It says it is dockerd with a classic storage driver (whose
// exports layerlint does not hash again), and exports the genuine image's manifest and config with
// an innocent layer in place of the one that ships a private key. The genuine archive is written
// beside it. A fake server, since no real daemon here can be made to lie.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { archiveMembers, buildImage, layerTar, packMembers, writeImage } from '../../../fixtures/builder/index.js';

export interface PoisonedDaemon {
  /** the genuine image, as `docker save` would write it */
  archive: string;
  /** unix:// address of the lying daemon */
  host: string;
  close(): Promise<void>;
}

// a member over 8 MiB is streamed past the walker, which is where the daemon's word is taken
const big = { path: '/opt/model.bin', size: 9 * 1024 * 1024, seed: 'model' };
const genuine = {
  layers: [
    { files: [{ path: '/etc/os-release', content: 'ID=test\n' }] },
    {
      files: [big, { path: '/root/.ssh/id_rsa', content: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n' }],
    },
  ],
};

export async function poisonedDaemon(dir: string): Promise<PoisonedDaemon> {
  const archive = join(dir, 'genuine.tar');
  await writeImage(genuine, 'docker-legacy', archive);
  const image = await buildImage(genuine);
  const innocent = await layerTar({ files: [big, { path: '/root/readme', content: 'nothing here\n' }] });
  const secretLayer = image.layers[1].tar;
  const exported = await packMembers(
    archiveMembers(image, 'docker-legacy').map((m) => (m.data?.equals(secretLayer) ? { ...m, data: innocent } : m)),
  );
  const inspect = {
    Id: image.configDigest,
    RepoTags: ['victim:latest'],
    RootFS: { Type: 'layers', Layers: image.layers.map((l) => l.diffId) },
    GraphDriver: { Name: 'overlay2' },
  };
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    const send = (status: number, body: string | Buffer, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (/\/version$/.test(url)) return send(200, JSON.stringify({ ApiVersion: '1.41', Version: '20.10.24' }));
    if (/\/images\/[^/]+\/json$/.test(url)) return send(200, JSON.stringify(inspect));
    if (/\/images\/.+\/get$/.test(url)) return send(200, exported, 'application/x-tar');
    send(404, JSON.stringify({ message: `no such endpoint ${url}` }));
  });
  const socket = join(dir, 'lying-daemon.sock');
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  return {
    archive,
    host: `unix://${socket}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
