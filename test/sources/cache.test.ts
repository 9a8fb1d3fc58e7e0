// The layer cache: encoding, atomic files, LRU bound, version, and hooks in every archive loader.

import { mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { archiveMembers, buildImage, type ImageRecipe, packMembers, writeImage } from '../../fixtures/builder/index.js';
import { loadArchiveStream } from '../../src/analyzers/sources/archive/index.js';
import {
  CACHE_FORMAT_VERSION,
  type CachedWalk,
  decodeWalk,
  encodeWalk,
} from '../../src/analyzers/sources/cache/encode.js';
import { openLayerCache } from '../../src/analyzers/sources/cache/index.js';
import { DiskStore } from '../../src/analyzers/sources/cache/store.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import { EntryTable } from '../../src/model/entry-table.js';
import { makeTempDir, removeDir } from '../support/index.js';
import { baseRecipe } from './helpers/images.js';
import { failure, open } from './helpers/open.js';

let work: string;
beforeEach(() => {
  work = makeTempDir('cache');
});
afterEach(() => removeDir(work));

const recipe = {
  layers: [
    {
      files: [
        { path: '/etc', type: 'dir' as const },
        { path: '/etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
        { path: '/bin/sh', size: 5000, mode: 0o755 },
        { path: '/bin/ash', type: 'symlink' as const, target: 'sh' },
        { path: '/bin/link', type: 'hardlink' as const, target: '/bin/sh' },
        { path: '/tmp/x', type: 'whiteout' as const },
        { path: '/var', type: 'opaque' as const },
        { path: '../escape', rawName: '../escape', content: 'x' },
      ],
    },
  ],
};

test('encode/decode round-trips every entry field, including ones the walker adds later', async () => {
  const [layer] = (await open(await fixture('docker-legacy', recipe))).layers;
  const walk = {
    diffId: layer.diffId,
    tarSize: layer.tarSize,
    size: layer.size,
    compression: layer.compression,
    entries: layer.entries,
  };
  expect([...layer.entries].some((e) => e.content !== undefined)).toBe(true);
  const decoded = decodeWalk(encodeWalk(walk, '1.2.3'), '1.2.3');
  expect(plain(decoded)).toEqual(plain(walk));
  expect(decodeWalk(encodeWalk(walk, '1.2.3'), '1.2.4')).toBeUndefined(); // another layerlint version
  const otherFormat = encodeWalk(walk);
  otherFormat[6] = 99; // the version byte after the magic
  expect(decodeWalk(otherFormat)).toBeUndefined(); // another format
  expect(decodeWalk(Buffer.from('not a walk'))).toBeUndefined();
  // a v2 walk (columnar JSON) read by this build: a miss, not a misread
  expect(decodeWalk(Buffer.from(JSON.stringify({ v: 2, tool: '0', path: [], kind: '', esize: [] })))).toBeUndefined();
  expect(decodeWalk(encodeWalk(walk).subarray(0, 100))).toBeUndefined(); // truncated
});

async function fixture(
  layout: 'docker-legacy' | 'docker-symlinked' | 'oci-archive' | 'oci-dir',
  r: ImageRecipe = recipe,
): Promise<string> {
  const out = join(work, `${layout}${layout === 'oci-dir' ? '' : '.tar'}`);
  await writeImage(r, layout, out);
  return out;
}

test.each(['docker-legacy', 'oci-archive', 'oci-dir'] as const)(
  '%s: a cached layer is never read again',
  async (layout) => {
    const dir = join(work, 'c');
    const path = await fixture(layout, baseRecipe('x'));
    const ref = layout === 'oci-dir' ? `oci:${path}:latest` : path;
    const cache = openLayerCache({ cacheDir: dir });
    const cold = await open(ref, { cache });
    await cache.flush(); // the cache writes in the background: wait for it
    // a second cache instance (a later run) reads every layer from disk...
    const warm = await open(ref, { cache: openLayerCache({ cacheDir: dir }) });
    expect(warm.layers).toEqual(cold.layers);
    // ...and never opens the blobs: corrupt them in place and it still answers from the cache
    if (layout === 'oci-dir') {
      for (const l of cold.layers) writeFileSync(join(path, 'blobs', 'sha256', l.digest!.slice(7)), 'garbage');
      const again = await open(ref, { cache: openLayerCache({ cacheDir: dir }) });
      expect(again.layers.map((l) => l.diffId)).toEqual(cold.layers.map((l) => l.diffId));
      expect(await failure(open(ref))).toMatch(/layer 0/); // without the cache the garbage is found
    }
  },
);

test('a stream (docker save | layerlint -) with the symlinked layout: cached members are only hashed, and checked', async () => {
  // members over 8 MiB are streamed (smaller ones are kept in memory and walked there)
  const big = {
    layers: [0, 1].map((i) => ({ files: [{ path: `/big${i}.bin`, size: 9 * 1024 * 1024, seed: `big${i}` }] })),
  };
  const image = await buildImage(big);
  const archive = await packMembers(archiveMembers(image, 'docker-symlinked'));
  const cache = openLayerCache({ cacheDir: join(work, 'c') });
  const pool = new WalkPool(1);
  const opts = { limits: DEFAULT_LIMITS, pool, cache };
  const cold = await loadArchiveStream(Readable.from([archive]), 'stdin', '-', opts);
  const cached = new Set(cold.layers.map((l) => l.diffId));
  const skipped: string[] = [];
  const skipMember = (name: string) => {
    const hit = cached.has(`sha256:${/([0-9a-f]{64})\.tar$/.exec(name)?.[1]}`);
    if (hit) skipped.push(name);
    return hit;
  };
  const warm = await loadArchiveStream(Readable.from([archive]), 'stdin', '-', { ...opts, skipMember });
  expect(skipped.length).toBeGreaterThan(0);
  expect(warm.layers).toEqual(cold.layers);
  // a member whose bytes are not what its name says is caught even when skipped
  const target = `${image.layers[0].diffId.slice(7)}.tar`;
  const tampered = archiveMembers(image, 'docker-symlinked').map((m) =>
    m.name === target ? { ...m, data: Buffer.from(m.data!).fill(0x41, 600_000, 600_100) } : m,
  );
  const msg = await failure(
    loadArchiveStream(Readable.from([await packMembers(tampered)]), 'stdin', '-', { ...opts, skipMember }),
  );
  expect(msg).toMatch(/member ".*\.tar" digest mismatch: its name says sha256:/);
  await pool.close();
});

test('writes are atomic (temp + rename) and concurrent writers of one layer agree', async () => {
  const store = new DiskStore(join(work, 'c'), 1e9);
  const walk = {
    diffId: `sha256:${'1'.repeat(64)}`,
    tarSize: 10,
    size: 0,
    compression: 'none' as const,
    entries: EntryTable.from([]),
  };
  await Promise.all(Array.from({ length: 8 }, () => store.putWalk(walk)));
  const files = readdirSync(join(work, 'c', `v${CACHE_FORMAT_VERSION}`, 'layers'));
  expect(files).toEqual([`${'1'.repeat(64)}.walk.gz`]);
  expect(plain(await store.getWalk(walk.diffId))).toEqual(plain(walk));
});

test('bounded: least recently used entries go first, reads count as use', async () => {
  const store = new DiskStore(join(work, 'c'), 0);
  const entries = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      path: `/f${i}-${Math.random()}`,
      kind: 'file' as const,
      size: i,
      mode: 0o644,
      uid: 0,
      gid: 0,
    }));
  const ids = ['a', 'b', 'c'].map((ch) => `sha256:${ch.repeat(64)}`);
  for (const id of ids)
    await store.putWalk({
      diffId: id,
      tarSize: 1,
      size: 1,
      compression: 'none',
      entries: EntryTable.from(entries(200)),
    });
  const dir = join(work, 'c', `v${CACHE_FORMAT_VERSION}`, 'layers');
  const sizes = readdirSync(dir).map((f) => statSync(join(dir, f)).size);
  const old = new Date(Date.now() - 3600_000);
  ids.forEach((id, i) => {
    utimesSync(join(dir, `${id.slice(7)}.walk.gz`), old, new Date(old.getTime() + i * 1000));
  });
  await store.getWalk(ids[0]); // touch: now the most recent
  const bounded = new DiskStore(join(work, 'c'), sizes.reduce((a, b) => a + b, 0) - 1);
  await bounded.evict();
  const left = readdirSync(dir).sort();
  expect(left).toEqual([ids[0], ids[2]].map((id) => `${id.slice(7)}.walk.gz`).sort());
});

