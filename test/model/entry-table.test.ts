import { EntryTableBuilder } from '../../src/model/entry-table.js';

const hex = 'ab'.repeat(32);
const file = (digest?: string) => ({ path: '/f', kind: 'file' as const, size: 1, mode: 0o644, uid: 0, gid: 0, digest });

test('a sha256 digest is kept; one that is not 64 lower-case hex digits is dropped, not half-written', () => {
  const b = new EntryTableBuilder();
  b.add(file(`sha256:${hex}`));
  b.add(file(`sha256:${hex.toUpperCase()}`));
  b.add(file(`sha256:${hex.slice(0, 40)}zz${hex.slice(42)}`));
  b.add(file(`sha256:${hex.slice(2)}`));
  b.add(file());
  const t = b.finish();
  expect([0, 1, 2, 3, 4].map((i) => t.digest(i))).toEqual([
    `sha256:${hex}`,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
});
