import type { ExploreModel } from '../../src/tui/model/explore-model.js';
import { isCollapsed } from '../../src/tui/model/rows.js';
import { computeLayout } from '../../src/tui/state/layout.js';
import { placeCursor } from '../../src/tui/state/list.js';
import { initialState, layoutOf, reduce } from '../../src/tui/state/reducer.js';
import { cursorNode, treeRowsOf } from '../../src/tui/state/tree-reducer.js';
import type { Action, ExploreState } from '../../src/tui/state/types.js';
import { node, testModel } from './helpers/model.js';

let model: ExploreModel;
beforeAll(async () => {
  model = await testModel();
});

const run = (s: ExploreState, ...actions: Action[]) => actions.reduce((st, a) => reduce(model, st, a), s);
const start = (cols = 100, rows = 30) => initialState(cols, rows);
const down: Action = { type: 'move', delta: 1 };
const up: Action = { type: 'move', delta: -1 };
const toTree: Action = { type: 'focus', delta: 1 };
const at = (s: ExploreState) => model.tree.paths[cursorNode(model, s.layers.cursor, s.tree)];
const rowPaths = (s: ExploreState) =>
  Array.from(treeRowsOf(model, s.layers.cursor, s.tree), (n) => model.tree.paths[n]);

describe('list cursor', () => {
  test('clamps and scrolls the window', () => {
    expect(placeCursor({ cursor: 0, top: 0 }, 5, 10, 3)).toEqual({ cursor: 5, top: 3 });
    expect(placeCursor({ cursor: 5, top: 3 }, 1, 10, 3)).toEqual({ cursor: 1, top: 1 });
    expect(placeCursor({ cursor: 0, top: 0 }, 99, 10, 3)).toEqual({ cursor: 9, top: 7 });
    expect(placeCursor({ cursor: 3, top: 0 }, -5, 0, 3)).toEqual({ cursor: 0, top: 0 });
  });
});

describe('layout', () => {
  test('80x24: two columns, lists share the left column, one line kept free', () => {
    const l = computeLayout(80, 24, 14, 8);
    expect(l).toMatchObject({ width: 80, height: 23, leftWidth: 40, rightWidth: 40, treeRows: 20, tooSmall: false });
    expect(l.layerRows + l.findingRows).toBe(14); // 23 rows: help bar, 3 titles, layers header, 4 image lines
    expect(computeLayout(80, 24, 3, 0)).toMatchObject({ layerRows: 3, findingRows: 11 });
    expect(computeLayout(40, 10, 3, 0).tooSmall).toBe(true);
  });
});

describe('focus', () => {
  test('Tab cycles layers → tree → findings, Shift+Tab goes back', () => {
    const s = start();
    expect(run(s, toTree).focus).toBe('tree');
    expect(run(s, toTree, toTree).focus).toBe('findings');
    expect(run(s, toTree, toTree, toTree).focus).toBe('layers');
    expect(run(s, { type: 'focus', delta: -1 }).focus).toBe('findings');
  });
  test('without findings the findings pane is skipped', async () => {
    const empty = await testModel([]);
    const s = reduce(empty, reduce(empty, start(), toTree), toTree);
    expect(s.focus).toBe('layers');
  });
});

describe('layers pane', () => {
  test('↑↓ select the layer and the tree follows it', () => {
    const s = run(start(), down, down);
    expect(s.layers.cursor).toBe(2);
    expect(rowPaths(s)).toEqual([
      '/root',
      '/root/big.bin',
      '/root/example',
      '/root/example/somefile1.txt',
      '/root/example/somefile2.txt',
    ]);
    expect(run(s, up).layers.cursor).toBe(1);
    expect(run(start(), up).layers.cursor).toBe(0);
  });
  test('PgDn, End, PgUp, Home', () => {
    expect(run(start(), { type: 'page', delta: 1 }).layers.cursor).toBe(4);
    expect(run(start(), { type: 'end' }).layers.cursor).toBe(4);
    expect(run(start(), { type: 'end' }, { type: 'page', delta: -1 }).layers.cursor).toBe(0);
    expect(run(start(), { type: 'end' }, { type: 'home' }).layers.cursor).toBe(0);
  });
  test('the tree cursor stays on the same file when the next layer shows it', () => {
    let s = run(start(), { type: 'set-mode', mode: 'aggregated' }, toTree, down); // /bin/busybox
    expect(at(s)).toBe('/bin/busybox');
    s = run(s, { type: 'focus', delta: -1 }, down);
    expect(at(s)).toBe('/bin/busybox');
  });
});

