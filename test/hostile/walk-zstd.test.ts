// Items 9 and 11 (zstd): a stream that starts with a skippable frame (what pzstd writes) is read;
// a block larger than its frame's window is refused in one line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOneLineRefusal, runBounded } from './bounded.js';
import { gnuTar, sha256, writeDockerArchive } from './walk-kit.js';

const dir = mkdtempSync(join(tmpdir(), 'll-walk-zstd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a layer compressed by pzstd (a skippable frame first) is read: the right files', async () => {
  const tar = gnuTar((root) => writeFileSync(join(root, 'hello.txt'), 'hello world\n'), [], ['hello.txt']);
  const blob = execFileSync('pzstd', ['-q', '-c'], { input: tar });
  expect(blob.readUInt32LE(0)).toBe(0x184d2a50); // pzstd's skippable frame
  const out = join(dir, 'pzstd.tar');
  writeDockerArchive(out, [{ blob, diffId: sha256(tar) }]);
  const r = await runBounded(['analyze', out, '--format', 'json'], { timeoutMs: 30_000 });
  expect(r.stderr).toBe('');
  const layer = JSON.parse(r.stdout).images[0].layers[0];
  expect(layer).toMatchObject({ fileCount: 1, size: 12, compression: 'zstd' });
});

test('a zstd block larger than its frame window: exit 2, one line', async () => {
  const tar = gnuTar((root) => writeFileSync(join(root, 'a'), 'x'.repeat(600)), [], ['a']);
  // a frame with a 1 KiB window (descriptor 0) and one raw block holding the whole tar (>1 KiB)
  const header = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x00]);
  const block = (tar.length << 3) | 1; // last block, raw
  const blob = Buffer.concat([header, Buffer.from([block & 0xff, (block >> 8) & 0xff, block >> 16]), tar]);
  const out = join(dir, 'bigblock.tar');
  writeDockerArchive(out, [{ blob, diffId: sha256(tar) }]);
  const r = await runBounded(['analyze', out], { timeoutMs: 30_000 });
  expectOneLineRefusal(r, /zstd block of \d+ bytes is larger than its frame allows \(1024\)/);
});
