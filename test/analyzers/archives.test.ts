// Real archives: dive's own test images and images built by real tools, in every form.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { getRealImage, type RealImage } from '../../fixtures/real/build.js';
import { analyzeImage } from '../../src/analyzers/analyze.js';
import { loadArchiveFile, loadArchiveStream } from '../../src/analyzers/sources/archive/index.js';
import { openImage } from '../../src/analyzers/sources/index.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import type { ImageAnalysis } from '../../src/model/types.js';
import { runCli, SHARED } from '../helpers/cli.js';
import { essence } from '../helpers/essence.js';

const DIVE = `${SHARED}/peers/dive`;
const pool = new WalkPool(1);
const opts = { limits: DEFAULT_LIMITS, pool };

describe("dive's test-docker-image.tar", () => {
  let analysis: ImageAnalysis;
  beforeAll(async () => {
    analysis = analyzeImage(await loadArchiveFile(`${DIVE}/test-docker-image.tar`, 'dive', opts));
  });

  test("gives every figure dive's tests assert, to the last digit", () => {
    const { dive } = analysis.efficiency;
    expect(dive.efficiency).toBe(0.9844212134184309);
    expect(dive.imageSize).toBe(1220598);
    expect(dive.userSize).toBe(66237);
    expect(dive.wastedBytes).toBe(32025);
    expect(dive.userWastedPercent).toBe(0.4834911001404049);
    expect(analysis.image.layers[0].size).toBe(1154361);
    expect(analysis.image.layers).toHaveLength(14);
    expect(dive.inefficientPaths.map((p) => [p.path, p.count, p.cumulativeSize])).toEqual([
      ['/root/example/somefile1.txt', 2, 12810],
      ['/root/saved.txt', 2, 12810],
      ['/root/example/somefile3.txt', 2, 6405],
    ]);
  });

  test('and the corrected figures beside them', () => {
    const { corrected, duplicates } = analysis.efficiency;
    expect(corrected.wastedBytes).toBe(32025); // deleted but shipped + overwritten, below
    expect(corrected.reclaimableBytes).toBe(32025 + 25620); // + the duplicates
    // somefile2.txt went with its parent directory: dive does not count it
    expect(analysis.stack.removals.map((r) => [r.path, r.by, r.createdLayer, r.removedLayer])).toEqual([
      ['/root/example/somefile3.txt', 'whiteout', 6, 7],
      ['/root/example/somefile1.txt', 'parent', 4, 9],
      ['/root/example/somefile2.txt', 'parent', 5, 9],
    ]);
    expect(corrected.deletedButShippedBytes).toBe(3 * 6405);
    expect(corrected.overwrittenBytes).toBe(2 * 6405);
    expect(corrected.metadataOnlyOverwrittenBytes).toBe(2 * 6405);
    // saved.txt's content is also at /somefile.txt and three more copies dive matches by path only
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0].paths).toEqual([
      '/somefile.txt',
      '/root/.saved.txt',
      '/tmp/saved.again1.txt',
      '/root/.data/saved.again2.txt',
      '/root/saved.txt',
    ]);
    expect(duplicates[0].wastedBytes).toBe(4 * 6405);
    expect(corrected.duplicateBytes).toBe(4 * 6405);
  });

  test('reads the same from standard input, and gzip-compressed', async () => {
    const bytes = readFileSync(`${DIVE}/test-docker-image.tar`);
    const plain = analyzeImage(await loadArchiveStream(Readable.from([bytes]), 'standard input', '-', opts));
    const gz = analyzeImage(await loadArchiveStream(Readable.from([gzipSync(bytes)]), 'standard input', '-', opts));
    expect(essence(plain)).toEqual(essence(analysis));
    expect(essence(gz)).toEqual(essence(analysis));
  });

  test('the CLI reads it piped to `-`', async () => {
    const result = await runCli(['analyze', '-', '--format', 'json'], {
      input: readFileSync(`${DIVE}/test-docker-image.tar`),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1); // dive's default highestUserWastedPercent 0.1 fails at 0.48
    expect(JSON.parse(result.stdout).images[0].metrics.dive.wastedBytes).toBe(32025);
  });
});

test("dive's four OCI tarballs (uncompressed, gzip, eStargz, zstd) load and show the same file", async () => {
  const forms = ['uncompressed', 'gzip', 'estargz', 'zstd'];
  const finals = [];
  for (const form of forms) {
    const a = analyzeImage(await loadArchiveFile(`${DIVE}/test-oci-${form}-image.tar`, form, opts));
    expect(a.image.platform).toBe('linux/arm64');
    expect(a.image.layers).toHaveLength(1);
    finals.push([...a.stack.final.values()].filter((e) => e.kind === 'file').map((e) => [e.path, e.size, e.digest]));
  }
  expect(finals[0]).toHaveLength(1);
  expect(finals[0][0][0]).toBe('/README.md');
  for (const f of finals) expect(f).toEqual(finals[0]);
  expect(
    (await Promise.all(forms.map((f) => loadArchiveFile(`${DIVE}/test-oci-${f}-image.tar`, f, opts)))).map(
      (m) => m.layers[0].compression,
    ),
  ).toEqual(['none', 'gzip', 'gzip', 'zstd']);
});

