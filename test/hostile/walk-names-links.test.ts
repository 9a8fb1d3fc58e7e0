// Item 11: two names that differ only in bytes that are not UTF-8 stay two paths, exactly; a hard
// link whose target a later layer whites out holds the target's content (its size, not 0).
// Layers are written by GNU tar on this machine.
import { linkSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeImage } from '../../src/analyzers/analyze.js';
import { loadArchiveFile } from '../../src/analyzers/sources/archive/index.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import { printable } from '../../src/printable.js';
import { runBounded } from './bounded.js';
import { gnuTar, sha256, writeDockerArchive } from './walk-kit.js';

const dir = mkdtempSync(join(tmpdir(), 'll-walk-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function finalOf(archive: string) {
  const pool = new WalkPool(0);
  try {
    const model = await loadArchiveFile(archive, 'test', { limits: DEFAULT_LIMITS, pool });
    return analyzeImage(model);
  } finally {
    await pool.close();
  }
}

test('latin-1 names (not UTF-8) stay distinct paths, byte for byte', async () => {
  const names = [Buffer.from('caf\xe9', 'latin1'), Buffer.from('caf\xe8', 'latin1'), Buffer.from('caf\u00e9')];
  const tar = gnuTar(
    (root) => {
      for (const [i, n] of names.entries()) writeFileSync(Buffer.concat([Buffer.from(`${root}/`), n]), `v${i}`);
    },
    ['--format=gnu'],
  );
  const out = join(dir, 'latin1.tar');
  writeDockerArchive(out, [{ blob: tar, diffId: sha256(tar) }]);
  const { stack } = await finalOf(out);
  const paths = [...stack.final.keys()].filter((p) => p.startsWith('/caf')).sort();
  // 0xe8 and 0xe9 are lone bytes (U+DC80 + byte); the third name is real UTF-8 "é"
  expect(paths).toEqual(['/caf\u00e9', '/caf\udce8', '/caf\udce9']);
  expect(printable('/caf\udce9')).toBe('/caf\\udce9');
});

test('a hard link whose target a later layer whites out keeps the content: its size', async () => {
  const base = gnuTar(
    (root) => {
      writeFileSync(join(root, 'data.bin'), Buffer.alloc(1000, 7));
      linkSync(join(root, 'data.bin'), join(root, 'link.bin'));
    },
    ['--format=gnu'],
    ['data.bin', 'link.bin'],
  );
  const upper = gnuTar((root) => writeFileSync(join(root, '.wh.data.bin'), ''), ['--format=gnu'], ['.wh.data.bin']);
  const out = join(dir, 'link.tar');
  writeDockerArchive(out, [
    { blob: base, diffId: sha256(base) },
    { blob: upper, diffId: sha256(upper) },
  ]);
  const { stack, efficiency } = await finalOf(out);
  expect(stack.final.has('/data.bin')).toBe(false);
  expect(stack.final.get('/link.bin')).toMatchObject({ kind: 'hardlink', size: 1000, linkTarget: '/data.bin' });
  expect(efficiency.corrected.finalSize).toBe(1000);

  const r = await runBounded(['analyze', out, '--format', 'json'], { timeoutMs: 30_000 });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout).images[0].metrics.corrected.finalSize).toBe(1000);
});
