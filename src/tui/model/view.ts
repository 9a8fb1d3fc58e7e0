// One layer's view of the image tree: which nodes show, how each changed, and sizes.
// "layer" mode: the paths this layer changed (and their parent directories);
// "aggregated" mode: the filesystem after this layer, plus what this layer removed.
import type { PathVersion } from '../../model/types.js';
import type { FileTree } from './tree.js';

export type ViewMode = 'layer' | 'aggregated';
export type SortKey = 'name' | 'size';

export const UNCHANGED = 0;
export const ADDED = 1;
export const MODIFIED = 2;
export const REMOVED = 3;
const _CODE = { added: ADDED, modified: MODIFIED, removed: REMOVED } as const;

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

/**
 * Every path's history as typed arrays, built once per tree on first use: node n's versions are
 * start[n] .. start[n + 1], one per layer that touched it (the last version of a layer wins), in
 * layer order. Building a view from these is a tight loop with no objects to visit.
 */
export interface VersionTable {
  readonly start: Int32Array;
  readonly layer: Int32Array;
  readonly code: Uint8Array; // ADDED | MODIFIED | REMOVED
  readonly bytes: Float64Array; // a regular file's size, else 0
}

const tables = new WeakMap<FileTree, VersionTable>();

export function versionTable(tree: FileTree): VersionTable {
  let t = tables.get(tree);
  if (t) return t;
  const { count, versions } = tree;
  let total = 0;
  for (let n = 0; n < count; n++) {
    const vs = versions[n];
    if (vs) total += vs.length;
  }
  const start = new Int32Array(count + 1);
  const layer = new Int32Array(total);
  const code = new Uint8Array(total);
  const bytes = new Float64Array(total);
  let out = 0;
  for (let n = 0; n < count; n++) {
    start[n] = out;
    const vs = versions[n];
    if (!vs) continue;
    for (let k = 0; k < vs.length; k++) {
      const v = vs[k];
      const at = out > start[n] && layer[out - 1] === v.layer ? out - 1 : out++;
      const change = v.change;
      layer[at] = v.layer;
      code[at] = change === 'added' ? ADDED : change === 'modified' ? MODIFIED : REMOVED;
      const e = v.entry;
      bytes[at] = e.kind === 'file' ? e.size : 0;
    }
  }
  start[count] = out;
  t = { start, layer, code, bytes };
  tables.set(tree, t);
  return t;
}

export function buildView(tree: FileTree, layer: number, mode: ViewMode): TreeView {
  const { count, parent, preorder, isDir } = tree;
  const table = versionTable(tree);
  const present = new Uint8Array(count);
  const change = new Uint8Array(count);
  const size = new Float64Array(count);
  const changedBelow = new Uint8Array(count);
  const aggregated = mode === 'aggregated';
  let fileCount = 0;
  for (let n = 1; n < count; n++) {
    const from = table.start[n];
    let i = table.start[n + 1] - 1;
    while (i >= from && table.layer[i] > layer) i--; // the last version up to this layer
    if (i < from) continue;
    const own = table.layer[i] === layer;
    if (own) {
      change[n] = table.code[i];
    } else if (!aggregated || table.code[i] === REMOVED) {
      continue;
    }
    present[n] = 1;
    if (!isDir[n]) {
      size[n] = table.bytes[i];
      fileCount++;
    }
  }
  present[0] = 1;
  // children before parents: propagate presence, changes and sizes upwards. A directory with no
  // entry of its own (implicit in the tars) whose children were all removed (added) counts as removed (added).
  const { kids, removedKids, addedKids, removedBytes } = scratchOf(tree);
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

interface Scratch {
  readonly kids: Int32Array;
  readonly removedKids: Int32Array;
  readonly addedKids: Int32Array;
  readonly removedBytes: Float64Array;
}

const scratches = new WeakMap<FileTree, Scratch>();

/** Counters buildView needs for a moment, zeroed: allocated once per tree, so that switching layers leaves little garbage. */
function scratchOf(tree: FileTree): Scratch {
  let s = scratches.get(tree);
  if (s) {
    s.kids.fill(0);
    s.removedKids.fill(0);
    s.addedKids.fill(0);
    s.removedBytes.fill(0);
  } else {
    const { count } = tree;
    s = {
      kids: new Int32Array(count),
      removedKids: new Int32Array(count),
      addedKids: new Int32Array(count),
      removedBytes: new Float64Array(count),
    };
    scratches.set(tree, s);
  }
  return s;
}

/** A view's size order: each directory's children largest first (ties in name order), and the depth-first walk of it. */
export interface SizeOrder {
  readonly kids: Int32Array; // like tree.childIds, each directory's slice sorted by size
  readonly order: Int32Array;
}

/**
 * Depth-first order of the view with the largest children first (ties by name). Given the size
 * order of another view (the previous layer, say), only the directories with a child whose size
 * differs are sorted again: between neighbouring layers that is a small part of the tree.
 */
export function sizeOrder(tree: FileTree, view: TreeView, from?: { view: TreeView; sized: SizeOrder }): SizeOrder {
  const { count, childStart, parent } = tree;
  const size = view.size;
  // node ids are in name order, so ties by id are ties by name
  const bySize = (a: number, b: number) => size[b] - size[a] || a - b;
  const sortKids = (kids: Int32Array, n: number) => {
    const lo = childStart[n];
    const hi = childStart[n + 1];
    if (hi - lo === 2) {
      if (bySize(kids[lo], kids[lo + 1]) > 0) {
        const t = kids[lo];
        kids[lo] = kids[lo + 1];
        kids[lo + 1] = t;
      }
    } else if (hi - lo > 2) {
      kids.subarray(lo, hi).sort(bySize);
    }
  };
  let kids: Int32Array;
  if (from) {
    kids = from.sized.kids.slice();
    const before = from.view.size;
    const dirty = new Uint8Array(count);
    for (let n = 1; n < count; n++) if (size[n] !== before[n]) dirty[parent[n]] = 1;
    for (let n = 0; n < count; n++) if (dirty[n]) sortKids(kids, n);
  } else {
    kids = tree.childIds.slice();
    for (let n = 0; n < count; n++) sortKids(kids, n);
  }
  return { kids, order: walk(count, childStart, kids) };
}

/** Depth-first order over children lists laid out like tree.childIds. */
function walk(count: number, childStart: Int32Array, kids: Int32Array): Int32Array {
  const order = new Int32Array(count);
  const stack = new Int32Array(count);
  let sp = 0;
  let out = 0;
  stack[sp++] = 0;
  while (sp > 0) {
    const n = stack[--sp];
    order[out++] = n;
    for (let i = childStart[n + 1] - 1; i >= childStart[n]; i--) stack[sp++] = kids[i];
  }
  return order;
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