test('a damaged cache file is a miss, not a failure; --no-cache writes nothing', async () => {
  const dir = join(work, 'c');
  mkdirSync(join(dir, `v${CACHE_FORMAT_VERSION}`, 'layers'), { recursive: true });
  const id = `sha256:${'d'.repeat(64)}`;
  writeFileSync(
    join(dir, `v${CACHE_FORMAT_VERSION}`, 'layers', `${'d'.repeat(64)}.walk.gz`),
    gzipSync(`{"v":${CACHE_FORMAT_VERSION},`),
  );
  expect(await new DiskStore(dir, 1e9).getWalk(id)).toBeUndefined();
  const off = openLayerCache({ cache: false, cacheDir: join(work, 'off') });
  await open(await fixture('docker-legacy'), { cache: off });
  await off.flush();
  expect(() => readdirSync(join(work, 'off'))).toThrow();
});

test('a walk an endpoint vouched for stays in its namespace: no other reader sees it, the bound counts it', async () => {
  const dir = join(work, 'c');
  const walk = (id: string, path: string) => ({
    diffId: id,
    tarSize: 1,
    size: 1,
    compression: 'none' as const,
    blobDigest: id,
    entries: EntryTable.from([{ path, kind: 'file' as const, size: 1, mode: 0o644, uid: 0, gid: 0 }]),
  });
  const id = `sha256:${'e'.repeat(64)}`;
  const writer = openLayerCache({ cacheDir: dir });
  writer.vouchedBy('unix:///run/a.sock').put(walk(id, '/vouched'));
  await writer.flush();
  const later = openLayerCache({ cacheDir: dir });
  expect(await later.get(id)).toBeUndefined(); // the shared cache: nothing
  expect(await later.vouchedBy('unix:///run/b.sock').get(id)).toBeUndefined(); // another endpoint: nothing
  expect((await later.vouchedBy('unix:///run/a.sock').get(id))?.entries.path(0)).toBe('/vouched');
  // a verified walk of the same layer answers for everyone, the vouching endpoint included
  later.put(walk(id, '/verified'));
  expect((await later.vouchedBy('unix:///run/a.sock').get(id))?.entries.path(0)).toBe('/verified');
  await later.flush();
  // eviction sees the namespaced file too
  await new DiskStore(dir, 0).evict();
  const root = join(dir, `v${CACHE_FORMAT_VERSION}`);
  const [ns] = readdirSync(join(root, 'vouched'));
  expect(readdirSync(join(root, 'vouched', ns, 'layers'))).toEqual([]);
});

/** A walk with its entries as objects (tables compare by what they hold, not how they hold it). */
function plain(walk: CachedWalk | undefined) {
  return walk && { ...walk, entries: [...walk.entries] };
}
