import { analysisFromRecipe, type FileSpec } from '../../../fixtures/builder/index.js';
import type { PackageUsage } from '../../../src/analyzers/packages/index.js';

const stanza = (name: string, version: string, kib: number, section = 'utils') =>
  `Package: ${name}\nStatus: install ok installed\nSection: ${section}\nInstalled-Size: ${kib}\nArchitecture: amd64\nVersion: ${version}\n`;
const status = (...stanzas: string[]): FileSpec => ({ path: '/var/lib/dpkg/status', content: stanzas.join('\n') });
const list = (name: string, ...files: string[]): FileSpec => ({
  path: `/var/lib/dpkg/info/${name}.list`,
  content: ['/.', ...files].join('\n'),
});

const pick = (p: PackageUsage) => ({
  name: p.name,
  version: p.version,
  bytes: p.bytes,
  files: p.files,
  installedIn: p.installedIn,
  upgradedIn: p.upgradedIn,
  removedIn: p.removedIn,
  wastedBytes: p.wastedBytes,
});

describe('package history across layers', () => {
  test('installed, upgraded, purged but still shipped: every byte attributed once', async () => {
    const a = await analysisFromRecipe({
      layers: [
        {
          // merged /usr: dpkg lists /bin/tool, the file is at /usr/bin/tool (and the /bin link, listed too, is tool's)
          files: [
            { path: '/usr/bin', type: 'dir' },
            { path: '/bin', type: 'symlink', target: 'usr/bin' },
            { path: '/usr/bin/tool', size: 1000 },
            { path: '/usr/lib/libz.so.1', size: 500 },
            status(stanza('tool', '1.0', 1), stanza('zlib1g', '1.2', 1, 'libs')),
            list('tool', '/bin', '/bin/tool'),
            list('zlib1g', '/usr/lib', '/usr/lib/libz.so.1'),
          ],
        },
        {
          createdBy: 'RUN apt-get install -y gcc && apt-get upgrade -y zlib1g',
          files: [
            { path: '/usr/lib/libz.so.1', size: 600 },
            { path: '/usr/lib/gcc/cc1', size: 20000 },
            { path: '/usr/bin/gcc', size: 3000 },
            status(stanza('tool', '1.0', 1), stanza('zlib1g', '1.3', 1, 'libs'), stanza('gcc', '12', 23, 'devel')),
            list('zlib1g', '/usr/lib', '/usr/lib/libz.so.1'),
            list('gcc', '/usr/lib/gcc', '/usr/lib/gcc/cc1', '/usr/bin/gcc'),
          ],
        },
        {
          createdBy: 'RUN apt-get purge -y gcc',
          files: [
            { path: '/usr/lib/gcc', type: 'whiteout' },
            { path: '/usr/bin/gcc', type: 'whiteout' },
            { path: '/var/lib/dpkg/info/gcc.list', type: 'whiteout' },
            status(stanza('tool', '1.0', 1), stanza('zlib1g', '1.3', 1, 'libs')),
            { path: '/app/server', size: 777 },
          ],
        },
      ],
    });
    const report = a.packages;
    expect(report?.packages.map(pick)).toEqual([
      {
        name: 'tool',
        version: '1.0',
        bytes: 1000,
        files: 2,
        installedIn: 0,
        upgradedIn: [],
        removedIn: undefined,
        wastedBytes: 0,
      },
      {
        name: 'zlib1g',
        version: '1.3',
        bytes: 600,
        files: 1,
        installedIn: 0,
        upgradedIn: [1],
        removedIn: undefined,
        wastedBytes: 500,
      },
      {
        name: 'gcc',
        version: '12',
        bytes: 0,
        files: 0,
        installedIn: 1,
        upgradedIn: [],
        removedIn: 2,
        wastedBytes: 23000,
      },
    ]);
    expect(report?.unowned.bytes).toBe(
      777 +
        a.stack.final.get('/var/lib/dpkg/status')!.size +
        a.stack.final.get('/var/lib/dpkg/info/tool.list')!.size +
        a.stack.final.get('/var/lib/dpkg/info/zlib1g.list')!.size,
    );
    // the parts add up to the whole
    const owned = report!.packages.reduce((s, p) => s + p.bytes, 0);
    expect(owned + report!.unowned.bytes).toBe(a.efficiency.corrected.finalSize);
    const wasted = report!.packages.reduce((s, p) => s + p.wastedBytes, 0) + report!.unownedWastedBytes;
    expect(wasted).toBe(a.efficiency.corrected.deletedButShippedBytes + a.efficiency.corrected.overwrittenBytes);
    expect(report?.byEcosystem).toEqual({ deb: { bytes: 1600, packages: 2 } });
    expect(report?.databases).toEqual(['/var/lib/dpkg/status']);
    expect(report?.notices).toEqual([]);
  });

  test('a database removed by a later layer leaves its packages removed, their files unowned', async () => {
    const a = await analysisFromRecipe({
      layers: [
        { files: [{ path: '/usr/bin/x', size: 10 }, status(stanza('x', '1', 1)), list('x', '/usr/bin/x')] },
        { files: [{ path: '/var/lib/dpkg', type: 'whiteout' }] },
      ],
    });
    expect(a.packages?.packages.map((p) => [p.name, p.removedIn, p.bytes])).toEqual([['x', 1, 0]]);
    expect(a.packages?.unowned.bytes).toBe(10);
  });

  test('no database at all: one notice, everything unowned', async () => {
    const a = await analysisFromRecipe({ layers: [{ files: [{ path: '/app/a', size: 5 }] }] });
    expect(a.packages).toEqual({
      databases: [],
      packages: [],
      byEcosystem: {},
      unowned: { bytes: 5, files: 1, largest: [{ directory: '/app', bytes: 5, files: 1 }] },
      unownedWastedBytes: 0,
      notices: ['no package database found in the image: every file is counted as unowned'],
    });
  });

  test('language packages own their directory; a nested package owns its own; dpkg wins an exact path', async () => {
    const a = await analysisFromRecipe({
      layers: [
        {
          files: [
            { path: '/app/node_modules/a/package.json', content: '{"name":"a","version":"1.0.0"}' },
            { path: '/app/node_modules/a/index.js', size: 100 },
            { path: '/app/node_modules/a/node_modules/b/package.json', content: '{"name":"b","version":"2.0.0"}' },
            { path: '/app/node_modules/a/node_modules/b/index.js', size: 40 },
            { path: '/usr/lib/node_modules/npm/package.json', content: '{"name":"npm","version":"9.2.0"}' },
            { path: '/usr/lib/node_modules/npm/index.js', size: 7 },
            status(stanza('npm', '9.2.0~ds1-1', 1)),
            list('npm', '/usr/lib/node_modules/npm/package.json', '/usr/lib/node_modules/npm/index.js'),
          ],
        },
      ],
    });
    const byName = Object.fromEntries((a.packages?.packages ?? []).map((p) => [`${p.ecosystem}:${p.name}`, p]));
    expect(byName['npm:a']).toMatchObject({ bytes: 100 + 30, files: 2, location: '/app/node_modules/a' });
    expect(byName['npm:b']).toMatchObject({ bytes: 40 + 30, files: 2, location: '/app/node_modules/a/node_modules/b' });
    expect(byName['deb:npm']).toMatchObject({ bytes: 7 + 32, files: 2 });
    expect(byName['npm:npm']).toMatchObject({ bytes: 0, files: 0 });
  });
});
