// Layers a Docker daemon verified as it exported them are not hashed a second time: which daemons
// qualify, and what the archive reader then does (and still does) with their layers.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { archiveMembers, type BuiltImage, buildImage, type Member, packMembers } from '../../fixtures/builder/index.js';
import { loadArchiveStream } from '../../src/analyzers/sources/archive/index.js';
import { exportIsVerified } from '../../src/analyzers/sources/daemon/index.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import { failure } from './helpers/open.js';

test.each([
  ['Docker', 'overlay2', true],
  ['Docker', 'vfs', true],
  ['Docker', 'fuse-overlayfs', true],
  ['Docker', 'btrfs', true],
  ['Docker', 'overlayfs', false], // dockerd's containerd image store: a snapshotter, blobs copied as stored
  ['Docker', undefined, false],
  ['Podman', 'overlay', false],
  ['Podman', 'vfs', false],
] as const)('%s with storage %s: export verified by the daemon = %s', (engine, driver, verified) => {
  expect(exportIsVerified(engine, { GraphDriver: driver === undefined ? undefined : { Name: driver } })).toBe(verified);
});

describe('an export whose layers the source verified (layersVerifiedBySource)', () => {
  // members over 8 MiB are streamed past the walker (smaller ones are kept and walked at the end)
  const recipe = {
    layers: [0, 1].map((i) => ({
      files: [
        { path: `/big${i}.bin`, size: 9 * 1024 * 1024, seed: `big${i}` },
        { path: `/etc/f${i}`, content: `layer ${i}\n` },
      ],
    })),
  };
  const pool = new WalkPool(1);
  const opts = { limits: DEFAULT_LIMITS, pool };
  afterAll(() => pool.close());

  const load = (members: Member[], layersVerifiedBySource: boolean) =>
    packMembers(members).then((tar) =>
      loadArchiveStream(Readable.from([tar]), 'daemon export', 'docker-daemon:x', { ...opts, layersVerifiedBySource }),
    );
  /** layer 0's layer.tar with 100 bytes of its first file's content changed (headers intact) */
  const tamperLayer0 = (members: Member[], image: BuiltImage, gzip = false) =>
    members.map((m) => {
      if (!m.name.endsWith('/layer.tar') || !m.data?.equals(image.layers[0].tar)) return m;
      const data = Buffer.from(m.data).fill(0x41, 600_000, 600_100);
      return { ...m, data: gzip ? gzipSync(data) : data };
    });

  test('gives the model a hashed read gives, the diffIDs taken from the config', async () => {
    const image = await buildImage(recipe);
    const members = archiveMembers(image, 'docker-legacy');
    const hashed = await load(members, false);
    const trusted = await load(members, true);
    expect(trusted.layers).toEqual(hashed.layers);
    expect(trusted.layers.map((l) => l.diffId)).toEqual(image.layers.map((l) => l.diffId));
  });

  test('does not hash those layers again: changed bytes are read as they are, where a hashed read refuses them', async () => {
    const image = await buildImage(recipe);
    const tampered = tamperLayer0(archiveMembers(image, 'docker-legacy'), image);
    expect(await failure(load(tampered, false))).toMatch(/layer 0 .*diffID mismatch: config says sha256:/);
    const trusted = await load(tampered, true);
    expect(trusted.layers[0].diffId).toBe(image.layers[0].diffId);
    expect([...trusted.layers[0].entries].find((e) => e.path === '/big0.bin')?.digest).not.toBe(
      [...(await load(archiveMembers(image, 'docker-legacy'), true)).layers[0].entries].find(
        (e) => e.path === '/big0.bin',
      )?.digest,
    );
  });

  test('a compressed layer is still hashed: the daemon vouched only for the uncompressed export', async () => {
    const image = await buildImage(recipe);
    const tampered = tamperLayer0(archiveMembers(image, 'docker-legacy'), image, true);
    expect(await failure(load(tampered, true))).toMatch(/layer 0 .*diffID mismatch: config says sha256:/);
  });
});
