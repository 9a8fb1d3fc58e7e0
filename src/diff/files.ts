// File-level comparison of two final filesystems, summarised by directory so that a change of
// 40,000 files reads as a dozen lines: the biggest directories are opened until the limit is hit.
import { compareStrings } from '../compare.js';
import type { FileRow } from '../report/result.js';
import type { FileChange, FileDelta, FileDiff, FileGroup } from './types.js';

export const GROUP_LIMIT = 12;

const CHANGES: readonly FileChange[] = ['added', 'removed', 'grown', 'shrunk', 'changed', 'metadata'];

const zeroCounts = (): Record<FileChange, number> =>
  Object.fromEntries(CHANGES.map((c) => [c, 0])) as Record<FileChange, number>;

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(3, '0');

function changeOf(base: FileRow, head: FileRow): FileDelta | undefined {
  const [path, bKind, bSize, bMode, bUid, bGid, bDigest] = base;
  const [, hKind, hSize, hMode, hUid, hGid, hDigest] = head;
  const delta = hSize - bSize;
  const d = { path, baseSize: bSize, headSize: hSize, delta };
  if (delta > 0) return { ...d, change: 'grown' };
  if (delta < 0) return { ...d, change: 'shrunk' };
  if (bKind !== hKind || bDigest !== hDigest) return { ...d, change: 'changed' };
  const detail: string[] = [];
  if ((bMode & 0o7777) !== (hMode & 0o7777)) detail.push(`mode ${octal(bMode)} -> ${octal(hMode)}`);
  if (bUid !== hUid || bGid !== hGid) detail.push(`owner ${bUid}:${bGid} -> ${hUid}:${hGid}`);
  return detail.length > 0 ? { ...d, change: 'metadata', detail: detail.join(', ') } : undefined;
}

/** Every changed path, largest |delta| first. Directories count only for metadata changes. */
export function fileDeltas(base: FileRow[], head: FileRow[]): FileDelta[] {
  const before = new Map(base.map((r) => [r[0], r]));
  const out: FileDelta[] = [];
  for (const h of head) {
    const b = before.get(h[0]);
    before.delete(h[0]);
    if (!b) {
      if (h[1] !== 'dir') out.push({ path: h[0], change: 'added', baseSize: 0, headSize: h[2], delta: h[2] });
      continue;
    }
    const c = changeOf(b, h);
    if (c && !(c.change === 'changed' && h[1] === 'dir' && b[1] === 'dir')) out.push(c);
  }
  for (const b of before.values())
    if (b[1] !== 'dir') out.push({ path: b[0], change: 'removed', baseSize: b[2], headSize: 0, delta: -b[2] });
  return out.sort(byDelta);
}

function byDelta(a: { delta: number; path: string }, b: { delta: number; path: string }): number {
  return Math.abs(b.delta) - Math.abs(a.delta) || compareStrings(a.path, b.path);
}

interface Node {
  path: string; // "/usr/lib/" for a directory, "/usr/lib/x.so" for a file
  children: Map<string, Node>;
  delta?: FileDelta; // a file's own change
  counts: Record<FileChange, number>;
  sum: number;
  added: number;
  removed: number;
}

function node(path: string): Node {
  return { path, children: new Map(), counts: zeroCounts(), sum: 0, added: 0, removed: 0 };
}

function tally(n: Node, d: FileDelta): void {
  n.counts[d.change]++;
  n.sum += d.delta;
  if (d.delta > 0) n.added += d.delta;
  else n.removed -= d.delta;
}

function treeOf(deltas: FileDelta[]): Node {
  const root = node('/');
  for (const d of deltas) {
    tally(root, d);
    const parts = d.path.split('/').filter(Boolean);
    let at = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const key = last ? part : `${part}/`;
      let child = at.children.get(key);
      if (!child) {
        child = node(`${at.path}${key}`);
        at.children.set(key, child);
      }
      if (last) child.delta = d;
      tally(child, d);
      at = child;
    });
  }
  return root;
}

const weight = (n: Node) => n.added + n.removed + Object.values(n.counts).reduce((a, b) => a + b, 0);

function groupOf(n: Node): FileGroup {
  return {
    path: n.path,
    file: n.delta !== undefined && n.children.size === 0,
    counts: n.counts,
    delta: n.sum,
    added: n.added,
    removed: n.removed,
  };
}

/**
 * Rows for at most `limit` lines: start from the root and open the heaviest directory (bytes moved,
 * then files touched) while its children still fit; a directory with one changed child is opened
 * for free, so a row names the deepest directory that holds the whole change.
 */
export function groupDeltas(deltas: FileDelta[], limit = GROUP_LIMIT): FileGroup[] {
  if (deltas.length === 0) return [];
  let frontier: Node[] = [treeOf(deltas)];
  for (;;) {
    const openable = frontier
      .filter((n) => n.children.size > 0)
      .sort((a, b) => weight(b) - weight(a) || compareStrings(a.path, b.path));
    const next = openable.find((n) => frontier.length - 1 + n.children.size <= limit);
    if (!next) break;
    frontier = [...frontier.filter((n) => n !== next), ...next.children.values()];
  }
  return frontier.map(groupOf).sort(byDelta);
}

/** Changes under the directories asked for ("/" or "" for all; --paths alone is all), largest first. */
export function expandPaths(deltas: FileDelta[], dirs: string[]): FileDelta[] {
  const prefixes = dirs.map((d) => (d === '' || d === '/' ? '/' : `/${d.replace(/^\/+|\/+$/g, '')}/`));
  return deltas.filter((d) => prefixes.some((p) => p === '/' || d.path.startsWith(p) || `${d.path}/` === p));
}

export function compareFiles(base: FileRow[], head: FileRow[], paths?: string[]): FileDiff {
  const deltas = fileDeltas(base, head);
  const counts = zeroCounts();
  let delta = 0;
  for (const d of deltas) {
    counts[d.change]++;
    delta += d.delta;
  }
  return {
    counts,
    delta,
    groups: groupDeltas(deltas),
    ...(paths ? { paths: expandPaths(deltas, paths.length > 0 ? paths : ['/']) } : {}),
  };
}