describe('tree pane', () => {
  const tree = () => run(start(), down, down, toTree); // layer 2
  test('↑↓ move, End and Home jump, PgDn pages', () => {
    expect(at(run(tree(), down))).toBe('/root/big.bin');
    expect(at(run(tree(), { type: 'end' }))).toBe('/root/example/somefile2.txt');
    expect(at(run(tree(), { type: 'end' }, { type: 'home' }))).toBe('/root');
    expect(at(run(tree(), { type: 'page', delta: 1 }))).toBe('/root/example/somefile2.txt');
    expect(at(run(tree(), up))).toBe('/root');
  });
  test('Space folds and unfolds the directory under the cursor', () => {
    const folded = run(tree(), down, down, { type: 'toggle-collapse' });
    expect(rowPaths(folded)).toEqual(['/root', '/root/big.bin', '/root/example']);
    expect(at(folded)).toBe('/root/example');
    expect(rowPaths(run(folded, { type: 'toggle-collapse' }))).toHaveLength(5);
    // on a file it does nothing
    const file = run(tree(), down);
    expect(run(file, { type: 'toggle-collapse' })).toBe(file);
  });
  test('← folds an open directory, then goes to the parent; → unfolds, then steps in', () => {
    let s = run(tree(), down, down, down); // somefile1.txt
    s = run(s, { type: 'collapse' });
    expect(at(s)).toBe('/root/example');
    s = run(s, { type: 'collapse' });
    expect(isCollapsed(s.tree.collapse, node(model, '/root/example'))).toBe(true);
    expect(at(s)).toBe('/root/example');
    s = run(s, { type: 'expand' });
    expect(isCollapsed(s.tree.collapse, node(model, '/root/example'))).toBe(false);
    s = run(s, { type: 'expand' });
    expect(at(s)).toBe('/root/example/somefile1.txt');
    expect(run(s, { type: 'expand' })).toBe(s); // a file
  });
  test('collapse all keeps the cursor on the top directory; expand all restores every row', () => {
    const s = run(tree(), down, down, down, { type: 'collapse-all' });
    expect(rowPaths(s)).toEqual(['/root']);
    expect(at(s)).toBe('/root');
    expect(rowPaths(run(s, { type: 'expand-all' }))).toHaveLength(5);
  });
  test('a toggles layer changes / aggregated; Ctrl+A and Ctrl+L set it', () => {
    const s = run(tree(), { type: 'set-mode', mode: 'toggle' });
    expect(s.tree.mode).toBe('aggregated');
    expect(rowPaths(s)).toContain('/bin/busybox');
    expect(run(s, { type: 'set-mode', mode: 'toggle' }).tree.mode).toBe('layer');
    expect(run(s, { type: 'set-mode', mode: 'aggregated' })).toBe(s);
    expect(run(s, { type: 'set-mode', mode: 'layer' }).tree.mode).toBe('layer');
  });
  test('s sorts by size and back, keeping the cursor on its file', () => {
    const s = run(tree(), down, down, { type: 'toggle-sort' }); // on /root/example
    expect(s.tree.sort).toBe('size');
    expect(rowPaths(s).slice(0, 2)).toEqual(['/root', '/root/big.bin']);
    expect(at(s)).toBe('/root/example');
    expect(run(s, { type: 'toggle-sort' }).tree.sort).toBe('name');
  });
  test('o shows only changes', () => {
    const s = run(tree(), { type: 'set-mode', mode: 'aggregated' }, { type: 'toggle-only-changes' });
    expect(rowPaths(s)).not.toContain('/bin/busybox');
    expect(rowPaths(s)).toContain('/root/big.bin');
    expect(run(s, { type: 'toggle-only-changes' }).tree.onlyChanges).toBe(false);
  });
  test('/ types a filter in place; Backspace, Enter and Esc', () => {
    let s = run(start(), { type: 'filter-start' });
    expect(s.focus).toBe('tree');
    expect(s.tree.editingFilter).toBe(true);
    s = run(s, { type: 'filter-input', text: 'pass' });
    expect(rowPaths(s)).toEqual(['/etc', '/etc/passwd']);
    s = run(s, { type: 'filter-backspace' }, { type: 'filter-backspace' });
    expect(s.tree.filter).toBe('pa');
    s = run(s, { type: 'filter-accept' });
    expect(s.tree).toMatchObject({ filter: 'pa', editingFilter: false });
    s = run(s, { type: 'filter-cancel' });
    expect(s.tree).toMatchObject({ filter: '', editingFilter: false });
    expect(rowPaths(s)).toHaveLength(6);
  });
  test('b jumps to the largest files in turn, B back; hidden ones are revealed', () => {
    let s = run(
      start(),
      { type: 'set-mode', mode: 'aggregated' },
      down,
      down,
      { type: 'collapse-all' },
      { type: 'biggest', delta: 1 },
    );
    expect(s.focus).toBe('tree');
    expect(at(s)).toBe('/root/big.bin');
    expect(s.tree.highlight.has(node(model, '/root/big.bin'))).toBe(true);
    s = run(s, { type: 'biggest', delta: 1 });
    expect(at(s)).toBe('/bin/busybox');
    s = run(s, { type: 'biggest', delta: -1 });
    expect(at(s)).toBe('/root/big.bin');
    expect(run(start(), { type: 'filter-input', text: 'passwd' }, { type: 'biggest', delta: 1 }).tree.filter).toBe('');
  });
});

