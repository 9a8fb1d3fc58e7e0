// Proves the real-components test infrastructure works against the real programs:
// dockerd 20.10, podman's API service, distribution 2.8 (anonymous, Basic, Bearer with our token
// server), skopeo, and every real fixture image in every export form.
// Run: NODE_OPTIONS=--experimental-vm-modules npx jest test/real
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRealImage, REAL_IMAGE_NAMES, type RealImage, type RealImageName } from '../../fixtures/real/build.js';
import { cached } from '../../fixtures/real/cache.js';
import { type DockerdHandle, startDockerd } from '../support/dockerd.js';
import { httpRequest, unixGet } from '../support/http.js';
import { loadImageArchive } from '../support/load-image.js';
import { type LoadedPodman, startPodmanWithImage } from '../support/podman-loaded.js';
import { type RegistryHandle, startRegistry } from '../support/registry.js';
import { skopeoCopy, skopeoInspect } from '../support/skopeo.js';
import { removeDir } from '../support/tmp.js';

const BUILD_TIMEOUT = 20 * 60_000;
const DAEMON_TIMEOUT = 120_000;

/** base + RUN(create) + RUN(rm) + RUN(chmod) + COPY + COPY */
const BUSYBOX_DELETED_LAYERS = 6;

interface InspectOut {
  Layers: string[];
  LayersData?: Array<{ MIMEType: string }>;
}
interface ConfigOut {
  config?: { User?: string; ExposedPorts?: Record<string, object>; Cmd?: string[] };
  rootfs: { diff_ids: string[] };
  history: Array<{ created_by?: string; empty_layer?: boolean }>;
}
interface ManifestOut {
  mediaType?: string;
  layers: Array<{ mediaType: string; digest: string }>;
}

const basicHeader = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('dockerd 20.10 (startDockerd)', () => {
  let d: DockerdHandle;
  let img: RealImage;
  beforeAll(async () => {
    img = await getRealImage('busybox-deleted');
    d = await startDockerd();
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await d?.stop();
  }, DAEMON_TIMEOUT);

  test('answers /_ping and speaks Engine API 1.41', async () => {
    expect(d.dockerHost).toBe(`unix://${d.socketPath}`);
    const ping = await unixGet(d.socketPath, '/_ping');
    expect(ping.status).toBe(200);
    expect(ping.body).toBe('OK');
    const version = JSON.parse((await unixGet(d.socketPath, '/version')).body) as {
      ApiVersion: string;
      Version: string;
    };
    expect(version.ApiVersion).toBe('1.41');
    expect(version.Version).toMatch(/^20\.10\./);
  });

  test('docker load of a real archive works, and a missing image is a 404', async () => {
    const out = d.docker(['load', '-i', img.dockerArchive]);
    expect(out).toContain(`Loaded image: ${img.tag}`);
    const res = await unixGet(d.socketPath, `/v1.41/images/${img.tag}/json`);
    expect(res.status).toBe(200);
    const inspect = JSON.parse(res.body) as { RootFS: { Layers: string[] }; Config: { User: string } };
    expect(inspect.RootFS.Layers).toHaveLength(BUSYBOX_DELETED_LAYERS);
    expect(inspect.Config.User).toBe('1000');
    const missing = await unixGet(d.socketPath, '/v1.41/images/layerlint/nope:1/json');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).message).toMatch(/no such image/i);
  });

  test(
    'the Engine API load endpoint works too (loadImageArchive)',
    async () => {
      const buildkit = await getRealImage('busybox-deleted-buildkit');
      const names = await loadImageArchive(d.socketPath, buildkit.dockerArchive);
      expect(names).toContain(buildkit.tag);
      const hist = JSON.parse((await unixGet(d.socketPath, `/v1.41/images/${buildkit.tag}/history`)).body) as Array<{
        CreatedBy: string;
      }>;
      expect(hist.some((h) => h.CreatedBy.includes('# buildkit'))).toBe(true);
    },
    BUILD_TIMEOUT,
  );
});

