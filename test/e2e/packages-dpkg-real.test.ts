// Package attribution on a real Debian image (buildah, apt-get install gcc on a debootstrap base),
// checked against dpkg's own tools: `dpkg-query` lists the packages and their files from the
// image's database, and the file sizes come from the rootfs as umoci unpacks it.
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { getRealImage, type RealImage } from '../../fixtures/real/build.js';
import { ensureBuilt, layerlint } from '../cli/run-cli.js';

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

interface Oracle {
  installedKiB: number;
  bytes: number;
  files: string[];
}

let img: RealImage;
let work: string;
let rootfs: string;
const oracle = new Map<string, Oracle>();

beforeAll(async () => {
  await ensureBuilt();
  img = await getRealImage('debian-gcc-single');
  work = mkdtempSync(join(tmpdir(), 'll-pkg-dpkg-'));
  run('umoci', ['unpack', '--rootless', '--image', `${img.ociDir}:${img.ociTag}`, join(work, 'bundle')]);
  rootfs = join(work, 'bundle', 'rootfs');
  const admin = `--admindir=${join(rootfs, 'var/lib/dpkg')}`;
  for (const line of run('dpkg-query', [
    admin,
    '-W',
    '-f',
    '${binary:Package}\t${Installed-Size}\t${db:Status-Abbrev}\n',
  ]).split('\n')) {
    const [name, kib, state] = line.split('\t');
    if (!name || !state?.startsWith('ii')) continue;
    const files = run('dpkg-query', [admin, '-L', name])
      .split('\n')
      .filter((p) => p.startsWith('/') && p !== '/.');
    oracle.set(name, { installedKiB: Number(kib), bytes: 0, files });
  }
  // a file belongs to the package dpkg-query lists it for; sizes from the unpacked rootfs, where
  // a listed /bin/x is found through the /bin -> usr/bin link (merged /usr)
  for (const o of oracle.values()) {
    for (const p of o.files) {
      let real: string;
      try {
        real = join(realpathSync(join(rootfs, dirname(p))), p.slice(p.lastIndexOf('/') + 1));
      } catch {
        continue; // listed, but its directory is gone
      }
      if (relative(rootfs, real).startsWith('..')) continue;
      try {
        const st = lstatSync(real);
        if (st.isFile()) o.bytes += st.size;
      } catch {
        // listed but not shipped (a path excluded by dpkg's path-exclude, as debootstrap minbase does)
      }
    }
  }
}, 30 * 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('every dpkg package, with bytes equal to its files in the rootfs and within its Installed-Size', async () => {
  const r = await layerlint(['analyze', img.dockerArchive, '--format', 'json']);
  expect(r.code).toBeLessThanOrEqual(1);
  const image = JSON.parse(r.stdout).images[0];
  const report = image.packages;
  expect(report.databases).toEqual(['/var/lib/dpkg/status']);
  const ours = new Map<string, { bytes: number; declaredSize: number; version: string }>(
    report.packages
      .filter((p: { ecosystem: string }) => p.ecosystem === 'deb')
      .map((p: { name: string }) => [p.name, p]),
  );
  expect([...ours.keys()].sort()).toEqual([...oracle.keys()].sort());
  expect(oracle.size).toBeGreaterThan(100);
  // files listed by two packages (dpkg diversions, shared paths) go to one owner: compare the rest
  const listedBy = new Map<string, number>();
  for (const o of oracle.values()) for (const f of o.files) listedBy.set(f, (listedBy.get(f) ?? 0) + 1);
  const mismatches: string[] = [];
  for (const [name, o] of oracle) {
    const mine = ours.get(name);
    if (!mine) continue;
    if (mine.declaredSize !== o.installedKiB * 1024) mismatches.push(`${name}: declared ${mine.declaredSize}`);
    // du-style Installed-Size rounds every file up: never less than the bytes
    if (mine.bytes > o.installedKiB * 1024) mismatches.push(`${name}: ${mine.bytes} > Installed-Size`);
    const shared = o.files.some((f) => (listedBy.get(f) ?? 0) > 1);
    if (!shared && mine.bytes !== o.bytes) mismatches.push(`${name}: ${mine.bytes} != ${o.bytes}`);
  }
  expect(mismatches).toEqual([]);
  // gcc is the biggest package of a gcc image
  expect(report.packages[0]).toMatchObject({ ecosystem: 'deb', name: 'gcc-12', installedIn: 1 });
  // every byte once: the owned and unowned parts add up to the final filesystem
  const owned = report.packages.reduce((s: number, p: { bytes: number }) => s + p.bytes, 0);
  expect(owned + report.unowned.bytes).toBe(image.metrics.corrected.finalSize);
  // what no package owns is apt's cache and lists, which that Dockerfile keeps
  expect(report.unowned.largest.slice(0, 2).map((d: { directory: string }) => d.directory)).toEqual([
    '/var/cache/apt',
    '/var/lib/apt',
  ]);
});