describe('findings pane', () => {
  const findings = () => run(start(), toTree, toTree);
  test('moving onto a finding selects its layer and reveals its paths', () => {
    const s = run(findings(), { type: 'home' });
    expect(s.layers.cursor).toBe(0); // the cursor did not move: nothing selected yet
    const first = run(findings(), down, up);
    expect(first.layers.cursor).toBe(4);
    expect(first.tree.mode).toBe('layer');
    expect(at(first)).toBe('/root/example/somefile1.txt');
    expect([...first.tree.highlight].map((n) => model.tree.paths[n]).sort()).toEqual([
      '/root/example/somefile1.txt',
      '/root/example/somefile2.txt',
    ]);
  });
  test('a finding without a layer leaves the layer alone; Enter moves to the tree', () => {
    const s = run(findings(), down);
    expect(s.findings.cursor).toBe(1);
    expect(s.tree.highlight.size).toBe(0);
    const third = run(findings(), down, down, { type: 'select-finding' });
    expect(third.focus).toBe('tree');
    expect(third.layers.cursor).toBe(2);
    expect(at(third)).toBe('/root/big.bin');
  });
  test("paths not changed by the finding's layer switch the tree to the aggregated view", async () => {
    const m = await testModel([{ ruleId: 'x', severity: 'note', message: 'm', layer: 3, paths: ['/etc/passwd'] }]);
    const s = reduce(m, start(), { type: 'select-finding' });
    expect(s.layers.cursor).toBe(3);
    expect(s.tree.mode).toBe('aggregated');
    expect(m.tree.paths[cursorNode(m, 3, s.tree)]).toBe('/etc/passwd');
  });
  test('revealing drops a filter and a collapse that hide the paths', () => {
    const s = run(start(), { type: 'collapse-all' }, { type: 'filter-input', text: 'busybox' }, toTree, {
      type: 'select-finding',
    });
    expect(s.tree.filter).toBe('');
    expect(at(s)).toBe('/root/example/somefile1.txt');
  });
});

describe('help, quit, resize', () => {
  test('? toggles the help', () => {
    expect(run(start(), { type: 'toggle-help' }).showHelp).toBe(true);
    expect(run(start(), { type: 'toggle-help' }, { type: 'toggle-help' }).showHelp).toBe(false);
  });
  test('q quits', () => {
    expect(run(start(), { type: 'quit' }).quit).toBe(true);
  });
  test('resize lays out again and keeps the cursors in view', () => {
    let s = run(start(100, 40), down, down, toTree, { type: 'end' });
    s = run(s, { type: 'resize', cols: 60, rows: 12 });
    const l = layoutOf(model, s);
    expect(s.cols).toBe(60);
    expect(s.tree.cursor).toBeGreaterThanOrEqual(s.tree.top);
    expect(s.tree.cursor).toBeLessThan(s.tree.top + l.treeRows);
    expect(s.layers.cursor).toBeLessThan(s.layers.top + l.layerRows);
  });
});
