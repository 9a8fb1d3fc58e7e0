// The explorer model's first, plain implementations (every node's history walked per view, every
// directory sorted per size order, every name tested per filter): the optimised model must agree.
import { EXPANDED, KEEP, KEEP_OPEN, pathMatcher, visibleRows } from '../../../src/tui/model/rows.js';
import { type FileTree, preorderOf } from '../../../src/tui/model/tree.js';
import {
  ADDED,
  REMOVED,
  type SortKey,
  type TreeView,
  UNCHANGED,
  type ViewMode,
  versionAt,
} from '../../../src/tui/model/view.js';

const CODE = { added: ADDED, modified: 2, removed: REMOVED } as const;

export function referenceView(tree: FileTree, layer: number, mode: ViewMode): TreeView {
  const { count, parent, preorder, isDir } = tree;
  const present = new Uint8Array(count);
  const change = new Uint8Array(count);
  const size = new Float64Array(count);
  const changedBelow = new Uint8Array(count);
  let fileCount = 0;
  for (let n = 1; n < count; n++) {
    const v = versionAt(tree.versions[n], layer, mode);
    if (!v) continue;
    present[n] = 1;
    if (v.layer === layer) change[n] = CODE[v.change];
    if (!isDir[n] && v.entry.kind === 'file') size[n] = v.entry.size;
    if (!isDir[n]) fileCount++;
  }
  present[0] = 1;
  const kids = new Int32Array(count);
  const removedKids = new Int32Array(count);
  const addedKids = new Int32Array(count);
  const removedBytes = new Float64Array(count);
  for (let p = count - 1; p >= 0; p--) {
    const n = preorder[p];
    if (!present[n]) continue;
    if (!tree.versions[n] && n !== 0 && kids[n] > 0) {
      if (kids[n] === removedKids[n]) change[n] = REMOVED;
      else if (kids[n] === addedKids[n]) change[n] = ADDED;
    }
    if (change[n] === REMOVED) size[n] += removedBytes[n];
    if (change[n] !== UNCHANGED) changedBelow[n] = 1;
    if (n === 0) break;
    const up = parent[n];
    present[up] = 1;
    kids[up]++;
    if (changedBelow[n]) changedBelow[up] = 1;
    if (change[n] === ADDED) addedKids[up]++;
    if (change[n] === REMOVED) {
      removedKids[up]++;
      removedBytes[up] += size[n];
    } else {
      size[up] += size[n];
    }
  }
  return { layer, mode, present, change, size, changedBelow, fileCount };
}

/** Children in name order: sorted by name afresh, not by id. */
function byName(tree: FileTree, n: number): number[] {
  const kids = Array.from(tree.childIds.subarray(tree.childStart[n], tree.childStart[n + 1]));
  return kids.sort((a, b) => (tree.names[a] < tree.names[b] ? -1 : tree.names[a] > tree.names[b] ? 1 : 0));
}

export function referenceNameOrder(tree: FileTree): Int32Array {
  return preorderOf(tree.count, (n) => byName(tree, n));
}

export function referenceSizeOrder(tree: FileTree, view: TreeView): Int32Array {
  return preorderOf(tree.count, (n) => byName(tree, n).sort((a, b) => view.size[b] - view.size[a]));
}

export function referenceFilter(tree: FileTree, pattern: string): { keep: Uint8Array; matches: number } {
  const keep = new Uint8Array(tree.count);
  const texts = pattern.includes('/') ? tree.paths : tree.names;
  const match = pathMatcher(pattern);
  const order = referenceNameOrder(tree);
  const pos = new Int32Array(tree.count);
  for (let p = 0; p < tree.count; p++) pos[order[p]] = p;
  let matches = 0;
  for (let p = 1; p < tree.count; ) {
    const n = order[p];
    if (!match(texts[n])) {
      p++;
      continue;
    }
    matches++;
    const end = p + tree.subtree[n];
    for (let q = p; q < end; q++) keep[order[q]] = KEEP;
    for (let up = tree.parent[n]; up > 0 && keep[up] === 0; up = tree.parent[up]) keep[up] = KEEP_OPEN;
    p = end;
  }
  return { keep, matches };
}

export function referenceRows(
  tree: FileTree,
  q: { layer: number; mode: ViewMode; sort: SortKey; filter: string; onlyChanges: boolean; collapse?: typeof EXPANDED },
): number[] {
  const view = referenceView(tree, q.layer, q.mode);
  const order = q.sort === 'name' ? referenceNameOrder(tree) : referenceSizeOrder(tree, view);
  const keep = q.filter ? referenceFilter(tree, q.filter).keep : undefined;
  return Array.from(
    visibleRows(tree, view, { order, collapse: q.collapse ?? EXPANDED, keep, onlyChanges: q.onlyChanges }),
  );
}
