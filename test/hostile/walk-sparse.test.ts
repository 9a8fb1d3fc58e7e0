// Item 11: GNU sparse files as GNU tar writes them (old GNU format with extension blocks, PAX
// 0.0, 0.1 and 1.0) are read with their real name and size, and the entry after them is intact.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArchiveFile } from '../../src/analyzers/sources/archive/index.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import { runBounded } from './bounded.js';
import { gnuTar, sha256, writeDockerArchive } from './walk-kit.js';

const dir = mkdtempSync(join(tmpdir(), 'll-walk-sparse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REAL_SIZE = 1 << 20;

/** A 1 MiB file with 32 data islands (more than the 4 an old GNU header holds), then a plain file. */
function holeyFiles(root: string): void {
  execFileSync('truncate', ['-s', String(REAL_SIZE), join(root, 'holey')]);
  const fd = openSync(join(root, 'holey'), 'r+');
  for (let i = 0; i < 32; i++) writeSync(fd, Buffer.from(`island ${i}`), 0, undefined, i * 32_768 + 7);
  closeSync(fd);
  writeFileSync(join(root, 'after.txt'), 'after');
}

const formats: [string, string[]][] = [
  ['gnu (old sparse headers, extension blocks)', ['--format=gnu']],
  ['posix, sparse 0.0', ['--format=posix', '--sparse-version=0.0']],
  ['posix, sparse 0.1', ['--format=posix', '--sparse-version=0.1']],
  ['posix, sparse 1.0', ['--format=posix', '--sparse-version=1.0']],
];

test.each(formats)('tar --sparse %s: real name and size, the next entry intact', async (name, args) => {
  const tar = gnuTar(holeyFiles, ['--sparse', ...args], ['holey', 'after.txt']);
  if (args[0] === '--format=gnu') {
    expect(String.fromCharCode(tar[156] as number)).toBe('S');
    expect(tar[482]).toBe(1); // the map continues in extension blocks
  }
  const out = join(dir, `${name.replace(/\W+/g, '-')}.tar`);
  writeDockerArchive(out, [{ blob: tar, diffId: sha256(tar) }]);
  const pool = new WalkPool(0);
  const model = await loadArchiveFile(out, 'sparse', { limits: DEFAULT_LIMITS, pool });
  await pool.close();
  const entries = [...(model.layers[0]?.entries ?? [])].map((e) => [e.path, e.kind, e.size]);
  expect(entries).toEqual([
    ['/holey', 'file', REAL_SIZE],
    ['/after.txt', 'file', 5],
  ]);
  const r = await runBounded(['analyze', out, '--format', 'json'], { timeoutMs: 30_000 });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout).images[0].layers[0]).toMatchObject({ fileCount: 2, size: REAL_SIZE + 5 });
});
