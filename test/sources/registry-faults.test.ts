// Every fault through a fault-injecting proxy of our own on loopback, in front of a real registry:
// each run ends in success or in one clear line (exit 2).
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_FORMAT_VERSION } from '../../src/analyzers/sources/cache/encode.js';
import { openLayerCache } from '../../src/analyzers/sources/cache/index.js';
import { makeTempDir, type RegistryHandle, removeDir, startRegistry } from '../support/index.js';
import { type FaultProxy, startFaultProxy } from './helpers/fault-proxy.js';
import { baseRecipe, pushRecipe } from './helpers/images.js';
import { failure, open } from './helpers/open.js';
import { type RegistryPair, startRegistryPair } from './helpers/registry-pair.js';

const isManifest = (url = '') => /\/manifests\//.test(url);
const isBlob = (url = '') => /\/blobs\/sha256:/.test(url);

describe('registry faults', () => {
  let reg: RegistryHandle;
  let proxy: FaultProxy;
  let work: string;
  let ref: string;
  let bigLayer: string; // digest of a layer blob
  beforeAll(async () => {
    work = makeTempDir('regfault');
    reg = await startRegistry({ auth: 'none' });
    await pushRecipe(baseRecipe('app'), join(work, 'app'), `docker://${reg.host}/ns/app:1`);
    proxy = await startFaultProxy(reg.url);
    ref = `docker://${proxy.host}/ns/app:1`;
    const model = await open(ref);
    bigLayer = model.layers[2].digest!;
  }, 180_000);
  afterAll(async () => {
    await proxy?.close();
    await reg?.stop();
    removeDir(work);
  });
  beforeEach(() => {
    proxy.requests.length = 0;
    proxy.setRules([]);
  });
  const layerBlob = (req: { url?: string }) => (req.url ?? '').endsWith(bigLayer);

  test('404 for a tag: one line naming the tag', async () => {
    proxy.setRules([
      {
        match: (r) => isManifest(r.url),
        fault: {
          kind: 'status',
          status: 404,
          body: '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}',
        },
      },
    ]);
    expect(await failure(open(ref))).toMatch(
      /docker:\/\/.*ns\/app:1 not found: .* has no tag "1" in ns\/app \(HTTP 404: MANIFEST_UNKNOWN manifest unknown\)/,
    );
  });

  test('429 with Retry-After (seconds) then success, after waiting', async () => {
    proxy.setRules([
      { match: (r) => isManifest(r.url), fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } },
    ]);
    const started = Date.now();
    const model = await open(ref);
    expect(model.layers).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test('429 with Retry-After as an HTTP date', async () => {
    const when = new Date(Date.now() + 1500).toUTCString();
    proxy.setRules([
      { match: (r) => isManifest(r.url), fault: { kind: 'status', status: 429, headers: { 'retry-after': when } } },
    ]);
    expect((await open(ref)).layers).toHaveLength(3);
  });

  test('Retry-After longer than the run may wait: gives up at once', async () => {
    proxy.setRules([
      { match: (r) => isManifest(r.url), fault: { kind: 'status', status: 503, headers: { 'retry-after': '3600' } } },
    ]);
    const started = Date.now();
    expect(await failure(open(ref, { timeout: 10 }))).toMatch(
      /HTTP 503 .* asks to retry after 3600 s, longer than this run waits \(10 s, --timeout\)/,
    );
    expect(Date.now() - started).toBeLessThan(5000); // not the 3600 s asked, nor the 10 s --timeout
  });

  test('500 twice on a blob, then success', async () => {
    proxy.setRules([{ match: layerBlob, times: 2, fault: { kind: 'status', status: 500 } }]);
    expect((await open(ref)).layers).toHaveLength(3);
    expect(proxy.requests.filter((r) => r.url.endsWith(bigLayer))).toHaveLength(3);
  });

  test('500 forever: gives up after a bounded number of attempts', async () => {
    proxy.setRules([{ match: layerBlob, times: 99, fault: { kind: 'status', status: 502 } }]);
    expect(await failure(open(ref))).toMatch(/answered HTTP 502 to layer 2 .* 5 times: giving up/);
  }, 30_000);

  test('connection reset mid-blob: resumed with a Range request, digest still verified', async () => {
    proxy.setRules([{ match: layerBlob, fault: { kind: 'reset-mid-body' } }]);
    const model = await open(ref);
    expect(model.layers[2].digest).toBe(bigLayer);
    const ranged = proxy.requests.filter((r) => r.url.endsWith(bigLayer) && r.range);
    expect(ranged).toHaveLength(1);
    expect(ranged[0].range).toMatch(/^bytes=\d+-$/);
  });

  test('a blob whose bytes do not match its digest: one line', async () => {
    proxy.setRules([{ match: layerBlob, fault: { kind: 'corrupt' } }]);
    const msg = await failure(open(ref));
    expect(msg).toMatch(
      /layer 2 \(sha256:[0-9a-f]{12}\)(: gzip data is corrupt.*| digest mismatch: expected sha256:[0-9a-f]{64}, content is sha256:[0-9a-f]{64})$/,
    );
  });

  test('a stalled response past --timeout is retried (success), or ends in one line', async () => {
    proxy.setRules([{ match: layerBlob, fault: { kind: 'stall' } }]);
    expect((await open(ref, { timeout: 1 })).layers).toHaveLength(3);
    proxy.setRules([{ match: layerBlob, times: 99, fault: { kind: 'stall' } }]);
    expect(await failure(open(ref, { timeout: 0.5 }))).toMatch(/layer 2 .*(broke off|timed out)/);
  }, 60_000);

  test('a schema 1 manifest is rejected clearly', async () => {
    const schema1 = JSON.stringify({
      schemaVersion: 1,
      name: 'ns/app',
      tag: '1',
      fsLayers: [{ blobSum: 'sha256:00' }],
    });
    proxy.setRules([
      {
        match: (r) => isManifest(r.url),
        fault: {
          kind: 'status',
          status: 200,
          headers: { 'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws' },
          body: schema1,
        },
      },
    ]);
    expect(await failure(open(ref))).toMatch(/schema 1 manifest, which is deprecated and not supported/);
  });

  test('a blob longer than its declared size is not read past it', async () => {
    const model = await open(ref);
    // serve the bigger layer 2 (valid gzip) in place of layer 0: the reader must stop at layer 0's size
    const big = await fetch(`${reg.url}/v2/ns/app/blobs/${bigLayer}`).then(async (r) =>
      Buffer.from(await r.arrayBuffer()),
    );
    expect(big.length).toBeGreaterThan(model.layers[0].blobSize!);
    proxy.setRules([
      {
        match: (r) => (r.url ?? '').endsWith(model.layers[0].digest!),
        fault: { kind: 'status', status: 200, body: big },
      },
    ]);
    expect(await failure(open(ref))).toMatch(/layer 0 .* larger than the \d+ bytes its manifest declares/);
  });

  test('the cache: a second analysis downloads no blob, neither layers nor config', async () => {
    const dir = join(work, 'cache');
    const c1 = openLayerCache({ cacheDir: dir });
    const first = await open(ref, { cache: c1 });
    await c1.flush(); // the writes of the instance that made them
    proxy.requests.length = 0;
    const c2 = openLayerCache({ cacheDir: dir });
    const second = await open(ref, { cache: c2 });
    expect(second.layers.map((l) => l.entries)).toEqual(first.layers.map((l) => l.entries));
    expect(second.config).toEqual(first.config);
    expect(proxy.requests.filter((r) => isBlob(r.url))).toEqual([]);
    expect(proxy.requests.filter((r) => isManifest(r.url))).toHaveLength(1); // tags move: always asked
    expect(second.notices).toContain("3 of 3 layers came from the layer cache, not from this run's bytes");

    // a cached config that no longer matches its digest is downloaded again, not believed
    const configs = join(dir, `v${CACHE_FORMAT_VERSION}`, 'configs');
    for (const name of readdirSync(configs)) writeFileSync(join(configs, name), '{"tampered":true}');
    proxy.requests.length = 0;
    const third = await open(ref, { cache: openLayerCache({ cacheDir: dir }) });
    expect(third.config).toEqual(first.config);
    expect(proxy.requests.filter((r) => isBlob(r.url)).map((r) => r.url)).toEqual([
      expect.stringContaining(`/blobs/${first.configDigest}`),
    ]);
  });
});

describe('registry redirects', () => {
  let pair: RegistryPair;
  let front: FaultProxy;
  let other: FaultProxy;
  beforeAll(async () => {
    pair = await startRegistryPair('regredir');
    ({ front, other } = pair);
  }, 180_000);
  afterAll(() => pair?.stop());

  test('a blob redirected to another host is fetched without the registry credentials', async () => {
    front.setRules([
      {
        match: (r) => isBlob(r.url),
        times: 99,
        fault: { kind: 'redirect', to: (url) => `http://${other.host}${url}` },
      },
    ]);
    const { Readable } = await import('node:stream');
    const model = await open(`docker://${front.host}/ns/app:1`, {
      username: 'tester',
      passwordStdin: true,
      stdin: Readable.from(['secret']),
    });
    expect(model.layers).toHaveLength(3);
    expect(front.requests.some((r) => r.auth)).toBe(true);
    expect(other.requests.length).toBeGreaterThanOrEqual(4); // config + 3 layers
    expect(other.requests.every((r) => !r.auth)).toBe(true);
  });
});
