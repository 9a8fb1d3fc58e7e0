import { analysisFromRecipe, type FileSpec } from '../../fixtures/builder/index.js';
import { packageMarkdown, packageTextLines } from '../../src/reporters/packages-section.js';

const stanza = (name: string, version: string) =>
  `Package: ${name}\nStatus: install ok installed\nInstalled-Size: 40\nArchitecture: amd64\nVersion: ${version}\n`;
const status = (...s: string[]): FileSpec => ({ path: '/var/lib/dpkg/status', content: s.join('\n') });
const list = (name: string, ...files: string[]): FileSpec => ({
  path: `/var/lib/dpkg/info/${name}.list`,
  content: files.join('\n'),
});

async function report() {
  const a = await analysisFromRecipe({
    layers: [
      {
        files: [
          { path: '/usr/lib/libssl.so.3', size: 30_000 },
          status(stanza('libssl3', '3.0.11')),
          list('libssl3', '/usr/lib/libssl.so.3'),
        ],
      },
      {
        files: [
          { path: '/usr/bin/gcc', size: 20_000 },
          status(stanza('libssl3', '3.0.11'), stanza('gcc', '12.2')),
          list('gcc', '/usr/bin/gcc'),
        ],
      },
      {
        files: [
          { path: '/usr/bin/gcc', type: 'whiteout' },
          status(stanza('libssl3', '3.0.11')),
          { path: '/app/bin', size: 5_000 },
        ],
      },
    ],
  });
  return a.packages;
}

test('tty lines: summary, largest packages, unowned, and bytes still shipped after a removal', async () => {
  expect(packageTextLines(await report())).toEqual([
    '  1 deb package 30.0 kB · unowned 5.13 kB',
    '   30.0 kB  deb    libssl3 3.0.11  (layer 0)',
    '  unowned: /app 5.00 kB, /var/lib/dpkg 133 B',
    '  gcc 12.2: 20.0 kB shipped in copies a later layer removed (layer 1, removed in layer 2)',
  ]);
});

test('markdown: a collapsible table, a removed package kept for its shipped bytes', async () => {
  expect(packageMarkdown(await report(), (s) => s)).toEqual([
    '',
    '<details><summary>2 packages: 1 deb package 30.0 kB · unowned 5.13 kB</summary>',
    '',
    '| package | version | kind | bytes | shipped after removal | layer |',
    '|---|---|---|---|---|---|',
    '| libssl3 | 3.0.11 | deb | 30.0 kB |  | layer 0 |',
    '| gcc | 12.2 | deb | 0 B | 20.0 kB | layer 1, removed in layer 2 |',
    '',
    '</details>',
  ]);
});

test('nothing at all without packages', async () => {
  const a = await analysisFromRecipe({ layers: [{ files: [{ path: '/a', size: 1 }] }] });
  expect(packageTextLines(a.packages)).toEqual([]);
  expect(packageMarkdown(a.packages, (s) => s)).toEqual([]);
});

test('with a Dockerfile, each layer is named with its line', async () => {
  const lines = packageTextLines(await report(), (layer) => [3, 4, 7][layer]);
  expect(lines.at(-1)).toBe(
    '  gcc 12.2: 20.0 kB shipped in copies a later layer removed (layer 1 (line 4), removed in layer 2 (line 7))',
  );
});
