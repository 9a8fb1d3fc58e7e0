// Everything the explorer shows, derived once from the analysis; per-layer views and row lists
// are computed on demand and cached, so every call is a pure function of its arguments.
import type { StackedImage } from '../../model/types.js';
import type { ImageReport } from '../../report/result.js';
import { type Collapse, filterMask, visibleRows } from './rows.js';
import { buildFileTree, type FileTree } from './tree.js';
import { buildView, largestFiles, type SortKey, sizeOrder, type TreeView, type ViewMode } from './view.js';

export interface RowQuery {
  layer: number;
  mode: ViewMode;
  sort: SortKey;
  filter: string;
  onlyChanges: boolean;
  collapse: Collapse;
}

export interface ExploreModel {
  readonly report: ImageReport;
  readonly tree: FileTree;
  readonly layerCount: number;
  view(layer: number, mode: ViewMode): TreeView;
  order(view: TreeView, sort: SortKey): Int32Array;
  filter(pattern: string): { keep: Uint8Array; matches: number } | undefined;
  largest(view: TreeView): number[];
  rows(q: RowQuery): Int32Array;
}

const VIEW_CACHE = 8;

export function createExploreModel(report: ImageReport, stack: Pick<StackedImage, 'history'>): ExploreModel {
  const tree = buildFileTree(stack.history);
  const views = new Map<string, TreeView>();
  const sizeOrders = new WeakMap<TreeView, Int32Array>();
  const largest = new WeakMap<TreeView, number[]>();
  let lastFilter: { pattern: string; mask: { keep: Uint8Array; matches: number } } | undefined;
  let lastRows: { q: RowQuery; rows: Int32Array } | undefined;

  const model: ExploreModel = {
    report,
    tree,
    layerCount: report.layers.length,
    view(layer, mode) {
      const key = `${layer}:${mode}`;
      let v = views.get(key);
      if (v) {
        views.delete(key); // most recently used last
      } else {
        v = buildView(tree, layer, mode);
        if (views.size >= VIEW_CACHE) views.delete(views.keys().next().value!);
      }
      views.set(key, v);
      return v;
    },
    order(view, sort) {
      if (sort === 'name') return tree.preorder;
      let o = sizeOrders.get(view);
      if (!o) {
        o = sizeOrder(tree, view);
        sizeOrders.set(view, o);
      }
      return o;
    },
    filter(pattern) {
      if (pattern === '') return undefined;
      if (lastFilter?.pattern !== pattern) lastFilter = { pattern, mask: filterMask(tree, pattern) };
      return lastFilter.mask;
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
      const p = lastRows?.q;
      if (
        p &&
        lastRows &&
        p.layer === q.layer &&
        p.mode === q.mode &&
        p.sort === q.sort &&
        p.filter === q.filter &&
        p.onlyChanges === q.onlyChanges &&
        p.collapse === q.collapse
      ) {
        return lastRows.rows;
      }
      const view = model.view(q.layer, q.mode);
      const rows = visibleRows(tree, view, {
        order: model.order(view, q.sort),
        collapse: q.collapse,
        keep: model.filter(q.filter)?.keep,
        onlyChanges: q.onlyChanges,
      });
      lastRows = { q, rows };
      return rows;
    },
  };
  return model;
}
