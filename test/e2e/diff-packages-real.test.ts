// Packages in `layerlint diff` on two real Debian images built by buildah from one base: the
// single-stage gcc image against the multi-stage one, whose final stage has no compiler. Every
// package gcc brought in is removed in HEAD, with the bytes BASE's own analysis gives it.
import { getRealImage, type RealImage } from '../../fixtures/real/build.js';
import { ensureBuilt, layerlint } from '../cli/run-cli.js';

let single: RealImage;
let multi: RealImage;
beforeAll(async () => {
  await ensureBuilt();
  single = await getRealImage('debian-gcc-single');
  multi = await getRealImage('debian-gcc-multi');
}, 30 * 60_000);

test('diff names the packages a multi-stage build leaves out, with their bytes', () => {
  const base = JSON.parse(layerlint(['analyze', single.dockerArchive, '--format', 'json']).stdout).images[0].packages;
  const head = JSON.parse(layerlint(['analyze', multi.dockerArchive, '--format', 'json']).stdout).images[0].packages;
  const diff = layerlint(['diff', single.dockerArchive, multi.dockerArchive, '--format', 'json']);
  const packages = JSON.parse(diff.stdout).packages;
  const names = (list: { name: string }[]) => new Set(list.map((p) => p.name));
  const gone = [...names(base.packages)].filter((n) => !names(head.packages).has(n)).sort();
  expect(gone).toContain('gcc-12');
  const removed = packages.changes.filter((c: { change: string }) => c.change === 'removed');
  expect(removed.map((c: { name: string }) => c.name).sort()).toEqual(gone);
  const gcc = removed.find((c: { name: string }) => c.name === 'gcc-12');
  const inBase = base.packages.find((p: { name: string }) => p.name === 'gcc-12');
  expect(gcc).toMatchObject({ ecosystem: 'deb', baseVersion: inBase.version, baseBytes: inBase.bytes, headBytes: 0 });
  expect(packages.added).toBe(0);
  const tty = layerlint(['diff', single.dockerArchive, multi.dockerArchive]);
  expect(tty.stdout).toMatch(new RegExp(`^Packages: 0 added, ${gone.length} removed, 0 upgraded `, 'm'));
  expect(tty.stdout).toMatch(/^ +-[\d.]+ MB {2}removed +deb gcc-12 /m);
});
