// The file tree of a whole image, built once: every path any layer touched, as flat arrays with
// parent/child indexes (node 0 is "/", node ids in depth-first name order). Per-layer views
// (view.ts) are masks over these nodes, so node ids are stable across layers and toggles, and
// re-slicing is cheap.
import type { PathVersion, StackedImage } from '../../model/types.js';

/** Path -> node. */
export interface PathIndex {
  get(path: string): number | undefined;
}

export interface FileTree {
  readonly count: number;
  readonly paths: string[];
  readonly names: string[];
  readonly parent: Int32Array; // -1 for the root
  readonly depth: Uint16Array; // root 0, "/etc" 1
  readonly isDir: Uint8Array;
  readonly subtree: Int32Array; // nodes in the subtree, self included
  readonly childStart: Int32Array; // children of n: childIds[childStart[n] .. childStart[n + 1])
  readonly childIds: Int32Array; // in name order
  readonly preorder: Int32Array; // depth-first, children in name order: the identity, since node ids are preorder positions
  readonly versions: (PathVersion[] | undefined)[]; // history of the path, layer order
  readonly index: PathIndex;
}

function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

export function buildFileTree(history: StackedImage['history']): FileTree {
  const index = new Map<string, number>([['/', 0]]);
  const paths: string[] = ['/'];
  const parents: number[] = [-1];
  const versions: (PathVersion[] | undefined)[] = [history.get('/')];
  const add = (path: string): number => {
    const known = index.get(path);
    if (known !== undefined) return known;
    const chain: string[] = [path];
    let up = parentPath(path);
    while (!index.has(up)) {
      chain.push(up);
      up = parentPath(up);
    }
    let parent = index.get(up)!;
    for (let i = chain.length - 1; i >= 0; i--) {
      const id = paths.length;
      paths.push(chain[i]);
      parents.push(parent);
      versions.push(history.get(chain[i]));
      index.set(chain[i], id);
      parent = id;
    }
    return parent;
  };
  for (const path of history.keys()) add(path);

  // Number the nodes in depth-first order, children by name: node n is then row n of the
  // fully expanded name-sorted tree, every subtree is the id range [n, n + subtree[n]), and the
  // walks over the tree (views, rows, filters) read their arrays front to back.
  const found = paths.length;
  const names0 = paths.map((p) => (p === '/' ? '/' : p.slice(p.lastIndexOf('/') + 1)));
  const kidStart = new Int32Array(found + 1);
  for (let i = 1; i < found; i++) kidStart[parents[i] + 1]++;
  for (let i = 0; i < found; i++) kidStart[i + 1] += kidStart[i];
  const fill = kidStart.slice(0, found);
  const kidIds = new Int32Array(Math.max(0, found - 1));
  for (let i = 1; i < found; i++) kidIds[fill[parents[i]]++] = i;
  const byName = (a: number, b: number) => (names0[a] < names0[b] ? -1 : names0[a] > names0[b] ? 1 : 0);
  for (let n = 0; n < found; n++) {
    const from = kidStart[n];
    const to = kidStart[n + 1];
    if (to - from > 1) kidIds.subarray(from, to).sort(byName);
  }
  const order = preorderOf(found, (n) => kidIds.subarray(kidStart[n], kidStart[n + 1]));
  const id = new Int32Array(found); // discovery id -> node id
  for (let p = 0; p < found; p++) id[order[p]] = p;

  const count = found;
  const pathsById: string[] = new Array(count);
  const names: string[] = new Array(count);
  const versionsById: (PathVersion[] | undefined)[] = new Array(count);
  const parent = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const old = order[n];
    pathsById[n] = paths[old];
    names[n] = names0[old];
    versionsById[n] = versions[old];
    parent[n] = n === 0 ? -1 : id[parents[old]];
  }
  // children in id order are children in name order
  const childStart = new Int32Array(count + 1);
  for (let i = 1; i < count; i++) childStart[parent[i] + 1]++;
  for (let i = 0; i < count; i++) childStart[i + 1] += childStart[i];
  const next = childStart.slice(0, count);
  const childIds = new Int32Array(Math.max(0, count - 1));
  for (let i = 1; i < count; i++) childIds[next[parent[i]]++] = i;

  const isDir = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const v = versionsById[i];
    const last = v?.[v.length - 1]?.entry.kind;
    isDir[i] = childStart[i + 1] > childStart[i] || last === 'dir' || last === 'opaque' || i === 0 ? 1 : 0;
  }
  const preorder = new Int32Array(count);
  for (let n = 0; n < count; n++) preorder[n] = n;
  const depth = new Uint16Array(count);
  for (let n = 1; n < count; n++) depth[n] = depth[parent[n]] + 1;
  const subtree = new Int32Array(count).fill(1);
  for (let n = count - 1; n > 0; n--) subtree[parent[n]] += subtree[n];
  return {
    count,
    paths: pathsById,
    names,
    parent,
    depth,
    isDir,
    subtree,
    childStart,
    childIds,
    preorder,
    versions: versionsById,
    index: {
      get(path) {
        const old = index.get(path);
        return old === undefined ? undefined : id[old];
      },
    },
  };
}

/** Depth-first order with children in the order `kids(n)` gives. */
export function preorderOf(count: number, kids: (n: number) => ArrayLike<number>): Int32Array {
  const order = new Int32Array(count);
  const stack = new Int32Array(count);
  let sp = 0;
  let out = 0;
  stack[sp++] = 0;
  while (sp > 0) {
    const n = stack[--sp];
    order[out++] = n;
    const list = kids(n);
    for (let i = list.length - 1; i >= 0; i--) stack[sp++] = list[i];
  }
  return order;
}
