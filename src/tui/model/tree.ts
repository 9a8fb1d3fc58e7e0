// The file tree of a whole image, built once: every path any layer touched, as flat arrays with
// parent/child indexes (node 0 is "/"). Per-layer views (view.ts) are masks over these nodes, so
// node ids are stable across layers and toggles, and re-slicing is cheap.
import type { PathVersion, StackedImage } from '../../model/types.js';

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
  readonly preorder: Int32Array; // depth-first, children in name order
  readonly versions: (PathVersion[] | undefined)[]; // history of the path, layer order
  readonly index: Map<string, number>; // path -> node
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

  const count = paths.length;
  const parent = Int32Array.from(parents);
  const names = paths.map((p) => (p === '/' ? '/' : p.slice(p.lastIndexOf('/') + 1)));
  const childStart = new Int32Array(count + 1);
  for (let i = 1; i < count; i++) childStart[parent[i] + 1]++;
  for (let i = 0; i < count; i++) childStart[i + 1] += childStart[i];
  const fill = childStart.slice(0, count);
  const childIds = new Int32Array(Math.max(0, count - 1));
  for (let i = 1; i < count; i++) childIds[fill[parent[i]]++] = i;
  const byName = (a: number, b: number) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0);
  for (let n = 0; n < count; n++) {
    const from = childStart[n];
    const to = childStart[n + 1];
    if (to - from > 1) childIds.subarray(from, to).sort(byName);
  }

  const isDir = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const v = versions[i];
    const last = v?.[v.length - 1]?.entry.kind;
    isDir[i] = childStart[i + 1] > childStart[i] || last === 'dir' || last === 'opaque' || i === 0 ? 1 : 0;
  }
  const { preorder, depth, subtree } = layout(count, childStart, childIds, parent);
  return { count, paths, names, parent, depth, isDir, subtree, childStart, childIds, preorder, versions, index };
}

/** Depth-first order from the root, depth per node and subtree sizes. */
function layout(count: number, childStart: Int32Array, childIds: Int32Array, parent: Int32Array) {
  const preorder = preorderOf(count, (n) => childIds.subarray(childStart[n], childStart[n + 1]));
  const depth = new Uint16Array(count);
  for (let p = 1; p < count; p++) depth[preorder[p]] = depth[parent[preorder[p]]] + 1;
  const subtree = new Int32Array(count).fill(1);
  for (let p = count - 1; p > 0; p--) subtree[parent[preorder[p]]] += subtree[preorder[p]];
  return { preorder, depth, subtree };
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