describe('podman system service (startPodmanWithImage = the podman-loaded fixture)', () => {
  let p: LoadedPodman;
  beforeAll(async () => {
    p = await startPodmanWithImage('busybox-deleted');
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await p?.stop();
  }, DAEMON_TIMEOUT);

  test('answers /v1.41/images/json with the loaded image under localhost/', async () => {
    expect(p.images).toEqual(['localhost/layerlint/busybox-deleted:latest']);
    const res = await unixGet(p.socketPath, '/v1.41/images/json');
    expect(res.status).toBe(200);
    const list = JSON.parse(res.body) as Array<{ RepoTags: string[] | null }>;
    expect(list.flatMap((i) => i.RepoTags ?? [])).toContain('localhost/layerlint/busybox-deleted:latest');
    const inspect = await unixGet(p.socketPath, '/v1.41/images/localhost/layerlint/busybox-deleted:latest/json');
    expect(inspect.status).toBe(200);
    expect((JSON.parse(inspect.body) as { RootFS: { Layers: string[] } }).RootFS.Layers).toHaveLength(
      BUSYBOX_DELETED_LAYERS,
    );
    const missing = await unixGet(p.socketPath, '/v1.41/images/nope:1/json');
    expect(missing.status).toBe(404);
    expect(Object.keys(JSON.parse(missing.body)).sort()).toEqual(['cause', 'message', 'response']);
  });
});

