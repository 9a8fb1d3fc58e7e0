import { render } from 'ink-testing-library';
import { analysisFromRecipe, type FileSpec } from '../../../fixtures/builder/index.js';
import { packagePaths } from '../../../src/analyzers/packages/index.js';
import { buildImageReport } from '../../../src/report/result.js';
import { App } from '../../../src/tui/components/App.js';
import { createExploreModel } from '../../../src/tui/model/explore-model.js';
import { initialState, reduce } from '../../../src/tui/state/reducer.js';
import { ARROW, lines, rightPane, settle } from '../helpers/ink.js';

const stanza = (name: string, version: string) =>
  `Package: ${name}\nStatus: install ok installed\nInstalled-Size: 12\nArchitecture: amd64\nVersion: ${version}\n`;
const status = (...s: string[]): FileSpec => ({ path: '/var/lib/dpkg/status', content: s.join('\n') });
const list = (name: string, ...files: string[]): FileSpec => ({
  path: `/var/lib/dpkg/info/${name}.list`,
  content: files.join('\n'),
});

async function model() {
  const analysis = await analysisFromRecipe(
    {
      layers: [
        {
          createdBy: '/bin/sh -c #(nop) ADD file:base in /',
          files: [
            { path: '/usr/bin/gcc', size: 9000 },
            { path: '/usr/lib/gcc/cc1', size: 20000 },
            { path: '/usr/lib/libz.so.1', size: 700 },
            status(stanza('gcc', '12.2'), stanza('zlib1g', '1.2.13')),
            list('gcc', '/usr/bin/gcc', '/usr/lib/gcc/cc1'),
            list('zlib1g', '/usr/lib/libz.so.1'),
          ],
        },
        {
          createdBy: '/bin/sh -c npm install',
          files: [
            { path: '/app/node_modules/left-pad/package.json', content: '{"name":"left-pad","version":"1.3.0"}' },
            { path: '/app/node_modules/left-pad/index.js', size: 400 },
          ],
        },
      ],
    },
    'pkg-image.tar',
  );
  const report = buildImageReport(analysis, [], [], 'error');
  return createExploreModel(report, analysis.stack, undefined, () =>
    packagePaths(analysis.image.layers, analysis.stack),
  );
}

test("p lists the packages, largest first; Enter reveals the selected one's files in the final filesystem", async () => {
  const m = await model();
  let s = reduce(m, initialState(100, 24), { type: 'toggle-packages' });
  expect(s.lower).toBe('packages');
  expect(s.focus).toBe('findings');
  expect(m.packages.map((p) => p.name)).toEqual(['gcc', 'zlib1g', 'left-pad']);
  s = reduce(m, s, { type: 'select-package' });
  expect(s.focus).toBe('tree');
  expect(s.layers.cursor).toBe(1);
  expect(s.tree.mode).toBe('aggregated');
  const gcc = ['/usr/bin/gcc', '/usr/lib/gcc/cc1'].map((p) => m.tree.index.get(p));
  expect([...s.tree.highlight].sort()).toEqual(gcc.sort());
  // moving to the next package reveals its files instead
  s = reduce(m, { ...s, focus: 'findings' }, { type: 'move', delta: 1 });
  expect([...s.tree.highlight]).toEqual([m.tree.index.get('/usr/lib/libz.so.1')]);
});

test('the explorer shows the packages pane, its details, and the files of a package marked in the tree', async () => {
  const m = await model();
  const ui = render(<App model={m} cols={100} rows={24} color={false} />);
  await settle(ui.frames);
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      ui.stdin.write(k);
      await settle(ui.frames);
    }
  };
  await press('p');
  const left = lines(ui.lastFrame()).map((l) => l.slice(0, 50));
  const title = left.findIndex((l) => l.includes('Packages (3)'));
  expect(title).toBeGreaterThan(0);
  expect(left[title + 1]).toMatch(/^> 29\.0 kB deb gcc 12\.2/);
  expect(left[title + 2]).toMatch(/^ {4}700 B deb zlib1g 1\.2\.13/);
  expect(left[title + 3]).toMatch(/^ {4}4\d\d B npm left-pad 1\.3\.0/);
  await press('d');
  const details = rightPane(ui.lastFrame())
    .map((l) => l.trim())
    .join(' ');
  expect(details).toContain('Package details');
  expect(details).toContain('Package 1 of 3 · deb · gcc 12.2');
  expect(details).toContain('29.0 kB in 2 files of the final filesystem (its database says 12.3 kB)');
  expect(details).toContain('installed in layer 0');
  await press(ARROW.esc, ARROW.enter);
  const tree = rightPane(ui.lastFrame());
  expect(tree.some((l) => /^[*>].*gcc$/.test(l.trimEnd()))).toBe(true);
  expect(tree.some((l) => /^[*>].*cc1$/.test(l.trimEnd()))).toBe(true);
  expect(tree.some((l) => /^[*>].*libz\.so\.1$/.test(l.trimEnd()))).toBe(false);
  ui.unmount();
});
