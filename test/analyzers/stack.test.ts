import { analysisFromRecipe, type ImageRecipe } from '../../fixtures/builder/index.js';

const base = { path: 'etc/os-release', content: 'ID=test\n' };

async function stacked(layers: ImageRecipe['layers']) {
  return analysisFromRecipe({ layers });
}

test('a whiteout removes a file and records who shipped it and who removed it', async () => {
  const { stack, efficiency } = await stacked([
    { files: [base, { path: 'a/big', size: 1000 }] },
    { files: [{ path: 'a/big', type: 'whiteout' }] },
  ]);
  expect(stack.final.has('/a/big')).toBe(false);
  expect(stack.removals).toEqual([
    expect.objectContaining({ path: '/a/big', createdLayer: 0, removedLayer: 1, by: 'whiteout' }),
  ]);
  expect(stack.history.get('/a/big')!.map((v) => v.change)).toEqual(['added', 'removed']);
  expect(efficiency.corrected.deletedButShippedBytes).toBe(1000);
});

test('deleting a directory removes everything below it (by parent), which dive does not count', async () => {
  const { stack, efficiency } = await stacked([
    { files: [base, { path: 'd', type: 'dir' }, { path: 'd/x', size: 100 }, { path: 'd/sub/y', size: 200 }] },
    { files: [{ path: 'd', type: 'whiteout' }] },
  ]);
  expect(stack.removals.map((r) => [r.path, r.by])).toEqual([
    ['/d/sub/y', 'parent'],
    ['/d/x', 'parent'],
  ]);
  expect(efficiency.corrected.deletedButShippedBytes).toBe(300);
  // dive counts a whiteout of an earlier directory as that subtree's size, once: not an inefficiency
  expect(efficiency.dive.wastedBytes).toBe(0);
});

test('an opaque directory hides lower content but keeps what its own layer adds', async () => {
  const { stack, efficiency } = await stacked([
    { files: [base, { path: 'cache/a', size: 50 }, { path: 'cache/b', size: 70 }] },
    {
      files: [
        { path: 'cache', type: 'opaque' },
        { path: 'cache/c', size: 5 },
      ],
    },
  ]);
  expect([...stack.final.keys()].filter((p) => p.startsWith('/cache'))).toEqual(['/cache/c']);
  expect(stack.removals.map((r) => [r.path, r.by])).toEqual([
    ['/cache/a', 'opaque'],
    ['/cache/b', 'opaque'],
  ]);
  expect(efficiency.corrected.deletedButShippedBytes).toBe(120);
});

test('a chmod re-ships the whole file: a metadata-only overwrite', async () => {
  const { stack, efficiency } = await stacked([
    { files: [base, { path: 'app/bin', size: 4000, mode: 0o644 }] },
    { files: [{ path: 'app/bin', size: 4000, seed: 'app/bin', mode: 0o755 }] },
  ]);
  expect(stack.overwrites).toEqual([
    expect.objectContaining({ path: '/app/bin', layer: 0, byLayer: 1, metadataOnly: true }),
  ]);
  expect(stack.final.get('/app/bin')).toMatchObject({ mode: 0o755, layer: 1 });
  expect(efficiency.corrected.metadataOnlyOverwrittenBytes).toBe(4000);
  expect(efficiency.dive.wastedBytes).toBe(8000); // dive counts the kept copy too
  expect(efficiency.corrected.reclaimableBytes).toBe(4000);
});

test('a content change is an overwrite that is not metadata-only', async () => {
  const { stack } = await stacked([{ files: [base, { path: 'f', size: 10 }] }, { files: [{ path: 'f', size: 20 }] }]);
  expect(stack.overwrites).toEqual([expect.objectContaining({ path: '/f', metadataOnly: false })]);
});

test('a file replacing a directory removes the directory contents', async () => {
  const { stack } = await stacked([
    { files: [base, { path: 'x', type: 'dir' }, { path: 'x/inner', size: 9 }] },
    { files: [{ path: 'x', size: 3 }] },
  ]);
  expect(stack.final.get('/x')).toMatchObject({ kind: 'file', size: 3 });
  expect(stack.final.has('/x/inner')).toBe(false);
  expect(stack.removals.map((r) => r.path)).toEqual(['/x/inner']);
});

test('re-shipped parent directories with the same metadata are not changes', async () => {
  const { stack } = await stacked([
    { files: [base, { path: 'usr', type: 'dir' }, { path: 'usr/a', size: 1 }] },
    {
      files: [
        { path: 'usr', type: 'dir' },
        { path: 'usr/b', size: 1 },
      ],
    },
  ]);
  expect(stack.changesOf(1).map((v) => [v.entry.path, v.change])).toEqual([['/usr/b', 'added']]);
});

test('hardlinks are not duplicates; identical content at other paths is', async () => {
  const { efficiency } = await stacked([
    {
      files: [
        base,
        { path: 'bin/busybox', size: 900 },
        { path: 'bin/ls', type: 'hardlink', target: 'bin/busybox' },
        { path: 'opt/busybox.copy', size: 900, seed: 'bin/busybox' },
      ],
    },
  ]);
  expect(efficiency.duplicates).toEqual([
    expect.objectContaining({ paths: ['/bin/busybox', '/opt/busybox.copy'], wastedBytes: 900 }),
  ]);
});

test('a whiteout of something that never existed changes nothing', async () => {
  const { stack } = await stacked([{ files: [base] }, { files: [{ path: 'ghost', type: 'whiteout' }] }]);
  expect(stack.removals).toEqual([]);
  expect(stack.changesOf(1)).toEqual([]);
});
