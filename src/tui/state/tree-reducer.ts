// Tree pane actions: pure functions of (model, layer, state, visible height).
import type { ExploreModel } from '../model/explore-model.js';
import { EXPANDED, expandAncestors, isCollapsed, KEEP_OPEN, setCollapsed, toggleNode } from '../model/rows.js';
import type { ViewMode } from '../model/view.js';
import { moveCursor, placeCursor } from './list.js';
import type { TreeState } from './types.js';

export const INITIAL_TREE: TreeState = {
  cursor: 0,
  top: 0,
  mode: 'layer',
  sort: 'name',
  onlyChanges: false,
  filter: '',
  editingFilter: false,
  collapse: EXPANDED,
  highlight: new Set(),
  biggest: -1,
  hidden: 0,
  attributes: false,
};

export function treeRowsOf(model: ExploreModel, layer: number, t: TreeState): Int32Array {
  return model.rows({
    layer,
    mode: t.mode,
    sort: t.sort,
    filter: t.filter,
    onlyChanges: t.onlyChanges,
    hidden: t.hidden,
    collapse: t.collapse,
  });
}

/** Show or hide the files of one change kind (dive's added / removed / modified / unchanged toggles). */
export function toggleKind(
  model: ExploreModel,
  layer: number,
  t: TreeState,
  change: number,
  height: number,
): TreeState {
  return remap(model, layer, t, { hidden: t.hidden ^ (1 << change) }, height);
}

/** The node under the cursor, or -1 when the tree is empty. */
export function cursorNode(model: ExploreModel, layer: number, t: TreeState): number {
  const rows = treeRowsOf(model, layer, t);
  return t.cursor < rows.length ? rows[t.cursor] : -1;
}

function rowOf(rows: Int32Array, node: number): number {
  return node < 0 ? -1 : rows.indexOf(node);
}

/** After the rows changed, put the cursor back on `node`, else on its nearest visible ancestor, else clamp. */
export function followNode(model: ExploreModel, layer: number, t: TreeState, node: number, height: number): TreeState {
  const rows = treeRowsOf(model, layer, t);
  let row = -1;
  for (let n = node; n > 0 && row < 0; n = model.tree.parent[n]) row = rowOf(rows, n);
  return placeCursor(t, row < 0 ? Math.min(t.cursor, rows.length - 1) : row, rows.length, height);
}

/** Change fields that alter the rows, keeping the cursor on the same file. */
function remap(model: ExploreModel, layer: number, t: TreeState, patch: Partial<TreeState>, height: number): TreeState {
  const node = cursorNode(model, layer, t);
  return followNode(model, layer, { ...t, ...patch }, node, height);
}

export function moveTree(model: ExploreModel, layer: number, t: TreeState, delta: number, height: number): TreeState {
  return moveCursor(t, delta, treeRowsOf(model, layer, t).length, height);
}

export function toggleCollapse(model: ExploreModel, layer: number, t: TreeState, height: number): TreeState {
  const node = cursorNode(model, layer, t);
  if (node < 0 || !model.tree.isDir[node]) return t;
  return followNode(model, layer, { ...t, collapse: toggleNode(t.collapse, node) }, node, height);
}

function forcedOpen(model: ExploreModel, t: TreeState, node: number): boolean {
  return model.filter(t.filter)?.keep[node] === KEEP_OPEN;
}

/** Left: fold an open directory, else go to the parent directory. */
export function collapseOrParent(model: ExploreModel, layer: number, t: TreeState, height: number): TreeState {
  const node = cursorNode(model, layer, t);
  if (node < 0) return t;
  if (model.tree.isDir[node] && !isCollapsed(t.collapse, node) && !forcedOpen(model, t, node)) {
    return followNode(model, layer, { ...t, collapse: setCollapsed(t.collapse, node, true) }, node, height);
  }
  const up = model.tree.parent[node];
  return up > 0 ? followNode(model, layer, t, up, height) : t;
}

