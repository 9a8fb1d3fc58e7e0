// One layer's view of the image tree: which nodes show, how each changed, and sizes.
// "layer" mode: the paths this layer changed (and their parent directories);
// "aggregated" mode: the filesystem after this layer, plus what this layer removed.
import type { PathVersion } from '../../model/types.js';
import { type FileTree, preorderOf } from './tree.js';

export type ViewMode = 'layer' | 'aggregated';
export type SortKey = 'name' | 'size';

export const UNCHANGED = 0;
export const ADDED = 1;
export const MODIFIED = 2;
export const REMOVED = 3;
const CODE = { added: ADDED, modified: MODIFIED, removed: REMOVED } as const;

export interface TreeView {
  readonly layer: number;
  readonly mode: ViewMode;
  readonly present: Uint8Array;
  readonly change: Uint8Array; // UNCHANGED | ADDED | MODIFIED | REMOVED, for this layer
  readonly size: Float64Array; // file: its bytes; directory: bytes below it
  readonly changedBelow: Uint8Array; // the node or something below it changed in this layer
  readonly fileCount: number;
}

/** The version of `versions` a view of `layer` shows, or undefined when the path is absent. */
export function versionAt(versions: PathVersion[] | undefined, layer: number, mode: ViewMode): PathVersion | undefined {
  if (!versions) return undefined;
  let found: PathVersion | undefined;
  for (const v of versions) {
    if (v.layer > layer) break;
    if (mode === 'aggregated' || v.layer === layer) found = v; // the last version of a layer wins
  }
  if (!found) return undefined;
  return found.change === 'removed' && found.layer !== layer ? undefined : found;
}

/** The version of node `n` the view shows (looked up for the few rows on screen, not stored). */
export function shownVersion(tree: FileTree, view: TreeView, n: number): PathVersion | undefined {
  return view.present[n] ? versionAt(tree.versions[n], view.layer, view.mode) : undefined;
}

export function buildView(tree: FileTree, layer: number, mode: ViewMode): TreeView {
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
  // children before parents: propagate presence, changes and sizes upwards. A directory with no
  // entry of its own (implicit in the tars) whose children were all removed (added) counts as removed (added).
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
    if (change[n] === REMOVED) size[n] += removedBytes[n]; // a removed directory sums what it removed
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

/** Depth-first order of the view with the largest children first (ties by name). */
export function sizeOrder(tree: FileTree, view: TreeView): Int32Array {
  const { childStart, childIds } = tree;
  return preorderOf(tree.count, (n) => {
    const kids = Array.from(childIds.subarray(childStart[n], childStart[n + 1]));
    return kids.sort((a, b) => view.size[b] - view.size[a]);
  });
}

/** The `limit` largest files present in the view, largest first. */
export function largestFiles(tree: FileTree, view: TreeView, limit = 200): number[] {
  const top: number[] = [];
  const { size, present } = view;
  for (let n = 1; n < tree.count; n++) {
    if (!present[n] || tree.isDir[n] || view.change[n] === REMOVED) continue;
    if (top.length === limit && size[n] <= size[top[limit - 1]]) continue;
    let i = top.length < limit ? top.length : limit - 1;
    top[i] = n;
    while (i > 0 && size[top[i - 1]] < size[n]) {
      top[i] = top[i - 1];
      top[i - 1] = n;
      i--;
    }
  }
  return top;
}
