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

export interface FilterMask {
  readonly keep: Uint8Array; // per node: 0, KEEP_OPEN or KEEP
  readonly matches: number; // matching nodes not below another match
  readonly roots: Int32Array; // those nodes, in order: everything kept below them is [n, n + subtree[n])
}

/** The texts a filter tests, all in one string (node ids in order, "\0" between them) for indexOf to scan. */
interface Haystack {
  readonly texts: string[];
  readonly joined: string;
  readonly start: Int32Array; // offset of node n's text in `joined`; start[count] = length + 1
}

const haystacks = new WeakMap<FileTree, Map<string, Haystack>>();

function haystack(tree: FileTree, byPath: boolean, lower: boolean): Haystack {
  let kinds = haystacks.get(tree);
  if (!kinds) {
    kinds = new Map();
    haystacks.set(tree, kinds);
  }
  const kind = `${byPath ? 'path' : 'name'}:${lower ? 'lower' : 'case'}`;
  let h = kinds.get(kind);
  if (h) return h;
  const source = byPath ? tree.paths : tree.names;
  const texts = lower ? source.map((t) => t.toLowerCase()) : source;
  const start = new Int32Array(texts.length + 1);
  for (let n = 0; n < texts.length; n++) start[n + 1] = start[n] + texts[n].length + 1;
  h = { texts, joined: texts.join('\0'), start };
  kinds.set(kind, h);
  return h;
}

/** Build what typing a name filter searches (lower-case names), ahead of the first key. */
export function prepareFilter(tree: FileTree): void {
  haystack(tree, false, true);
}

/** The node whose text holds offset `at` of the haystack, searching from node `from` on. */
function nodeAt(start: Int32Array, at: number, from: number): number {
  // matches are often close together: a few steps forward, then a binary search
  for (let n = from, steps = 0; steps < 8; n++, steps++) if (start[n + 1] > at) return n;
  let lo = from + 8;
  let hi = start.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (start[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const NARROW = 16; // nodes

const hasWildcards = (pattern: string) => /[*?]/.test(pattern);

/**
 * Whether every node `pattern` matches is kept by `earlier`'s filter, so that only the subtrees
 * kept by `earlier` need testing: the pattern grew around the earlier one, tested against the same
 * texts. (A match of "ab*c" contains a match of "b*", and in any case when "b*" has no capital.)
 */
export function narrows(pattern: string, earlier: string): boolean {
  return earlier !== '' && pattern.includes(earlier) && pattern.includes('/') === earlier.includes('/');
}

/**
 * Which nodes a filter keeps: matches and everything below them (KEEP), their ancestors (KEEP_OPEN).
 * A pattern with a "/" is matched against whole paths, one without against names (the same matches
 * for a substring, and short strings to test, so typing stays fast on big trees). Given the mask of
 * an earlier pattern that `narrows` to this one, only what that one kept is searched.
 */
export function filterMask(tree: FileTree, pattern: string, earlier?: FilterMask): FilterMask {
  const { count, subtree, parent } = tree;
  const keep = new Uint8Array(count);
  const roots = new Int32Array(count);
  let matches = 0;
  /** Keep match `n`, everything below it and the directories above it; the next node to test. */
  const found = (n: number) => {
    roots[matches++] = n;
    const end = n + subtree[n];
    if (end - n === 1) keep[n] = KEEP;
    else keep.fill(KEEP, n, end);
    for (let up = parent[n]; up > 0 && keep[up] === 0; up = parent[up]) keep[up] = KEEP_OPEN;
    return end;
  };
  const byPath = pattern.includes('/');
  let search: (from: number, end: number) => void;
  if (!hasWildcards(pattern) && !pattern.includes('\0')) {
    // a substring: indexOf over the joined texts, skipping the subtree of each match (a narrow
    // range, one file say, is quicker to test on its own text)
    const { texts, joined, start } = haystack(tree, byPath, pattern === pattern.toLowerCase());
    search = (from, end) => {
      let n = from;
      if (end - n <= NARROW) {
        while (n < end) n = texts[n].includes(pattern) ? found(n) : n + 1;
        return;
      }
      const stop = start[end];
      for (let at = joined.indexOf(pattern, start[n]); at >= 0 && at < stop; at = joined.indexOf(pattern, start[n])) {
        n = found(nodeAt(start, at, n));
        if (n >= count) break;
      }
    };
  } else {
    const texts = byPath ? tree.paths : tree.names;
    const match = pathMatcher(pattern);
    search = (from, end) => {
      for (let n = from; n < end; ) n = match(texts[n]) ? found(n) : n + 1;
    };
  }
  // only what the earlier pattern kept, unless that is most of the tree and a scan is as quick
  if (earlier && (hasWildcards(pattern) || earlier.matches * 16 <= count)) {
    const { roots: before, matches: many } = earlier;
    for (let i = 0; i < many; i++) search(before[i], before[i] + subtree[before[i]]);
  } else if (count > 1) {
    search(1, count);
  }
  return { keep, matches, roots: roots.slice(0, matches) };
}

export interface RowOptions {
  order: Int32Array; // depth-first order to walk (name or size)
  collapse: Collapse;
  keep?: Uint8Array; // filter mask
  onlyChanges: boolean;
  hidden?: number; // bit 1 << change (UNCHANGED, ADDED, MODIFIED, REMOVED) set: files of that kind hidden
}

const rowScratch = new WeakMap<FileTree, Int32Array>(); // written, then copied out: one buffer per tree

/**
 * When a filter or a hidden change kind narrows the view: the nodes with something left to show,
 * a shown file or a directory with one below it (so a directory the narrowing left empty goes).
 * Pre-order backwards visits children before their parent: one pass.
 */
function liveNodes(tree: FileTree, view: TreeView, opts: RowOptions): Uint8Array {
  const { order, keep, onlyChanges, hidden = 0 } = opts;
  const { isDir, parent } = tree;
  const { present, change } = view;
  const live = new Uint8Array(tree.count);
  for (let p = order.length - 1; p >= 1; p--) {
    const n = order[p];
    if (!isDir[n]) {
      if (!present[n] || (keep && !keep[n]) || (onlyChanges && change[n] === 0) || hidden & (1 << change[n])) continue;
      live[n] = 1;
    }
    if (live[n]) live[parent[n]] = 1;
  }
  return live;
}

export function visibleRows(tree: FileTree, view: TreeView, opts: RowOptions): Int32Array {
  const { order, collapse, keep, onlyChanges } = opts;
  const { subtree, isDir } = tree;
  const { present, changedBelow } = view;
  const live = keep || opts.hidden ? liveNodes(tree, view, opts) : undefined;
  let rows = rowScratch.get(tree);
  if (!rows) {
    rows = new Int32Array(tree.count);
    rowScratch.set(tree, rows);
  }
  let out = 0;
  for (let p = 1; p < order.length; ) {
    const n = order[p];
    if (!present[n] || (onlyChanges && !changedBelow[n]) || (keep && !keep[n]) || (live && !live[n])) {
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