/** Right: unfold a folded directory, else step into it. */
export function expandOrEnter(model: ExploreModel, layer: number, t: TreeState, height: number): TreeState {
  const node = cursorNode(model, layer, t);
  if (node < 0 || !model.tree.isDir[node]) return t;
  if (isCollapsed(t.collapse, node) && !forcedOpen(model, t, node)) {
    return followNode(model, layer, { ...t, collapse: setCollapsed(t.collapse, node, false) }, node, height);
  }
  const rows = treeRowsOf(model, layer, t);
  const next = rows[t.cursor + 1];
  return next !== undefined && model.tree.parent[next] === node ? moveCursor(t, 1, rows.length, height) : t;
}

export function collapseAll(
  model: ExploreModel,
  layer: number,
  t: TreeState,
  collapsed: boolean,
  height: number,
): TreeState {
  return remap(model, layer, t, { collapse: { all: collapsed, toggled: new Set() } }, height);
}

export function setMode(
  model: ExploreModel,
  layer: number,
  t: TreeState,
  mode: ViewMode | 'toggle',
  height: number,
): TreeState {
  const next: ViewMode = mode === 'toggle' ? (t.mode === 'layer' ? 'aggregated' : 'layer') : mode;
  return next === t.mode ? t : remap(model, layer, t, { mode: next }, height);
}

export function toggleSort(model: ExploreModel, layer: number, t: TreeState, height: number): TreeState {
  return remap(model, layer, t, { sort: t.sort === 'name' ? 'size' : 'name' }, height);
}

export function toggleOnlyChanges(model: ExploreModel, layer: number, t: TreeState, height: number): TreeState {
  return remap(model, layer, t, { onlyChanges: !t.onlyChanges }, height);
}

export function setFilter(model: ExploreModel, layer: number, t: TreeState, filter: string, height: number): TreeState {
  return filter === t.filter ? t : remap(model, layer, t, { filter }, height);
}

/** Show `nodes` (expand their directories, drop a filter or changes-only view that hides them) and put the cursor on the first. */
export function reveal(model: ExploreModel, layer: number, t: TreeState, nodes: number[], height: number): TreeState {
  const view = model.view(layer, t.mode);
  const shown = nodes.filter((n) => view.present[n]);
  let collapse = t.collapse;
  for (const n of shown) collapse = expandAncestors(model.tree, collapse, n);
  const mask = model.filter(t.filter);
  const filter = mask && shown.some((n) => !mask.keep[n]) ? '' : t.filter;
  const onlyChanges = t.onlyChanges && shown.every((n) => view.changedBelow[n]);
  const next: TreeState = { ...t, collapse, filter, onlyChanges, editingFilter: false, highlight: new Set(shown) };
  if (shown.length === 0) return placeCursor({ ...next, top: 0 }, 0, treeRowsOf(model, layer, next).length, height);
  const rows = treeRowsOf(model, layer, next);
  const first = Math.min(...shown.map((n) => rowOf(rows, n)).filter((r) => r >= 0));
  return placeCursor(next, Number.isFinite(first) ? first : 0, rows.length, height);
}

/** Jump to the next (delta 1) or previous (-1) largest file of the view. */
export function jumpBiggest(
  model: ExploreModel,
  layer: number,
  t: TreeState,
  delta: 1 | -1,
  height: number,
): TreeState {
  const list = model.largest(model.view(layer, t.mode));
  if (list.length === 0) return t;
  const at = t.biggest < 0 ? 0 : Math.min(list.length - 1, Math.max(0, t.biggest + delta));
  return { ...reveal(model, layer, t, [list[at]], height), biggest: at };
}

/** The selected layer changed: same file if it is still there, else the top. */
export function onLayerChange(model: ExploreModel, from: number, to: number, t: TreeState, height: number): TreeState {
  const node = cursorNode(model, from, t);
  const next: TreeState = { ...t, highlight: new Set(), biggest: -1 };
  const rows = treeRowsOf(model, to, next);
  const row = rowOf(rows, node);
  if (row < 0) return placeCursor({ ...next, top: 0 }, 0, rows.length, height);
  return placeCursor(next, row, rows.length, height);
}
