// The rows the tree pane can show: a walk over a depth-first order that skips whole subtrees
// (absent, filtered out, collapsed) in one step. Only the visible slice is ever rendered.
import type { FileTree } from './tree.js';
import type { TreeView } from './view.js';

/** Collapsed directories: all of them or none, except the toggled ones. */
export interface Collapse {
  readonly all: boolean;
  readonly toggled: ReadonlySet<number>;
}

export const EXPANDED: Collapse = { all: false, toggled: new Set() };

export function isCollapsed(collapse: Collapse, node: number): boolean {
  return collapse.all !== collapse.toggled.has(node);
}

/** Flip one directory. */
export function toggleNode(collapse: Collapse, node: number): Collapse {
  const toggled = new Set(collapse.toggled);
  if (toggled.has(node)) toggled.delete(node);
  else toggled.add(node);
  return { all: collapse.all, toggled };
}

export function setCollapsed(collapse: Collapse, node: number, collapsed: boolean): Collapse {
  return isCollapsed(collapse, node) === collapsed ? collapse : toggleNode(collapse, node);
}

/** Expand every directory above `node` so that it can be seen. */
export function expandAncestors(tree: FileTree, collapse: Collapse, node: number): Collapse {
  let out = collapse;
  for (let up = tree.parent[node]; up > 0; up = tree.parent[up]) out = setCollapsed(out, up, false);
  return out;
}

export const KEEP_OPEN = 1; // above a match: shown, always expanded
export const KEEP = 2; // a match or below one

/** Compile a pattern typed by the user: a substring, `*` and `?` as wildcards; case-insensitive unless it has capitals. */
export function pathMatcher(pattern: string): (path: string) => boolean {
  const insensitive = pattern === pattern.toLowerCase();
  if (!/[*?]/.test(pattern)) {
    if (insensitive) return (path) => path.toLowerCase().includes(pattern);
    return (path) => path.includes(pattern);
  }
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const re = new RegExp(source, insensitive ? 'i' : '');
  return (path) => re.test(path);
}

const lowerNames = new WeakMap<FileTree, string[]>();

/**
 * Which nodes a filter keeps: matches and everything below them (KEEP), their ancestors (KEEP_OPEN).
 * A pattern with a "/" is matched against whole paths, one without against names (the same matches
 * for a substring, and short strings to test, so typing stays fast on big trees).
 */
export function filterMask(tree: FileTree, pattern: string): { keep: Uint8Array; matches: number } {
  const keep = new Uint8Array(tree.count);
  const byPath = pattern.includes('/');
  let texts = byPath ? tree.paths : tree.names;
  let match = pathMatcher(pattern);
  if (!byPath && pattern === pattern.toLowerCase() && !/[*?]/.test(pattern)) {
    let lower = lowerNames.get(tree);
    if (!lower) {
      lower = tree.names.map((n) => n.toLowerCase());
      lowerNames.set(tree, lower);
    }
    texts = lower;
    match = (text) => text.includes(pattern);
  }
  const { preorder, subtree, parent } = tree;
  let matches = 0;
  for (let p = 1; p < tree.count; ) {
    const n = preorder[p];
    if (!match(texts[n])) {
      p++;
      continue;
    }
    matches++;
    const end = p + subtree[n];
    for (let q = p; q < end; q++) keep[preorder[q]] = KEEP;
    for (let up = parent[n]; up > 0 && keep[up] === 0; up = parent[up]) keep[up] = KEEP_OPEN;
    p = end;
  }
  return { keep, matches };
}

export interface RowOptions {
  order: Int32Array; // depth-first order to walk (name or size)
  collapse: Collapse;
  keep?: Uint8Array; // filter mask
  onlyChanges: boolean;
}

export function visibleRows(tree: FileTree, view: TreeView, opts: RowOptions): Int32Array {
  const { order, collapse, keep, onlyChanges } = opts;
  const { subtree, isDir } = tree;
  const { present, changedBelow } = view;
  const rows = new Int32Array(tree.count);
  let out = 0;
  for (let p = 1; p < order.length; ) {
    const n = order[p];
    if (!present[n] || (onlyChanges && !changedBelow[n]) || (keep && !keep[n])) {
      p += subtree[n];
      continue;
    }
    rows[out++] = n;
    const forcedOpen = keep !== undefined && keep[n] === KEEP_OPEN;
    if (isDir[n] && !forcedOpen && isCollapsed(collapse, n)) p += subtree[n];
    else p++;
  }
  return rows.slice(0, out);
}
