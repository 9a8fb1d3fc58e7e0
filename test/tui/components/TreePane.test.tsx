import { render } from 'ink-testing-library';
import type { PathVersion } from '../../../src/model/types.js';
import { TreePane } from '../../../src/tui/components/TreePane.js';
import { createExploreModel } from '../../../src/tui/model/explore-model.js';
import { toggleNode } from '../../../src/tui/model/rows.js';
import { INITIAL_TREE } from '../../../src/tui/state/tree-reducer.js';
import type { TreeState } from '../../../src/tui/state/types.js';
import { lines } from '../helpers/ink.js';
import { node, testModel } from '../helpers/model.js';

const tree = (extra: Partial<TreeState> = {}): TreeState => ({ ...INITIAL_TREE, ...extra });

test('added, modified and removed read by symbol: + ~ -; sizes, indentation and folds', async () => {
  const model = await testModel();
  const at2 = lines(render(<TreePane model={model} layer={2} tree={tree()} rows={6} width={60} focused />).lastFrame());
  expect(at2[0]).toBe('▶ Files · layer 2 changes · 5 rows');
  expect(at2[1]).toBe('>  15.0 kB ▾ root/');
  expect(at2[2]).toBe(' + 9.00 kB     big.bin');
  expect(at2[3]).toBe(' + 6.00 kB   ▾ example/');
  expect(at2[4]).toBe(' + 3.00 kB       somefile1.txt');
  const at3 = lines(
    render(
      <TreePane model={model} layer={3} tree={tree({ cursor: 2 })} rows={4} width={60} focused={false} />,
    ).lastFrame(),
  );
  expect(at3[3]).toBe('>~ 3.00 kB       somefile1.txt');
  const at4 = lines(
    render(<TreePane model={model} layer={4} tree={tree({ cursor: 1 })} rows={6} width={60} focused />).lastFrame(),
  );
  expect(at4[2]).toBe('>- 6.00 kB   ▾ example/');
  expect(at4[3]).toBe(' -     0 B     ▾ really/');
  expect(at4.at(-1)).toBe(' /root/example  removed dir 6.00 kB');
});

test('status line: the file under the cursor with its mode and owner; symlinks show their target', async () => {
  const model = await testModel();
  const out = lines(
    render(<TreePane model={model} layer={0} tree={tree({ cursor: 2 })} rows={6} width={70} focused />).lastFrame(),
  );
  expect(out[3]).toBe('>+     0 B     sh → /bin/busybox');
  expect(out.at(-1)).toMatch(/^ \/bin\/sh → \/bin\/busybox {2}added symlink 0 B 0644 0:0$/);
});

test('collapsed directories, titles for the toggles, highlights and the caption of another pane', async () => {
  const model = await testModel();
  const t = tree({
    mode: 'aggregated',
    sort: 'size',
    onlyChanges: true,
    collapse: toggleNode(INITIAL_TREE.collapse, node(model, '/root/example')),
    highlight: new Set([node(model, '/root/big.bin')]),
  });
  const out = lines(
    render(
      <TreePane model={model} layer={2} tree={t} rows={4} width={90} focused={false} caption="layer 2: cp" />,
    ).lastFrame(),
  );
  expect(out[0]).toBe('  Files · image at layer 2 · by size · changes only · 3 rows');
  expect(out[1]).toBe('>  15.0 kB ▾ root/');
  expect(out[2]).toBe('*+ 9.00 kB     big.bin');
  expect(out[3]).toBe('   6.00 kB   ▸ example/'); // implicit directory: some of it came earlier
  expect(out.at(-1)).toBe(' layer 2: cp');
});

test('typing a filter shows it in the status line with the match count', async () => {
  const model = await testModel();
  const out = lines(
    render(
      <TreePane
        model={model}
        layer={0}
        tree={tree({ filter: 'pass', editingFilter: true })}
        rows={3}
        width={70}
        focused
      />,
    ).lastFrame(),
  );
  expect(out[0]).toContain('filter "pass"');
  expect(out[1]).toBe('>+    26 B ▾ etc/');
  expect(out[2]).toBe(' +    26 B     passwd');
  expect(out.at(-1)).toBe(' /pass▏ 1 match — Enter keep · Esc clear');
  const none = lines(
    render(<TreePane model={model} layer={0} tree={tree({ filter: 'zzz' })} rows={3} width={70} focused />).lastFrame(),
  );
  expect(none.at(-1)).toBe(' nothing matches "zzz"');
});

test('virtualised: a 20,000-file layer renders only the rows that fit', async () => {
  const history = new Map<string, PathVersion[]>();
  for (let i = 0; i < 20_000; i++) {
    const path = `/data/d${i % 100}/f${i}`;
    history.set(path, [
      { layer: 0, change: 'added', entry: { path, kind: 'file', size: i, mode: 0o644, uid: 0, gid: 0 } },
    ]);
  }
  const base = await testModel([]);
  const model = createExploreModel({ ...base.report, layers: base.report.layers.slice(0, 1) }, { history });
  const frame = render(
    <TreePane model={model} layer={0} tree={tree({ cursor: 500, top: 495 })} rows={10} width={60} focused />,
  ).lastFrame();
  const out = lines(frame);
  expect(out).toHaveLength(12);
  expect(out[0]).toContain('20101 rows');
  expect(out[6]).toMatch(/^>\+/);
});