describe('registry, anonymous (startRegistry auth none)', () => {
  let reg: RegistryHandle;
  let img: RealImage;
  let tmp: string;
  beforeAll(async () => {
    img = await getRealImage('busybox-deleted');
    reg = await startRegistry({ auth: 'none' });
    tmp = mkdtempSync(join(tmpdir(), 'll-infra-'));
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await reg?.stop();
    if (tmp !== undefined) removeDir(tmp);
  }, DAEMON_TIMEOUT);

  test('push then pull with skopeo', async () => {
    expect(reg.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect((await httpRequest(`${reg.url}/v2/`)).status).toBe(200);
    await skopeoCopy(`docker-archive:${img.dockerArchive}`, `docker://${reg.host}/ns/busybox:1`, [
      '--dest-tls-verify=false',
    ]);
    const tags = await httpRequest(`${reg.url}/v2/ns/busybox/tags/list`);
    expect(tags.status).toBe(200);
    expect(JSON.parse(tags.body)).toEqual({ name: 'ns/busybox', tags: ['1'] });
    await skopeoCopy(`docker://${reg.host}/ns/busybox:1`, `oci:${join(tmp, 'pulled')}:1`, ['--src-tls-verify=false']);
    const pulled = await skopeoInspect<InspectOut>(`oci:${join(tmp, 'pulled')}:1`);
    expect(pulled.Layers).toHaveLength(BUSYBOX_DELETED_LAYERS);
  });

  test('a zstd push after a gzip push of the same layers really stores zstd (fresh blob-info cache)', async () => {
    await skopeoCopy(`docker-archive:${img.dockerArchive}`, `docker://${reg.host}/ns/busybox:zstd`, [
      '--dest-tls-verify=false',
      '--format',
      'oci',
      '--dest-compress-format',
      'zstd',
    ]);
    const m = await httpRequest(`${reg.url}/v2/ns/busybox/manifests/zstd`, {
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(m.status).toBe(200);
    const manifest = JSON.parse(m.body) as ManifestOut;
    expect(manifest.layers).toHaveLength(BUSYBOX_DELETED_LAYERS);
    expect(new Set(manifest.layers.map((l) => l.mediaType))).toEqual(
      new Set(['application/vnd.oci.image.layer.v1.tar+zstd']),
    );
  });
});

describe('registry, Basic auth (htpasswd)', () => {
  let reg: RegistryHandle;
  let img: RealImage;
  beforeAll(async () => {
    img = await getRealImage('busybox-deleted');
    reg = await startRegistry({ auth: 'basic', users: { alice: 'wonderland' } });
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await reg?.stop();
  }, DAEMON_TIMEOUT);

  test('401 without credentials, 200 with them', async () => {
    const anon = await httpRequest(`${reg.url}/v2/`);
    expect(anon.status).toBe(401);
    expect(anon.headers['www-authenticate']).toBe('Basic realm="layerlint-test"');
    const wrong = await httpRequest(`${reg.url}/v2/`, {
      headers: { authorization: basicHeader('alice', 'nope') },
    });
    expect(wrong.status).toBe(401);
    const ok = await httpRequest(`${reg.url}/v2/`, {
      headers: { authorization: basicHeader('alice', 'wonderland') },
    });
    expect(ok.status).toBe(200);
    expect(reg.creds).toBe('alice:wonderland');
  });

  test('skopeo push fails without credentials and works with them', async () => {
    const dst = `docker://${reg.host}/private/busybox:1`;
    await expect(
      skopeoCopy(`docker-archive:${img.dockerArchive}`, dst, ['--dest-tls-verify=false', '--dest-no-creds']),
    ).rejects.toThrow(/unauthorized|authentication required|401/i);
    await skopeoCopy(`docker-archive:${img.dockerArchive}`, dst, [
      '--dest-tls-verify=false',
      '--dest-creds',
      'alice:wonderland',
    ]);
    const m = await httpRequest(`${reg.url}/v2/private/busybox/manifests/1`, {
      headers: {
        authorization: basicHeader('alice', 'wonderland'),
        accept: 'application/vnd.docker.distribution.manifest.v2+json',
      },
    });
    expect(m.status).toBe(200);
    expect((JSON.parse(m.body) as ManifestOut).layers).toHaveLength(BUSYBOX_DELETED_LAYERS);
  });
});

describe('registry, Bearer token auth (our token server)', () => {
  let reg: RegistryHandle;
  let open: RegistryHandle;
  let img: RealImage;
  const accept = 'application/vnd.docker.distribution.manifest.v2+json';
  const tokenFor = async (r: RegistryHandle, scope: string, auth?: string) => {
    const ts = r.tokenServer!;
    const url = `${ts.realm}?service=${encodeURIComponent(ts.service)}&scope=${encodeURIComponent(scope)}`;
    return httpRequest(url, { headers: auth === undefined ? {} : { authorization: auth } });
  };
  beforeAll(async () => {
    img = await getRealImage('busybox-deleted');
    reg = await startRegistry({ auth: 'bearer', users: { bob: 'builder' } });
    open = await startRegistry({ auth: 'bearer', users: { bob: 'builder' }, anonymousPull: true });
    for (const r of [reg, open]) {
      await skopeoCopy(`docker-archive:${img.dockerArchive}`, `docker://${r.host}/team/app:1`, [
        '--dest-tls-verify=false',
        '--dest-creds',
        'bob:builder',
      ]);
    }
  }, BUILD_TIMEOUT);
  afterAll(async () => {
    await reg?.stop();
    await open?.stop();
  }, DAEMON_TIMEOUT);

  test('without a token: 401 with a Bearer challenge naming realm, service and scope', async () => {
    const res = await httpRequest(`${reg.url}/v2/team/app/manifests/1`, { headers: { accept } });
    expect(res.status).toBe(401);
    const ts = reg.tokenServer!;
    const challenge = String(res.headers['www-authenticate']);
    expect(challenge.startsWith('Bearer ')).toBe(true);
    expect(challenge).toContain(`realm="${ts.realm}"`);
    expect(challenge).toContain(`service="${ts.service}"`);
    expect(challenge).toContain('scope="repository:team/app:pull"');
  });

  test('a token from our server (Basic credentials) makes GET manifest succeed', async () => {
    const tok = await tokenFor(reg, 'repository:team/app:pull', basicHeader('bob', 'builder'));
    expect(tok.status).toBe(200);
    const { token } = JSON.parse(tok.body) as { token: string };
    const [header, claims] = token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')));
    expect(header.alg).toBe('RS256');
    expect(header.x5c).toHaveLength(1);
    expect(claims.access).toEqual([{ type: 'repository', name: 'team/app', actions: ['pull'] }]);
    const res = await httpRequest(`${reg.url}/v2/team/app/manifests/1`, {
      headers: { accept, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect((JSON.parse(res.body) as ManifestOut).layers).toHaveLength(BUSYBOX_DELETED_LAYERS);
    // skopeo runs the whole challenge -> token -> retry dance itself
    const inspected = await skopeoInspect<InspectOut>(`docker://${reg.host}/team/app:1`, [
      '--tls-verify=false',
      '--creds',
      'bob:builder',
    ]);
    expect(inspected.Layers).toHaveLength(BUSYBOX_DELETED_LAYERS);
  });

  test('wrong credentials: the token server says 401; anonymous token grants nothing by default', async () => {
    expect((await tokenFor(reg, 'repository:team/app:pull', basicHeader('bob', 'wrong'))).status).toBe(401);
    const anon = await tokenFor(reg, 'repository:team/app:pull');
    expect(anon.status).toBe(200);
    const { token } = JSON.parse(anon.body) as { token: string };
    const res = await httpRequest(`${reg.url}/v2/team/app/manifests/1`, {
      headers: { accept, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
  });

  test('anonymousPull: an anonymous token pulls but cannot push', async () => {
    const anon = await tokenFor(open, 'repository:team/app:pull,push');
    const { token } = JSON.parse(anon.body) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims.access).toEqual([{ type: 'repository', name: 'team/app', actions: ['pull'] }]);
    const res = await httpRequest(`${open.url}/v2/team/app/manifests/1`, {
      headers: { accept, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const inspected = await skopeoInspect<InspectOut>(`docker://${open.host}/team/app:1`, [
      '--tls-verify=false',
      '--no-creds',
    ]);
    expect(inspected.Layers).toHaveLength(BUSYBOX_DELETED_LAYERS);
    expect(open.tokenServer!.issued().some((t) => t.user === null)).toBe(true);
  });
});

describe('real fixture images (getRealImage)', () => {
  const images = new Map<RealImageName, RealImage>();
  beforeAll(async () => {
    for (const name of REAL_IMAGE_NAMES) images.set(name, await getRealImage(name));
  }, BUILD_TIMEOUT);

  test.each(REAL_IMAGE_NAMES)('%s: every export form exists, skopeo reads it, and all agree', async (name) => {
    const img = images.get(name)!;
    expect(existsSync(img.dockerfile)).toBe(true);
    for (const p of [
      img.dockerArchive,
      img.ociArchive,
      join(img.ociDir, 'index.json'),
      join(img.zstdOciDir, 'index.json'),
    ]) {
      expect(statSync(p).size).toBeGreaterThan(0);
    }
    const refs = [
      `docker-archive:${img.dockerArchive}`,
      `oci-archive:${img.ociArchive}`,
      `oci:${img.ociDir}:${img.ociTag}`,
      `oci:${img.zstdOciDir}:${img.ociTag}`,
    ];
    const configs = await Promise.all(refs.map((r) => skopeoInspect<ConfigOut>(r, ['--config'])));
    const inspects = await Promise.all(refs.map((r) => skopeoInspect<InspectOut>(r)));
    const diffIds = configs[0]!.rootfs.diff_ids;
    for (const [i, c] of configs.entries()) {
      expect(c.rootfs.diff_ids).toEqual(diffIds);
      expect(c.history.map((h) => h.created_by)).toEqual(configs[0]!.history.map((h) => h.created_by));
      expect(inspects[i]!.Layers).toHaveLength(diffIds.length);
    }
    const zstd = await skopeoInspect<ManifestOut>(refs[3]!, ['--raw']);
    expect(new Set(zstd.layers.map((l) => l.mediaType))).toEqual(
      new Set(['application/vnd.oci.image.layer.v1.tar+zstd']),
    );
    const gz = await skopeoInspect<ManifestOut>(refs[2]!, ['--raw']);
    expect(new Set(gz.layers.map((l) => l.mediaType))).toEqual(
      new Set(['application/vnd.oci.image.layer.v1.tar+gzip']),
    );
  });

  test('busybox-deleted (classic builder): layers, USER, EXPOSE, #(nop) history, small', () => {
    const img = images.get('busybox-deleted')!;
    expect(img.builder).toBe('docker-classic');
    expect(img.dockerArchiveLayout).toBe('docker-save-legacy');
    expect(statSync(img.dockerArchive).size).toBeLessThan(5_000_000);
    const tar = readFileSync(img.dockerArchive);
    expect(tar.includes('repositories')).toBe(true); // legacy docker save writes a repositories file
  });

  test.each([
    ['busybox-deleted', '/bin/sh -c #(nop) COPY file:'],
    ['busybox-deleted-buildkit', 'COPY small.txt /app/small.txt # buildkit'],
    ['busybox-deleted-buildah', '/bin/sh -c #(nop) COPY file:'],
  ] as const)('%s: config and history look like its builder', async (name, copyHistory) => {
    const img = images.get(name)!;
    const c = await skopeoInspect<ConfigOut>(`docker-archive:${img.dockerArchive}`, ['--config']);
    expect(c.rootfs.diff_ids).toHaveLength(BUSYBOX_DELETED_LAYERS);
    expect(c.config?.User).toBe('1000');
    expect(Object.keys(c.config?.ExposedPorts ?? {})).toEqual(['8080/tcp']);
    const createdBy = c.history.map((h) => h.created_by ?? '');
    expect(createdBy.some((h) => h.includes(copyHistory))).toBe(true);
    expect(createdBy.some((h) => h.includes('rm -rf /data/big.bin'))).toBe(true);
    expect(c.history.filter((h) => h.empty_layer !== true)).toHaveLength(BUSYBOX_DELETED_LAYERS);
  });

  test('debian-gcc-single and -multi: gcc and apt lists only in the single-stage image', async () => {
    const single = await skopeoInspect<ConfigOut>(`docker-archive:${images.get('debian-gcc-single')!.dockerArchive}`, [
      '--config',
    ]);
    const multi = await skopeoInspect<ConfigOut>(`docker-archive:${images.get('debian-gcc-multi')!.dockerArchive}`, [
      '--config',
    ]);
    expect(single.config?.User ?? '').toBe('');
    expect(multi.config?.User).toBe('1000');
    expect(single.config?.Cmd).toEqual(['/usr/local/bin/hello']);
    expect(multi.config?.Cmd).toEqual(['/usr/local/bin/hello']);
    // base + apt-get + COPY hello.c + gcc   vs   base + COPY --from
    expect(single.rootfs.diff_ids).toHaveLength(4);
    expect(multi.rootfs.diff_ids).toHaveLength(2);
    expect(single.rootfs.diff_ids[0]).toBe(multi.rootfs.diff_ids[0]);
    expect(single.history.some((h) => h.created_by?.includes('apt-get install -y gcc'))).toBe(true);
    expect(multi.history.some((h) => h.created_by?.includes('apt-get'))).toBe(false);
    const sizes = ['debian-gcc-single', 'debian-gcc-multi'].map(
      (n) => statSync(images.get(n as RealImageName)!.dockerArchive).size,
    );
    expect(sizes[0]!).toBeGreaterThan(sizes[1]! + 50_000_000);
  });
});

describe('fixture cache (cached)', () => {
  test('two concurrent callers build once and both get the same directory', async () => {
    const root = mkdtempSync(join(tmpdir(), 'll-cache-'));
    let builds = 0;
    const build = async (dir: string) => {
      builds++;
      await new Promise((r) => setTimeout(r, 300));
      await import('node:fs').then((fs) => fs.writeFileSync(join(dir, 'out.txt'), 'x'));
    };
    const [a, b] = await Promise.all([cached('k1', build, { root }), cached('k1', build, { root })]);
    expect(a).toBe(b);
    expect(builds).toBe(1);
    expect(readFileSync(join(a, 'out.txt'), 'utf8')).toBe('x');
    expect(existsSync(join(root, 'k1.lock'))).toBe(false);
    removeDir(root);
  });
});
