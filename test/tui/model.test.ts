import type { ExploreModel } from '../../src/tui/model/explore-model.js';
import { EXPANDED, filterMask, isCollapsed, pathMatcher, toggleNode, visibleRows } from '../../src/tui/model/rows.js';
import { ADDED, MODIFIED, REMOVED, UNCHANGED } from '../../src/tui/model/view.js';
import { node, testModel } from './helpers/model.js';

let model: ExploreModel;
beforeAll(async () => {
  model = await testModel();
});

const paths = (rows: Int32Array) => Array.from(rows, (n) => model.tree.paths[n]);
const rows = (layer: number, mode: 'layer' | 'aggregated', extra: Partial<Parameters<ExploreModel['rows']>[0]> = {}) =>
  paths(model.rows({ layer, mode, sort: 'name', filter: '', onlyChanges: false, collapse: EXPANDED, ...extra }));

describe('file tree', () => {
  test('one node per path of every layer, parents before children, children in name order', () => {
    const { tree } = model;
    expect(tree.paths[0]).toBe('/');
    expect(tree.parent[node(model, '/root/example/somefile1.txt')]).toBe(node(model, '/root/example'));
    expect(tree.depth[node(model, '/root/example/somefile1.txt')]).toBe(3);
    expect(tree.isDir[node(model, '/root/example')]).toBe(1);
    expect(tree.isDir[node(model, '/bin/busybox')]).toBe(0);
    expect(tree.subtree[0]).toBe(tree.count);
    const kids = Array.from(tree.childIds.subarray(tree.childStart[0], tree.childStart[1]), (n) => tree.names[n]);
    expect(kids).toEqual(['bin', 'etc', 'root']);
    // preorder: every subtree is contiguous
    const pos = new Map(Array.from(tree.preorder, (n, p) => [n, p] as const));
    const root = node(model, '/root');
    for (let p = pos.get(root)!; p < pos.get(root)! + tree.subtree[root]; p++) {
      expect(tree.paths[tree.preorder[p]].startsWith('/root')).toBe(true);
    }
  });
});

describe('views', () => {
  test('layer mode: only what the layer changed, and the directories above it', () => {
    expect(rows(3, 'layer')).toEqual(['/root', '/root/example', '/root/example/somefile1.txt']);
    const v = model.view(3, 'layer');
    expect(v.change[node(model, '/root/example/somefile1.txt')]).toBe(MODIFIED);
    expect(v.change[node(model, '/root')]).toBe(UNCHANGED);
  });

  test('a removal marks the removed directory and everything below it', () => {
    const v = model.view(4, 'layer');
    for (const p of ['/root/example', '/root/example/somefile1.txt', '/root/example/really/nested']) {
      expect(v.change[node(model, p)]).toBe(REMOVED);
    }
    expect(v.size[node(model, '/root/example')]).toBe(6000); // a removed directory sums what it removed
    expect(v.size[node(model, '/root')]).toBe(0); // removed bytes are not in the filesystem
  });

  test('aggregated mode: the filesystem after the layer, plus what this layer removed', () => {
    expect(rows(2, 'aggregated')).toContain('/bin/busybox');
    expect(rows(2, 'aggregated')).toContain('/root/example/somefile2.txt');
    const at2 = model.view(2, 'aggregated');
    expect(at2.change[node(model, '/root/big.bin')]).toBe(ADDED);
    expect(at2.change[node(model, '/bin/busybox')]).toBe(UNCHANGED);
    expect(at2.size[node(model, '/root')]).toBe(15000);
    const at4 = model.view(4, 'aggregated');
    expect(at4.change[node(model, '/root/example')]).toBe(REMOVED);
    expect(at4.present[node(model, '/root/example')]).toBe(1);
    // after the layer that removed it, the path is gone
    expect(model.view(4, 'aggregated').present[node(model, '/root/big.bin')]).toBe(1);
  });

  test('size order puts the largest child first', () => {
    expect(rows(2, 'aggregated', { sort: 'size' }).slice(0, 3)).toEqual(['/root', '/root/big.bin', '/root/example']);
  });

  test('largest files: biggest first, removed files left out', () => {
    const big = model.largest(model.view(2, 'aggregated')).map((n) => model.tree.paths[n]);
    expect(big[0]).toBe('/root/big.bin');
    expect(big[1]).toBe('/bin/busybox');
    expect(model.largest(model.view(4, 'layer'))).toEqual([]);
  });

  test('views are cached and rows are memoised', () => {
    expect(model.view(2, 'layer')).toBe(model.view(2, 'layer'));
    const q = {
      layer: 2,
      mode: 'layer' as const,
      sort: 'name' as const,
      filter: '',
      onlyChanges: false,
      collapse: EXPANDED,
    };
    expect(model.rows(q)).toBe(model.rows({ ...q }));
  });
});

describe('rows', () => {
  test('a collapsed directory hides its subtree; collapse-all inverts the default', () => {
    const example = node(model, '/root/example');
    const collapsed = toggleNode(EXPANDED, example);
    expect(isCollapsed(collapsed, example)).toBe(true);
    expect(rows(2, 'layer', { collapse: collapsed })).toEqual(['/root', '/root/big.bin', '/root/example']);
    const all = { all: true, toggled: new Set<number>() };
    expect(rows(2, 'aggregated', { collapse: all })).toEqual(['/bin', '/etc', '/root']);
  });

  test('only changes keeps changed paths and the directories above them', () => {
    expect(rows(3, 'aggregated', { onlyChanges: true })).toEqual([
      '/root',
      '/root/example',
      '/root/example/somefile1.txt',
    ]);
  });

  test('a filter keeps matches, their subtrees and, always open, their parents; no directory it leaves empty', () => {
    // /root/example/really/nested holds no file: under the filter it would be an empty branch
    expect(rows(2, 'aggregated', {}).includes('/root/example/really/nested')).toBe(true);
    expect(rows(2, 'aggregated', { filter: 'example' })).toEqual([
      '/root',
      '/root/example',
      '/root/example/somefile1.txt',
      '/root/example/somefile2.txt',
    ]);
    // parents of a match stay open even when collapsed
    const all = { all: true, toggled: new Set<number>() };
    expect(rows(2, 'aggregated', { filter: 'somefile2', collapse: all })).toEqual([
      '/root',
      '/root/example',
      '/root/example/somefile2.txt',
    ]);
    expect(filterMask(model.tree, 'somefile').matches).toBe(2);
  });

  test('patterns: substring, smart case, * and ? wildcards', () => {
    expect(pathMatcher('pass')('/etc/passwd')).toBe(true);
    expect(pathMatcher('PASS')('/etc/passwd')).toBe(false);
    expect(pathMatcher('Pass')('/etc/Passwd')).toBe(true);
    expect(pathMatcher('/etc/*wd')('/etc/passwd')).toBe(true);
    expect(pathMatcher('somefile?.txt')('/root/example/somefile1.txt')).toBe(true);
    expect(pathMatcher('a.b')('/aXb')).toBe(false);
  });

  test('visibleRows walks any depth-first order', () => {
    const view = model.view(0, 'layer');
    const out = visibleRows(model.tree, view, { order: model.tree.preorder, collapse: EXPANDED, onlyChanges: false });
    expect(paths(out)).toEqual(['/bin', '/bin/busybox', '/bin/sh', '/etc', '/etc/passwd', '/root']);
  });
});
