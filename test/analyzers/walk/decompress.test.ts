// The synchronous layer decoders: Node's zlib handle (the fast path) and the portable fflate
// fallback give the same walk as the uncompressed tar, however the blob is cut into chunks.
import { gzipSync } from 'node:zlib';
import { compress, layerTar, seededBytes, sha256 } from '../../../fixtures/builder/layer-tar.js';
import { fastGunzipAvailable, forcePortableGunzip } from '../../../src/analyzers/walk/decompress.js';
import { walkLayerStream } from '../../../src/analyzers/walk/layer-walker.js';
import { DEFAULT_LIMITS } from '../../../src/analyzers/walk/limits.js';

async function* pieces(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  // a reused buffer, as the file reader hands out: the walk must not keep views of it
  const scratch = Buffer.alloc(size);
  for (let pos = 0; pos < bytes.length; pos += size) {
    const n = bytes.copy(scratch, 0, pos, pos + size);
    yield scratch.subarray(0, n);
  }
}

const walk = (blob: Buffer, chunk: number) =>
  walkLayerStream(pieces(blob, chunk), { limits: DEFAULT_LIMITS, label: 'layer 0' });

let tar: Buffer;
beforeAll(async () => {
  tar = await layerTar({
    files: [
      { path: 'etc/passwd', content: 'root:x:0:0:root:/root:/bin/sh\n' },
      { path: 'opt/app/big.bin', size: 200_000 },
      { path: 'opt/app/copy.bin', size: 200_000, seed: 'opt/app/big.bin' },
      // a long name: a PAX header whose bytes must survive the reuse of the input buffer
      { path: `opt/${'very-long-directory-name/'.repeat(8)}file.txt`, content: 'x'.repeat(3000) },
      { path: 'usr/bin/tool', content: seededBytes('tool', 5000) },
    ],
  });
});
afterEach(() => forcePortableGunzip(false));

test("Node's zlib handle is usable on this Node (the fast path; a Node upgrade that breaks it fails here)", () => {
  expect(fastGunzipAvailable()).toBe(true);
});

describe.each([
  ['node zlib handle', false],
  ['portable fflate', true],
])('%s', (_name, portable) => {
  beforeEach(() => forcePortableGunzip(portable));

  test.each([5, 511, 65536, 1 << 20])('gzip in %i-byte chunks walks like the tar', async (chunk) => {
    const plain = await walk(tar, 65536);
    const gz = gzipSync(tar);
    const got = await walk(gz, chunk);
    expect([...got.entries]).toEqual([...plain.entries]);
    expect(got.diffId).toBe(sha256(tar));
    expect(got.blobDigest).toBe(sha256(gz));
    expect(got.compression).toBe('gzip');
    expect(got.tarSize).toBe(tar.length);
    expect([...got.entries].find((e) => e.path === '/opt/app/copy.bin')?.digest).toBe(
      [...got.entries].find((e) => e.path === '/opt/app/big.bin')?.digest,
    );
  });

  test('a multi-member gzip (concatenated members) is one stream', async () => {
    const cut = 100_000;
    const gz = Buffer.concat([gzipSync(tar.subarray(0, cut)), gzipSync(tar.subarray(cut))]);
    const got = await walk(gz, 4096);
    expect(got.diffId).toBe(sha256(tar));
    expect([...got.entries]).toEqual([...(await walk(tar, 4096)).entries]);
  });

  test('truncated gzip: one line naming the layer', async () => {
    const gz = gzipSync(tar);
    await expect(walk(gz.subarray(0, gz.length - 100), 4096)).rejects.toThrow(/^layer 0: gzip data is truncated$/);
  });

  test('corrupt gzip: one line naming the layer', async () => {
    const gz = Buffer.from(gzipSync(tar));
    gz[10] = (gz[10] as number) | 0b110; // the first deflate block's type: 3, which does not exist
    await expect(walk(gz, 4096)).rejects.toThrow(/^layer 0: gzip data is corrupt \(invalid block type\)$/);
  });
});

test('zstd in small chunks walks like the tar', async () => {
  const zst = compress(tar, 'zstd');
  const got = await walk(zst, 777);
  expect(got.compression).toBe('zstd');
  expect(got.diffId).toBe(sha256(tar));
  expect([...got.entries]).toEqual([...(await walk(tar, 777)).entries]);
});

test('an uncompressed blob shorter than the sniff window is still a (tiny, invalid) tar', async () => {
  await expect(walk(Buffer.from('abc'), 1)).rejects.toThrow(/^layer 0: tar stream is truncated inside a header$/);
});
