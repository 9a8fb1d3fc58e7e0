// The explorer's root reducer: (model, state, action) -> state. Pure; the model only caches.
import type { ExploreModel } from '../model/explore-model.js';
import { computeLayout } from './layout.js';
import { moveCursor, placeCursor } from './list.js';
import * as tree from './tree-reducer.js';
import { type Action, type ExploreState, PANES, type Pane, type TreeState } from './types.js';

export function initialState(cols: number, rows: number): ExploreState {
  return {
    cols,
    rows,
    focus: 'layers',
    layers: { cursor: 0, top: 0 },
    findings: { cursor: 0, top: 0 },
    lower: 'findings',
    packages: { cursor: 0, top: 0 },
    tree: tree.INITIAL_TREE,
    showHelp: false,
    details: false,
    quit: false,
  };
}

export function layoutOf(
  model: ExploreModel,
  s: Pick<ExploreState, 'cols' | 'rows'> & { lower?: ExploreState['lower'] },
) {
  return computeLayout(s.cols, s.rows, model.layerCount, lowerCount(model, s.lower ?? 'findings'));
}

/** How many rows the lower-left list has: findings, or packages. */
function lowerCount(model: ExploreModel, lower: ExploreState['lower']): number {
  return lower === 'packages' ? model.packages.length : model.report.findings.length;
}

/**
 * Select the package under the packages cursor: the last layer, aggregated (the filesystem the
 * image runs with), and the files it owns revealed and highlighted in the tree.
 */
function applyPackage(model: ExploreModel, s: ExploreState): ExploreState {
  if (!model.packages[s.packages.cursor]) return s;
  const next = selectLayer(model, s, model.layerCount - 1);
  const layer = next.layers.cursor;
  const nodes = model
    .packagePaths(s.packages.cursor)
    .map((p) => model.tree.index.get(p))
    .filter((n): n is number => n !== undefined);
  const h = layoutOf(model, next).treeRows;
  return { ...next, tree: tree.reveal(model, layer, { ...next.tree, mode: 'aggregated' }, nodes, h) };
}

function selectLayer(model: ExploreModel, s: ExploreState, layer: number): ExploreState {
  const h = layoutOf(model, s);
  const layers = placeCursor(s.layers, layer, model.layerCount, h.layerRows);
  if (layers.cursor === s.layers.cursor) return layers === s.layers ? s : { ...s, layers };
  return { ...s, layers, tree: tree.onLayerChange(model, s.layers.cursor, layers.cursor, s.tree, h.treeRows) };
}

/** Select the finding under the findings cursor: its layer, and its paths revealed in the tree. */
function applyFinding(model: ExploreModel, s: ExploreState): ExploreState {
  const f = model.report.findings[s.findings.cursor];
  if (!f) return s;
  let next = f.layer !== undefined && f.layer < model.layerCount ? selectLayer(model, s, f.layer) : s;
  const layer = next.layers.cursor;
  const nodes = (f.paths ?? []).map((p) => model.tree.index.get(p)).filter((n): n is number => n !== undefined);
  const inLayer = nodes.length > 0 && nodes.every((n) => model.view(layer, 'layer').present[n]);
  const mode = nodes.length === 0 || inLayer ? next.tree.mode : 'aggregated';
  const h = layoutOf(model, next).treeRows;
  next = { ...next, tree: tree.reveal(model, layer, { ...next.tree, mode }, nodes, h) };
  return next;
}

function focusables(model: ExploreModel, s: ExploreState): Pane[] {
  return lowerCount(model, s.lower) > 0 ? [...PANES] : PANES.filter((p) => p !== 'findings');
}

function move(model: ExploreModel, s: ExploreState, delta: number): ExploreState {
  const h = layoutOf(model, s);
  switch (s.focus) {
    case 'layers':
      return selectLayer(model, s, s.layers.cursor + delta);
    case 'findings': {
      if (s.lower === 'packages') {
        const packages = moveCursor(s.packages, delta, model.packages.length, h.findingRows);
        return packages === s.packages ? s : applyPackage(model, { ...s, packages });
      }
      const findings = moveCursor(s.findings, delta, model.report.findings.length, h.findingRows);
      return findings === s.findings ? s : applyFinding(model, { ...s, findings });
    }
    case 'tree':
      return withTree(s, tree.moveTree(model, s.layers.cursor, s.tree, delta, h.treeRows));
  }
}