describe('an image built by dockerd with a file deleted in a later RUN', () => {
  let img: RealImage;
  beforeAll(async () => {
    img = await getRealImage('busybox-deleted');
  }, 20 * 60_000);

  test('analyses identically as docker-archive, oci-archive, OCI dir and zstd OCI', async () => {
    const refs = [
      img.dockerArchive,
      `oci-archive:${img.ociArchive}`,
      `oci:${img.ociDir}:${img.ociTag}`,
      `oci:${img.zstdOciDir}:${img.ociTag}`,
    ];
    const analyses = [];
    for (const ref of refs) analyses.push(analyzeImage(await openImage(ref, opts)));
    expect(analyses[3].image.layers.every((l) => l.compression === 'zstd')).toBe(true);
    expect(analyses[1].image.layers.every((l) => l.compression === 'gzip')).toBe(true);
    for (const a of analyses.slice(1)) expect(essence(a)).toEqual(essence(analyses[0]));
    // the deleted file is still shipped: cross-check its size with the tar CLI's own listing
    const removal = analyses[0].stack.removals.find((r) => r.path === '/data/big.bin');
    expect(removal).toBeDefined();
    expect(removal!.entry.size).toBe(
      sizeFromTarCli(img.dockerArchive, analyses[0].image.layers[removal!.createdLayer].diffId, 'data/big.bin'),
    );
  });

  test('docker save piped through gzip on standard input gives the same analysis', async () => {
    const piped = execFileSync('sh', ['-c', `gzip -c < '${img.dockerArchive}'`], { maxBuffer: 1 << 30 });
    const a = analyzeImage(await loadArchiveStream(Readable.from([piped]), 'standard input', '-', opts));
    const b = analyzeImage(await openImage(img.dockerArchive, opts));
    expect(essence(a)).toEqual(essence(b));
  });
});

/** Size of a member of one layer, read with GNU tar from the docker archive (independent of layerlint). */
function sizeFromTarCli(archive: string, diffId: string, member: string): number {
  const manifest = JSON.parse(execFileSync('tar', ['-xOf', archive, 'manifest.json']).toString());
  const config = JSON.parse(execFileSync('tar', ['-xOf', archive, manifest[0].Config]).toString());
  const index = config.rootfs.diff_ids.indexOf(diffId);
  const layerName = manifest[0].Layers[index];
  const listing = execFileSync('sh', ['-c', `tar -xOf '${archive}' '${layerName}' | tar -tvf -`]).toString();
  const line = listing.split('\n').find((l) => l.endsWith(` ${member}`) || l.endsWith(` ./${member}`));
  if (!line) throw new Error(`${member} not in ${layerName}`);
  return Number(line.trim().split(/\s+/)[2]);
}

describe('a streamed archive whose writer keeps the stream open after the end-of-archive marker', () => {
  // dockerd deletes its temporary copy of an export before it ends the response
  const archive = readFileSync('fixtures/example/example-image.tar');
  function heldOpen(state: { returned: boolean }): AsyncIterable<Buffer> {
    return (async function* () {
      try {
        for (let i = 0; i < archive.length; i += 64 * 1024) yield archive.subarray(i, i + 64 * 1024);
        await new Promise(() => {}); // never ends
      } finally {
        state.returned = true;
      }
    })();
  }
  const within = <T>(p: Promise<T>, ms: number) =>
    Promise.race([p, new Promise<'still reading'>((r) => setTimeout(() => r('still reading'), ms))]);

  test('stopAtEnd (the daemon): read up to the marker, the rest of the stream closed', async () => {
    const state = { returned: false };
    const model = await within(loadArchiveStream(heldOpen(state), 'export', 'x', { ...opts, stopAtEnd: true }), 5000);
    expect(model).not.toBe('still reading');
    expect((model as { layers: unknown[] }).layers.length).toBeGreaterThan(0);
    expect(state.returned).toBe(true);
  });

  test('without it (standard input): the stream is read to its end, so a pipe writer is not cut off', async () => {
    const state = { returned: false };
    expect(await within(loadArchiveStream(heldOpen(state), 'stdin', 'x', opts), 300)).toBe('still reading');
    expect(state.returned).toBe(false);
  });
});
