import { compareFiles, fileDeltas, GROUP_LIMIT, groupDeltas } from '../../src/diff/files.js';
import type { FileRow } from '../../src/report/result.js';

const file = (
  path: string,
  size: number,
  extra: Partial<{ mode: number; uid: number; digest: string }> = {},
): FileRow => [path, 'file', size, extra.mode ?? 0o644, extra.uid ?? 0, 0, extra.digest ?? `sha256:${path}:${size}`];
const dir = (path: string, mode = 0o755): FileRow => [path, 'dir', 0, mode, 0, 0];

describe('fileDeltas', () => {
  test('added, removed, grown, shrunk, changed content, mode/owner only; unchanged files and new directories are not changes', () => {
    const base = [
      dir('/a'),
      file('/a/grow', 10),
      file('/a/shrink', 10),
      file('/a/same', 5),
      file('/a/content', 5, { digest: 'sha256:1' }),
      file('/a/mode', 5, { digest: 'sha256:m' }),
      file('/a/owner', 5, { digest: 'sha256:o' }),
      file('/a/gone', 7),
    ];
    const head = [
      dir('/a'),
      dir('/new'),
      file('/a/grow', 15),
      file('/a/shrink', 4),
      file('/a/same', 5),
      file('/a/content', 5, { digest: 'sha256:2' }),
      file('/a/mode', 5, { digest: 'sha256:m', mode: 0o600 }),
      file('/a/owner', 5, { digest: 'sha256:o', uid: 1000 }),
      file('/new/x', 3),
    ];
    expect(fileDeltas(base, head)).toEqual([
      { path: '/a/gone', change: 'removed', baseSize: 7, headSize: 0, delta: -7 },
      { path: '/a/shrink', change: 'shrunk', baseSize: 10, headSize: 4, delta: -6 },
      { path: '/a/grow', change: 'grown', baseSize: 10, headSize: 15, delta: 5 },
      { path: '/new/x', change: 'added', baseSize: 0, headSize: 3, delta: 3 },
      { path: '/a/content', change: 'changed', baseSize: 5, headSize: 5, delta: 0 },
      { path: '/a/mode', change: 'metadata', baseSize: 5, headSize: 5, delta: 0, detail: 'mode 644 -> 600' },
      { path: '/a/owner', change: 'metadata', baseSize: 5, headSize: 5, delta: 0, detail: 'owner 0:0 -> 1000:0' },
    ]);
  });

  test('a directory whose mode changed is a metadata change', () => {
    expect(fileDeltas([dir('/d', 0o755)], [dir('/d', 0o777)])).toEqual([
      { path: '/d', change: 'metadata', baseSize: 0, headSize: 0, delta: 0, detail: 'mode 755 -> 777' },
    ]);
  });
});

describe('groupDeltas: a 40,000-file change reads as a dozen lines', () => {
  const base: FileRow[] = [];
  const head: FileRow[] = [];
  for (let i = 0; i < 30_000; i++) head.push(file(`/usr/lib/python3/site-packages/pkg${i % 300}/m${i}.py`, 1000));
  for (let i = 0; i < 8_000; i++) head.push(file(`/usr/share/doc/d${i}/README`, 100));
  for (let i = 0; i < 2_000; i++) base.push(file(`/var/cache/apt/c${i}.bin`, 5000));
  head.push(file('/app/server', 7_000_000));
  head.sort((a, b) => (a[0] < b[0] ? -1 : 1));

  test('at most GROUP_LIMIT rows, largest first, summing to the whole change', () => {
    const diff = compareFiles(base, head);
    expect(diff.counts).toMatchObject({ added: 38_001, removed: 2_000 });
    expect(diff.groups.length).toBeLessThanOrEqual(GROUP_LIMIT);
    expect(diff.groups.reduce((a, g) => a + g.delta, 0)).toBe(diff.delta);
    expect(diff.delta).toBe(30_000_000 + 800_000 + 7_000_000 - 10_000_000);
    expect(diff.groups[0]).toMatchObject({ path: '/usr/lib/python3/site-packages/', delta: 30_000_000 });
    expect(diff.groups.map((g) => g.path)).toEqual(
      expect.arrayContaining(['/var/cache/apt/', '/app/server', '/usr/share/doc/']),
    );
    expect(diff.groups.find((g) => g.path === '/app/server')).toMatchObject({ file: true, delta: 7_000_000 });
    const abs = diff.groups.map((g) => Math.abs(g.delta));
    expect(abs).toEqual([...abs].sort((a, b) => b - a));
  });

  test('--paths expands a directory into its files, largest first; alone, everything', () => {
    const one = compareFiles(base, head, ['/var/cache']);
    expect(one.paths).toHaveLength(2_000);
    expect(one.paths?.every((p) => p.path.startsWith('/var/cache/') && p.change === 'removed')).toBe(true);
    expect(compareFiles(base, head, []).paths).toHaveLength(40_001);
    expect(compareFiles(base, head).paths).toBeUndefined();
  });

  test('a few changes are shown file by file, a single change at its own path', () => {
    expect(groupDeltas(fileDeltas([], [file('/x/y/z', 1)])).map((g) => g.path)).toEqual(['/x/y/z']);
    const few = groupDeltas(fileDeltas([], [file('/a/1', 3), file('/a/2', 2), file('/b/3', 1)]));
    expect(few.map((g) => [g.path, g.delta])).toEqual([
      ['/a/1', 3],
      ['/a/2', 2],
      ['/b/3', 1],
    ]);
    expect(groupDeltas([])).toEqual([]);
  });
});