function pageSize(model: ExploreModel, s: ExploreState): number {
  const h = layoutOf(model, s);
  return Math.max(1, s.focus === 'layers' ? h.layerRows : s.focus === 'findings' ? h.findingRows : h.treeRows);
}

function withTree(s: ExploreState, t: TreeState): ExploreState {
  return t === s.tree ? s : { ...s, tree: t };
}

const BIG = 1 << 30;

export function reduce(model: ExploreModel, s: ExploreState, action: Action): ExploreState {
  const layer = s.layers.cursor;
  const h = layoutOf(model, s).treeRows;
  switch (action.type) {
    case 'resize': {
      const next = { ...s, cols: action.cols, rows: action.rows };
      const l = layoutOf(model, next);
      return {
        ...next,
        layers: placeCursor(s.layers, s.layers.cursor, model.layerCount, l.layerRows),
        findings: placeCursor(s.findings, s.findings.cursor, model.report.findings.length, l.findingRows),
        packages: placeCursor(s.packages, s.packages.cursor, model.packages.length, l.findingRows),
        tree: placeCursor(s.tree, s.tree.cursor, tree.treeRowsOf(model, layer, s.tree).length, l.treeRows),
      };
    }
    case 'focus': {
      const panes = focusables(model, s);
      const at = panes.indexOf(s.focus);
      const focus = panes[(at + action.delta + panes.length) % panes.length];
      return { ...s, focus, tree: s.tree.editingFilter ? { ...s.tree, editingFilter: false } : s.tree };
    }
    case 'move':
      return move(model, s, action.delta);
    case 'page':
      return move(model, s, action.delta * pageSize(model, s));
    case 'home':
      return move(model, s, -BIG);
    case 'end':
      return move(model, s, BIG);
    case 'toggle-collapse':
      return withTree(s, tree.toggleCollapse(model, layer, s.tree, h));
    case 'collapse':
      return withTree(s, tree.collapseOrParent(model, layer, s.tree, h));
    case 'expand':
      return withTree(s, tree.expandOrEnter(model, layer, s.tree, h));
    case 'collapse-all':
    case 'expand-all':
      return withTree(s, tree.collapseAll(model, layer, s.tree, action.type === 'collapse-all', h));
    case 'set-mode':
      return withTree(s, tree.setMode(model, layer, s.tree, action.mode, h));
    case 'toggle-sort':
      return withTree(s, tree.toggleSort(model, layer, s.tree, h));
    case 'toggle-kind':
      return withTree(s, tree.toggleKind(model, layer, s.tree, action.change, h));
    case 'toggle-attributes':
      return { ...s, tree: { ...s.tree, attributes: !s.tree.attributes } };
    case 'toggle-details':
      return { ...s, details: !s.details, showHelp: false };
    case 'toggle-only-changes':
      return withTree(s, tree.toggleOnlyChanges(model, layer, s.tree, h));
    case 'filter-start':
      return { ...s, focus: 'tree', showHelp: false, tree: { ...s.tree, editingFilter: true } };
    case 'filter-input':
      return withTree(s, tree.setFilter(model, layer, s.tree, s.tree.filter + action.text, h));
    case 'filter-backspace':
      return withTree(s, tree.setFilter(model, layer, s.tree, s.tree.filter.slice(0, -1), h));
    case 'filter-accept':
      return withTree(s, { ...s.tree, editingFilter: false });
    case 'filter-cancel':
      return withTree(s, { ...tree.setFilter(model, layer, s.tree, '', h), editingFilter: false });
    case 'biggest':
      return { ...s, focus: 'tree', tree: tree.jumpBiggest(model, layer, s.tree, action.delta, h) };
    case 'select-finding':
      return model.report.findings.length === 0 ? s : { ...applyFinding(model, s), focus: 'tree' };
    case 'toggle-packages': {
      const lower = s.lower === 'packages' ? 'findings' : 'packages';
      const next: ExploreState = { ...s, lower, focus: 'findings', showHelp: false };
      const l = layoutOf(model, next);
      return {
        ...next,
        findings: placeCursor(s.findings, s.findings.cursor, model.report.findings.length, l.findingRows),
        packages: placeCursor(s.packages, s.packages.cursor, model.packages.length, l.findingRows),
        layers: placeCursor(s.layers, s.layers.cursor, model.layerCount, l.layerRows),
      };
    }
    case 'select-package':
      return model.packages.length === 0 ? s : { ...applyPackage(model, s), focus: 'tree' };
    case 'toggle-help':
      return { ...s, showHelp: !s.showHelp };
    case 'quit':
      return { ...s, quit: true };
  }
}
