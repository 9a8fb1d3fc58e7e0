// Everything the explorer shows, derived once from the analysis; per-layer views, orders, filter
// masks and row lists are computed on demand and cached, so every call is a pure function of its
// arguments. `warmSteps` lists the work the next keys are likely to need, for idle time.
import { type PackageUsage, packageId } from '../../analyzers/packages/index.js';
import type { StackedImage } from '../../model/types.js';
import type { ImageReport } from '../../report/result.js';
import { type Collapse, type FilterMask, filterMask, narrows, prepareFilter, visibleRows } from './rows.js';
import { buildFileTree, type FileTree } from './tree.js';
import {
  buildView,
  largestFiles,
  type SizeOrder,
  type SortKey,
  sizeOrder,
  type TreeView,
  type ViewMode,
} from './view.js';

export interface RowQuery {
  layer: number;
  mode: ViewMode;
  sort: SortKey;
  filter: string;
  onlyChanges: boolean;
  hidden?: number; // change kinds hidden (bit 1 << change)
  collapse: Collapse;
}

export interface ExploreModel {
  readonly report: ImageReport;
  /** the Dockerfile's text, when one was given: the details view shows a finding's fix as a diff of it */
  readonly dockerfileText?: string;
  readonly tree: FileTree;
  readonly layerCount: number;
  /** the packages list: packages with bytes in the image (final or shipped and removed), largest first */
  readonly packages: readonly PackageUsage[];
  /** the final paths the i-th package owns (worked out on first use) */
  packagePaths(index: number): string[];
  view(layer: number, mode: ViewMode): TreeView;
  order(view: TreeView, sort: SortKey): Int32Array;
  filter(pattern: string): FilterMask | undefined;
  largest(view: TreeView): number[];
  rows(q: RowQuery): Int32Array;
  /** How many of each were computed (not served from a cache): for tests and the bench. */
  readonly built: BuildCounts;
  /**
   * Small steps (each one view or size order) that make the keys likely to follow `q` hit the
   * caches: the neighbouring layers first, then the other mode, then the name filter's search
   * text. For idle time, one step at a time; a step whose result is cached costs nothing.
   */
  warmSteps(q: RowQuery): (() => void)[];
}

export interface BuildCounts {
  views: number;
  sizeOrders: number;
  filters: number;
  rows: number;
}

