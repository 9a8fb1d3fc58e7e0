// A package installed in one RUN and purged in the next, built by the real dockerd (classic
// builder, Debian base, apt from the mirror): layerlint names the package, the bytes its removed
// copies still ship, and both Dockerfile lines. The expected bytes come from the archive with the
// tar CLI: the sizes, in the install layer, of the files dpkg's make.list names.
import { spawnSync } from 'node:child_process';
import { getRealImage, type RealImage } from '../../fixtures/real/build.js';
import { humanBytes } from '../../src/report/format.js';
import { ensureBuilt, layerlint } from '../cli/run-cli.js';

function sh(script: string): string {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script}: ${r.stderr}`);
  return r.stdout;
}

let img: RealImage;
beforeAll(async () => {
  await ensureBuilt();
  img = await getRealImage('debian-apt-purge');
}, 30 * 60_000);

test('make: purged, its shipped bytes attributed to it, with the install and purge lines', () => {
  const layers = JSON.parse(sh(`tar -xOf '${img.dockerArchive}' manifest.json`))[0].Layers as string[];
  const install = layers[1] as string;
  const listed = new Set(
    sh(`tar -xOf '${img.dockerArchive}' '${install}' | tar -xO -f - var/lib/dpkg/info/make.list`)
      .split('\n')
      .filter((p) => p.startsWith('/') && p !== '/.'),
  );
  let expected = 0;
  for (const line of sh(`tar -xOf '${img.dockerArchive}' '${install}' | tar -tv --quoting-style=literal -f -`).split(
    '\n',
  )) {
    const m = /^-\S*\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.*)$/.exec(line);
    if (m && listed.has(`/${(m[2] as string).replace(/^\.\//, '')}`)) expected += Number(m[1]);
  }
  expect(expected).toBeGreaterThan(100_000);

  const json = layerlint(['analyze', img.dockerArchive, '--dockerfile', img.dockerfile, '--format', 'json']);
  const image = JSON.parse(json.stdout).images[0];
  const make = image.packages.packages.find((p: { name: string }) => p.name === 'make');
  expect(make).toMatchObject({
    ecosystem: 'deb',
    bytes: 0,
    files: 0,
    installedIn: 1,
    removedIn: 2,
    wastedBytes: expected,
  });
  expect(image.layers.map((l: { dockerfileLine?: number }) => l.dockerfileLine).slice(1)).toEqual([4, 5]);

  const tty = layerlint(['analyze', img.dockerArchive, '--dockerfile', img.dockerfile, '--format', 'tty']);
  const section = tty.stdout.slice(tty.stdout.indexOf('\nPackages\n'));
  expect(section.replace(/\s+/g, ' ')).toContain(
    ` make ${make.version}: ${humanBytes(expected)} shipped in copies a later layer removed (layer 1 (line 4), removed in layer 2 (line 5))`,
  );
});
