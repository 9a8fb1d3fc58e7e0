// The explorer model's caches and fast paths: typed-array views, depth-first node ids, incremental
// size orders and filters, the row cache and the idle warm-up, checked against the plain
// implementations (helpers/reference.ts) on a random image and on the test image.
import { analysisFromRecipe, type FileSpec, type ImageRecipe } from '../../fixtures/builder/index.js';
import { buildImageReport } from '../../src/report/result.js';
import { createExploreModel, type ExploreModel, type RowQuery } from '../../src/tui/model/explore-model.js';
import { EXPANDED, filterMask, narrows, toggleNode } from '../../src/tui/model/rows.js';
import { ADDED, buildView, MODIFIED, REMOVED, sizeOrder, UNCHANGED, type ViewMode } from '../../src/tui/model/view.js';
import { node, testModel } from './helpers/model.js';
import {
  referenceFilter,
  referenceNameOrder,
  referenceRows,
  referenceSizeOrder,
  referenceView,
} from './helpers/reference.js';

/** A deterministic random image: nested directories (some only implicit), files added, modified, removed, opaque dirs. */
function randomRecipe(seed: number, layers = 7): ImageRecipe {
  let x = seed;
  const rand = (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const NAMES = ['a', 'B', 'lib', 'Lib64', 'usr', 'share', 'x.so', 'file1', 'file12', 'data.bin'];
  const alive = new Set<string>();
  const out: ImageRecipe['layers'] = [];
  for (let l = 0; l < layers; l++) {
    const files: FileSpec[] = [];
    const used = new Set<string>();
    const add = (spec: FileSpec) => {
      if (used.has(spec.path)) return;
      used.add(spec.path);
      files.push(spec);
    };
    for (let i = 0; i < 25; i++) {
      const depth = 1 + rand(4);
      const parts = Array.from({ length: depth }, () => NAMES[rand(NAMES.length)]);
      const path = parts.join('/');
      if ([...used].some((u) => u.startsWith(`${path}/`) || path.startsWith(`${u}/`))) continue;
      if (rand(5) === 0) add({ path, type: 'dir' });
      else {
        add({ path, size: 1 + rand(5000), seed: `${l}-${i}` });
        alive.add(path);
      }
    }
    if (l > 0) {
      const existing = [...alive];
      for (let i = 0; i < 3 && existing.length > 0; i++) {
        const victim = existing[rand(existing.length)];
        const parts = victim.split('/');
        const cut = parts.slice(0, 1 + rand(parts.length)).join('/');
        if ([...used].some((u) => u === cut || u.startsWith(`${cut}/`) || cut.startsWith(`${u}/`))) continue;
        if (rand(6) === 0 && cut !== victim) add({ path: cut, type: 'opaque' });
        else add({ path: cut, type: 'whiteout' });
        for (const a of [...alive]) if (a === cut || a.startsWith(`${cut}/`)) alive.delete(a);
      }
    }
    out.push({ createdBy: `layer ${l}`, files });
  }
  return { layers: out };
}

async function randomModel(seed: number): Promise<ExploreModel> {
  const analysis = await analysisFromRecipe(randomRecipe(seed), `random-${seed}.tar`);
  return createExploreModel(buildImageReport(analysis, [], [], 'error'), analysis.stack);
}

const MODES: ViewMode[] = ['layer', 'aggregated'];
const PATTERNS = [
  'f',
  'fi',
  'file',
  'file1',
  'file12',
  'FILE',
  'Lib',
  'lib',
  'l*b',
  'l*b6',
  'a?',
  '/',
  'usr/',
  'usr/sh',
  '.so',
  'x',
];

let models: ExploreModel[];
beforeAll(async () => {
  models = [await testModel(), await randomModel(1), await randomModel(7), await randomModel(42)];
});

describe('node ids', () => {
  test('ids are depth-first positions in name order: a subtree is the id range [n, n + subtree[n])', () => {
    for (const { tree } of models) {
      expect(Array.from(referenceNameOrder(tree))).toEqual(Array.from({ length: tree.count }, (_, i) => i));
      expect(Array.from(tree.preorder)).toEqual(Array.from({ length: tree.count }, (_, i) => i));
      for (let n = 1; n < tree.count; n++) {
        expect(tree.parent[n]).toBeLessThan(n);
        expect(tree.index.get(tree.paths[n])).toBe(n);
        expect(n + tree.subtree[n]).toBeLessThanOrEqual(tree.parent[n] + tree.subtree[tree.parent[n]]);
      }
    }
  });
});

describe('views from the version table', () => {
  test('every layer and mode agrees with the history walked node by node', () => {
    const seen = new Set<number>();
    for (const { tree, layerCount } of models) {
      for (let layer = 0; layer < layerCount; layer++) {
        for (const mode of MODES) {
          const view = buildView(tree, layer, mode);
          expect(view).toEqual(referenceView(tree, layer, mode));
          for (const c of view.change) seen.add(c);
        }
      }
    }
    expect([...seen].sort()).toEqual([UNCHANGED, ADDED, MODIFIED, REMOVED]); // the images exercise every change
  });

  test('building one view after another leaves nothing behind (scratch counters are zeroed)', () => {
    const { tree } = models[1];
    const first = buildView(tree, 3, 'aggregated');
    for (let l = 0; l < 6; l++) buildView(tree, l, 'layer');
    expect(buildView(tree, 3, 'aggregated')).toEqual(first);
  });
});

describe('size orders', () => {
  test('from scratch and from any other view: largest first, ties by name', () => {
    for (const { tree, layerCount } of models) {
      const views = MODES.flatMap((mode) => Array.from({ length: layerCount }, (_, l) => buildView(tree, l, mode)));
      const full = views.map((v) => sizeOrder(tree, v));
      views.forEach((v, i) => {
        const want = Array.from(referenceSizeOrder(tree, v));
        expect(Array.from(full[i].order)).toEqual(want);
        for (const j of [0, i - 1, i + 1, views.length - 1]) {
          if (j < 0 || j >= views.length || j === i) continue;
          expect(Array.from(sizeOrder(tree, v, { view: views[j], sized: full[j] }).order)).toEqual(want);
        }
      });
    }
  });
});

describe('filters', () => {
  test('the indexOf search and the narrowed search agree with testing every name', () => {
    for (const { tree } of models) {
      for (const p of PATTERNS) {
        const want = referenceFilter(tree, p);
        const got = filterMask(tree, p);
        expect(got.keep).toEqual(want.keep);
        expect(got.matches).toBe(want.matches);
        for (const earlier of PATTERNS) {
          if (!narrows(p, earlier)) continue;
          const narrowed = filterMask(tree, p, filterMask(tree, earlier));
          expect(narrowed.keep).toEqual(want.keep);
          expect(narrowed.matches).toBe(want.matches);
        }
      }
    }
  });

  test('a pattern narrows an earlier one it contains, tested against the same texts', () => {
    expect(narrows('file1', 'file')).toBe(true);
    expect(narrows('fileX', 'file')).toBe(true); // a case-sensitive match is also a case-insensitive one
    expect(narrows('l*b6', 'l*b')).toBe(true);
    expect(narrows('fil', 'file')).toBe(false); // deleting widens
    expect(narrows('usr/sh', 'usr')).toBe(false); // paths, not names
    expect(narrows('x', '')).toBe(false);
  });

  test('typing a pattern reuses the last masks; deleting back is served from the cache', async () => {
    const model = await randomModel(3);
    for (const p of ['f', 'fi', 'fil', 'file', 'file1'])
      expect(model.filter(p)!.keep).toEqual(referenceFilter(model.tree, p).keep);
    const before = model.built.filters;
    for (const p of ['file', 'fil', 'fi', 'f']) model.filter(p);
    expect(model.built.filters).toBe(before);
    expect(model.filter('file')).toBe(model.filter('file'));
  });
});

describe('row cache', () => {
  const query = (over: Partial<RowQuery> = {}): RowQuery => ({
    layer: 2,
    mode: 'aggregated',
    sort: 'name',
    filter: '',
    onlyChanges: false,
    collapse: EXPANDED,
    ...over,
  });

  test('every query agrees with the plain implementation', () => {
    for (const model of models) {
      for (let layer = 0; layer < model.layerCount; layer++) {
        for (const mode of MODES) {
          for (const sort of ['name', 'size'] as const) {
            for (const [filter, onlyChanges] of [
              ['', false],
              ['', true],
              ['lib', false],
              ['file1', true],
            ] as const) {
              const q = query({ layer, mode, sort, filter, onlyChanges });
              expect(Array.from(model.rows(q))).toEqual(referenceRows(model.tree, q));
            }
          }
        }
      }
    }
  });

  test('a query seen before is served from the cache; sort, filter, only-changes, mode and folds each miss it', async () => {
    const model = await randomModel(11);
    const q = query();
    const rows = model.rows(q);
    const built = model.built.rows;
    expect(model.rows({ ...q })).toBe(rows);
    expect(model.built.rows).toBe(built);
    const dir = Array.from(rows).find((n) => model.tree.isDir[n])!;
    const changed: RowQuery[] = [
      query({ sort: 'size' }),
      query({ filter: 'file' }),
      query({ onlyChanges: true }),
      query({ mode: 'layer' }),
      query({ layer: 3 }),
      query({ collapse: toggleNode(EXPANDED, dir) }),
      query({ collapse: { all: true, toggled: new Set() } }),
    ];
    for (const c of changed) {
      const got = model.rows(c);
      expect(Array.from(got)).toEqual(referenceRows(model.tree, c));
    }
    expect(model.built.rows).toBe(built + changed.length);
    // a fold toggled twice is a new Collapse: computed again, with the first rows
    const twice = toggleNode(toggleNode(EXPANDED, dir), dir);
    expect(Array.from(model.rows(query({ collapse: twice })))).toEqual(Array.from(rows));
    // and the first query is still cached
    expect(model.rows(q)).toBe(rows);
  });

  test('a size order starts from a cached neighbour and equals the full sort', async () => {
    const model = await randomModel(5);
    for (let layer = 0; layer < model.layerCount; layer++) {
      const order = model.order(model.view(layer, 'aggregated'), 'size');
      expect(Array.from(order)).toEqual(Array.from(referenceSizeOrder(model.tree, model.view(layer, 'aggregated'))));
    }
    expect(model.built.sizeOrders).toBe(model.layerCount);
  });
});

describe('idle warm-up', () => {
  test('the steps build the neighbouring layers and the other mode; a switch then only walks its rows', async () => {
    const model = await randomModel(9);
    const q: RowQuery = {
      layer: 3,
      mode: 'aggregated',
      sort: 'size',
      filter: 'lib',
      onlyChanges: false,
      collapse: EXPANDED,
    };
    model.rows(q);
    expect(model.built).toMatchObject({ views: 1, sizeOrders: 1 });
    for (const step of model.warmSteps(q)) step();
    expect(model.built).toMatchObject({ views: 6, sizeOrders: 6, rows: 1 });
    for (const layer of [1, 2, 4, 5]) {
      expect(Array.from(model.rows({ ...q, layer }))).toEqual(referenceRows(model.tree, { ...q, layer }));
    }
    model.rows({ ...q, mode: 'layer' });
    expect(model.built).toMatchObject({ views: 6, sizeOrders: 6, rows: 6 });
    // a second round of the same steps is all cache hits
    for (const step of model.warmSteps(q)) step();
    expect(model.built).toMatchObject({ views: 6, sizeOrders: 6, rows: 6 });
    // sorted by name, no size orders are made
    for (const step of model.warmSteps({ ...q, layer: 0, sort: 'name' })) step();
    expect(model.built).toMatchObject({ views: 7, sizeOrders: 6 });
  });

  test('at the first and last layer there is one side to warm', async () => {
    const model = models[0];
    const q: RowQuery = { layer: 0, mode: 'layer', sort: 'name', filter: '', onlyChanges: false, collapse: EXPANDED };
    for (const step of model.warmSteps(q)) step();
    for (const step of model.warmSteps({ ...q, layer: model.layerCount - 1 })) step();
    expect(model.view(1, 'layer').present[node(model, '/root/example/really/nested')]).toBe(1);
  });
});