/** Least recently used first; `get` refreshes, `set` evicts beyond `limit`. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly limit: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  peek(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, v: V): void {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.limit) this.map.delete(this.map.keys().next().value!);
  }
  values(): IterableIterator<V> {
    return this.map.values();
  }
  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }
}

const VIEW_MIN = 8;
const VIEW_BUDGET = 128 * 1024 * 1024; // bytes of cached views (a view: about 11 bytes a node, 19 when sorted by size)
const FILTER_CACHE = 16; // patterns: typing and deleting back stays cached
const ROWS_CACHE = 16;
const NEIGHBOURS = 2; // layers either side warmed in idle time

const sameQuery = (a: RowQuery, b: RowQuery) =>
  a.layer === b.layer &&
  a.mode === b.mode &&
  a.sort === b.sort &&
  a.filter === b.filter &&
  a.onlyChanges === b.onlyChanges &&
  (a.hidden ?? 0) === (b.hidden ?? 0) &&
  a.collapse === b.collapse;

export function createExploreModel(
  report: ImageReport,
  stack: Pick<StackedImage, 'history'>,
  dockerfileText?: string,
  /** the final paths of every package, by package id (analyzers/packages packagePaths); called once, when needed */
  ownedPaths: () => Map<string, string[]> = () => new Map(),
): ExploreModel {
  const packages = (report.packages?.packages ?? []).filter((p) => p.bytes > 0 || p.wastedBytes > 0);
  let owned: Map<string, string[]> | undefined;
  const tree = buildFileTree(stack.history);
  const layerCount = report.layers.length;
  const viewLimit = Math.max(VIEW_MIN, Math.min(2 * layerCount, Math.floor(VIEW_BUDGET / (19 * tree.count))));
  const views = new Lru<string, TreeView>(viewLimit);
  const sizeOrders = new WeakMap<TreeView, SizeOrder>();
  const largest = new WeakMap<TreeView, number[]>();
  const filters = new Lru<string, FilterMask>(FILTER_CACHE);
  const rowLists: { q: RowQuery; rows: Int32Array }[] = []; // most recent last
  const built: BuildCounts = { views: 0, sizeOrders: 0, filters: 0, rows: 0 };

  /** A cached view with a size order to start from: the same mode and the nearest layer if any. */
  function sizedNeighbour(view: TreeView): { view: TreeView; sized: SizeOrder } | undefined {
    let best: { view: TreeView; sized: SizeOrder } | undefined;
    let bestCost = Infinity;
    for (const v of views.values()) {
      const sized = sizeOrders.get(v);
      if (!sized || v === view) continue;
      const cost = Math.abs(v.layer - view.layer) + (v.mode === view.mode ? 0 : layerCount);
      if (cost < bestCost) {
        bestCost = cost;
        best = { view: v, sized };
      }
    }
    return best;
  }

  const model: ExploreModel = {
    report,
    dockerfileText,
    tree,
    layerCount,
    packages,
    packagePaths(index) {
      const p = packages[index];
      if (!p) return [];
      owned ??= ownedPaths();
      return owned.get(packageId(p.ecosystem, p.name, p.location)) ?? [];
    },
    built,
    view(layer, mode) {
      const key = `${layer}:${mode}`;
      let v = views.get(key);
      if (!v) {
        v = buildView(tree, layer, mode);
        built.views++;
        views.set(key, v);
      }
      return v;
    },
    order(view, sort) {
      if (sort === 'name') return tree.preorder;
      let o = sizeOrders.get(view);
      if (!o) {
        o = sizeOrder(tree, view, sizedNeighbour(view));
        built.sizeOrders++;
        sizeOrders.set(view, o);
      }
      return o.order;
    },
    filter(pattern) {
      if (pattern === '') return undefined;
      let mask = filters.get(pattern);
      if (!mask) {
        // start from the cached pattern this one narrows that kept the fewest subtrees
        let earlier: FilterMask | undefined;
        for (const [p, m] of filters.entries()) {
          if (narrows(pattern, p) && (!earlier || m.roots.length < earlier.roots.length)) earlier = m;
        }
        mask = filterMask(tree, pattern, earlier);
        built.filters++;
        filters.set(pattern, mask);
      }
      return mask;
    },
    largest(view) {
      let l = largest.get(view);
      if (!l) {
        l = largestFiles(tree, view);
        largest.set(view, l);
      }
      return l;
    },
    rows(q) {
      const at = rowLists.findIndex((r) => sameQuery(r.q, q));
      if (at >= 0) {
        const hit = rowLists[at];
        if (at !== rowLists.length - 1) {
          rowLists.splice(at, 1);
          rowLists.push(hit);
        }
        return hit.rows;
      }
      const view = model.view(q.layer, q.mode);
      const rows = visibleRows(tree, view, {
        order: model.order(view, q.sort),
        collapse: q.collapse,
        keep: model.filter(q.filter)?.keep,
        onlyChanges: q.onlyChanges,
        hidden: q.hidden,
      });
      built.rows++;
      rowLists.push({ q: { ...q }, rows });
      if (rowLists.length > ROWS_CACHE) rowLists.shift();
      return rows;
    },
    warmSteps(q) {
      const steps: (() => void)[] = [];
      // views and orders only: they take the time (a few ms each at 200,000 files) and stay
      // cached; a row list is a quick walk, and making one for every state the keys pass through
      // would leave a megabyte of garbage each time
      const warm = (layer: number, mode: ViewMode) => {
        if (layer < 0 || layer >= layerCount) return;
        steps.push(() => model.view(layer, mode));
        if (q.sort === 'size') steps.push(() => model.order(model.view(layer, mode), 'size'));
      };
      for (let d = 1; d <= NEIGHBOURS; d++) {
        warm(q.layer + d, q.mode);
        warm(q.layer - d, q.mode);
      }
      warm(q.layer, q.mode === 'layer' ? 'aggregated' : 'layer');
      steps.push(() => prepareFilter(tree));
      return steps;
    },
  };
  return model;
}
