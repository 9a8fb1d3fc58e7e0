// The daemon source against real dockerd 20.10 and Podman 4.3's Docker-compatible API.
import { chmodSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { getRealImage, type RealImage } from '../../fixtures/real/build.js';
import { CACHE_FORMAT_VERSION } from '../../src/analyzers/sources/cache/encode.js';
import { openLayerCache } from '../../src/analyzers/sources/cache/index.js';
import {
  type DockerdHandle,
  type LoadedPodman,
  loadImageArchive,
  makeTempDir,
  removeDir,
  startDockerd,
  startPodmanWithImage,
} from '../support/index.js';
import { failure, open } from './helpers/open.js';

const SLOW = 20 * 60_000;
const envFor = (host: string) => ({
  ...process.env,
  DOCKER_HOST: host,
  CONTAINER_HOST: '',
  DOCKER_CONFIG: '/nonexistent',
});

describe('daemon source: dockerd 20.10', () => {
  let d: DockerdHandle;
  let img: RealImage;
  let work: string;
  beforeAll(async () => {
    img = await getRealImage('busybox-deleted');
    work = makeTempDir('daemonsrc');
    d = await startDockerd();
    await loadImageArchive(d.socketPath, img.dockerArchive);
  }, SLOW);
  afterAll(async () => {
    await d?.stop();
    removeDir(work);
  }, 120_000);

  test('streams /images/{name}/get into the archive reader: same model as the archive', async () => {
    const fromArchive = await open(img.dockerArchive);
    const model = await open(`docker-daemon:${img.tag}`, { env: envFor(d.dockerHost) });
    expect(model.source).toBe('daemon');
    expect(model.format).toBe('docker-save-legacy');
    expect(model.layers.map((l) => l.diffId)).toEqual(fromArchive.layers.map((l) => l.diffId));
    expect(model.layers.map((l) => l.entries.length)).toEqual(fromArchive.layers.map((l) => l.entries.length));
    expect(model.history).toEqual(fromArchive.history);
    expect(model.repoTags).toContain(img.tag);
  });

  test('--source daemon with --host, and a bare name goes to the daemon first (with a notice)', async () => {
    const env = { ...process.env, DOCKER_HOST: '', CONTAINER_HOST: '' };
    const viaHost = await open(img.tag, { source: 'daemon', host: d.dockerHost, env });
    expect(viaHost.source).toBe('daemon');
    const bare = await open(img.tag, { env: envFor(d.dockerHost) });
    expect(bare.source).toBe('daemon');
    expect(bare.notices[0]).toMatch(/read from the Docker daemon at unix:\/\/.*docker\.sock/);
  });

  test('the cache: a fully cached image is not exported again', async () => {
    const dir = join(work, 'cache');
    const env = envFor(d.dockerHost);
    const cache = openLayerCache({ cacheDir: dir });
    const first = await open(`docker-daemon:${img.tag}`, { env, cache });
    await cache.flush(); // the cache writes in the background: wait for it before reading it back
    const second = await open(`docker-daemon:${img.tag}`, { env, cache: openLayerCache({ cacheDir: dir }) });
    expect(second.format).toBe('daemon-cached');
    expect(second.notices).toContain(
      'the image was not exported from the daemon: its config and every layer were in the layer cache',
    );
    expect(second.layers.map((l) => l.entries)).toEqual(first.layers.map((l) => l.entries));
    expect(second.history).toEqual(first.history);
  });

  test('image not found: suggests docker pull or docker://', async () => {
    const msg = await failure(open('docker-daemon:nope/missing:1', { env: envFor(d.dockerHost) }));
    expect(msg).toMatch(
      /image "nope\/missing:1" not found in the Docker daemon at unix:\/\/.*: pull it first \(docker pull nope\/missing:1\), or read it from a registry with docker:\/\/nope\/missing:1/,
    );
  });
});

describe('daemon source: Podman 4.3 API', () => {
  let p: LoadedPodman;
  let img: RealImage;
  beforeAll(async () => {
    img = await getRealImage('busybox-deleted');
    p = await startPodmanWithImage('busybox-deleted');
  }, SLOW);
  afterAll(async () => {
    await p?.stop();
  }, 120_000);

  test('symlinked layout, application/octet, localhost/ names: via CONTAINER_HOST', async () => {
    const fromArchive = await open(img.dockerArchive);
    const env = { ...process.env, DOCKER_HOST: '', CONTAINER_HOST: p.host };
    const model = await open(`docker-daemon:${p.images[0]}`, { env });
    expect(p.images[0]).toMatch(/^localhost\//);
    expect(model.source).toBe('daemon');
    expect(model.format).toBe('docker-archive-symlinked');
    expect(model.layers.map((l) => l.diffId)).toEqual(fromArchive.layers.map((l) => l.diffId));
    expect(model.layers.map((l) => l.entries.length)).toEqual(fromArchive.layers.map((l) => l.entries.length));
  });

  test('the short name without localhost/ resolves too', async () => {
    const env = { ...process.env, DOCKER_HOST: '', CONTAINER_HOST: p.host };
    const model = await open(`docker-daemon:${img.tag}`, { env });
    expect(model.layers.length).toBeGreaterThan(0);
  });

  test('a partly cached image: cached members are only hashed, the result is the same', async () => {
    const work = makeTempDir('podcache');
    try {
      const env = { ...process.env, DOCKER_HOST: '', CONTAINER_HOST: p.host };
      const cache = openLayerCache({ cacheDir: work });
      const full = await open(`docker-daemon:${p.images[0]}`, { env, cache });
      await cache.flush();
      // forget the config so the export is read again, with every layer cached
      const { readdirSync, rmSync } = await import('node:fs');
      const configs = join(work, `v${CACHE_FORMAT_VERSION}`, 'configs');
      for (const f of readdirSync(configs)) rmSync(join(configs, f));
      const again = await open(`docker-daemon:${p.images[0]}`, { env, cache: openLayerCache({ cacheDir: work }) });
      expect(again.format).toBe('docker-archive-symlinked');
      expect(again.layers.map((l) => l.entries)).toEqual(full.layers.map((l) => l.entries));
    } finally {
      removeDir(work);
    }
  });

  test('image not found (Podman error body {cause,message,response}): one line', async () => {
    const env = { ...process.env, DOCKER_HOST: '', CONTAINER_HOST: p.host };
    expect(await failure(open('docker-daemon:nope/missing:1', { env }))).toMatch(
      /image "nope\/missing:1" not found in the Podman daemon at unix:\/\//,
    );
  });
});

describe('daemon source: errors without a real daemon', () => {
  let work: string;
  beforeAll(() => {
    work = makeTempDir('daemonerr');
  });
  afterAll(() => removeDir(work));

  test('no daemon: names the socket and how to point elsewhere', async () => {
    const sock = join(work, 'absent.sock');
    const msg = await failure(open('docker-daemon:x:1', { env: envFor(`unix://${sock}`) }));
    expect(msg).toBe(
      `no container daemon answers at unix://${sock} (DOCKER_HOST): start it, or point DOCKER_HOST (or CONTAINER_HOST for Podman, or --host) at a running daemon`,
    );
  });

  test('permission denied on the socket', async () => {
    // a real listening socket we may not open: as root, EACCES needs a non-root user, so run the
    // check in a child process as nobody when we are root
    const sock = join(work, 'perm.sock');
    const server = createServer((_, res) => res.end('{}'));
    await new Promise<void>((r) => server.listen(sock, r));
    chmodSync(sock, 0o600);
    try {
      if (process.getuid?.() === 0) {
        const { spawnSync } = await import('node:child_process');
        const script = `const net=require('net');const s=net.connect(${JSON.stringify(sock)});s.on('error',e=>{console.log(e.code);process.exit(0)});s.on('connect',()=>{console.log('OK');process.exit(0)})`;
        const r = spawnSync(process.execPath, ['-e', script], { uid: 65534, gid: 65534, encoding: 'utf8' });
        expect(r.stdout.trim()).toBe('EACCES');
      }
      const { connectError } = await import('../../src/analyzers/sources/daemon/errors.js');
      const err = connectError(Object.assign(new Error('connect EACCES'), { code: 'EACCES' }), {
        url: `unix://${sock}`,
        from: '--host',
        options: {},
      });
      expect(err.message).toBe(
        `permission denied on the daemon socket unix://${sock} (--host): add your user to the docker group, run as root, or use a rootless Podman socket with --host`,
      );
    } finally {
      server.close();
    }
  });

  test('API version too old', async () => {
    const sock = join(work, 'old.sock');
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ApiVersion: '1.12', Version: '1.0.0' }));
    });
    await new Promise<void>((r) => server.listen(sock, r));
    try {
      const msg = await failure(open('docker-daemon:x:1', { env: envFor(`unix://${sock}`) }));
      expect(msg).toMatch(/speaks Engine API 1\.12; layerlint needs 1\.24 or newer/);
    } finally {
      server.close();
    }
  });

  test('a bare name with no daemon goes to the registry and says why', async () => {
    const sock = join(work, 'none.sock');
    const msg = await failure(open('127.0.0.1:9/ns/app:1', { env: envFor(`unix://${sock}`) }));
    expect(msg).toMatch(
      /cannot reach registry 127\.0\.0\.1:9: connection refused \(no daemon answered \(no container daemon answers at unix:\/\/.*none\.sock \(DOCKER_HOST\)\)\)/,
    );
  });
});
