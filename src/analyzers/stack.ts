// Applies the layers in order (OCI whiteout rules) to give the final filesystem and, for each
// path, its history across layers. Pure: no I/O.
import type { FileEntry, FinalEntry, Layer, Overwrite, PathVersion, Removal, StackedImage } from '../model/types.js';
import { isUnder, parentOf } from './walk/paths.js';

export function stackLayers(layers: readonly Pick<Layer, 'entries'>[]): StackedImage {
  const visible = new Map<string, FinalEntry>();
  const children = new Map<string, string[]>();
  const history = new Map<string, PathVersion[]>();
  const removals: Removal[] = [];
  const overwrites: Overwrite[] = [];
  const layerChanges: PathVersion[][] = [];

  const record = (path: string, version: PathVersion, changes: PathVersion[]) => {
    const list = history.get(path);
    if (list) list.push(version);
    else history.set(path, [version]); // a literal: exact capacity (push to [] reserves 17 slots)
    changes.push(version);
  };

  // children: directory -> paths directly below it, for removing a subtree. A key exists for
  // every linked directory, explicit or implied by a deeper path; arrays, not Sets: a tenth of the memory.
  const link = (path: string) => {
    let child = path;
    for (;;) {
      const parent = parentOf(child);
      const list = children.get(parent);
      if (list) {
        list.push(child);
        return;
      }
      children.set(parent, [child]);
      if (parent === '/' || visible.has(parent)) return; // a visible directory is linked already
      child = parent;
    }
  };

  const unlink = (path: string) => {
    const list = children.get(parentOf(path));
    const i = list ? list.indexOf(path) : -1;
    if (i < 0) return;
    list![i] = list![list!.length - 1];
    list!.pop();
  };

  /** Remove `root` (unless onlyChildren) and everything below it; record each removed version. */
  const removeTree = (
    root: string,
    layer: number,
    how: 'whiteout' | 'opaque',
    changes: PathVersion[],
    onlyChildren: boolean,
  ) => {
    const stack = onlyChildren ? (children.get(root) ?? []) : [root];
    if (onlyChildren) children.delete(root);
    else unlink(root);
    while (stack.length > 0) {
      const path = stack.pop()!;
      const kids = children.get(path);
      if (kids) {
        for (const kid of kids) stack.push(kid);
        children.delete(path);
      }
      const removed = visible.get(path);
      if (!removed) continue;
      visible.delete(path);
      const by = how === 'opaque' ? 'opaque' : path === root ? 'whiteout' : 'parent';
      record(path, version(layer, 'removed', removed, by), changes);
      if (removed.kind !== 'dir')
        removals.push({ path, entry: removed, createdLayer: removed.layer, removedLayer: layer, by });
    }
  };

  layers.forEach((layer, index) => {
    const changes: PathVersion[] = [];
    for (const entry of layer.entries) {
      if (entry.kind === 'whiteout' && (visible.has(entry.path) || children.has(entry.path))) {
        removeTree(entry.path, index, 'whiteout', changes, false);
      } else if (entry.kind === 'opaque') {
        removeTree(entry.path, index, 'opaque', changes, true);
      }
    }
    for (const entry of layer.entries) {
      if (entry.kind === 'whiteout' || entry.kind === 'opaque') continue;
      const previous = visible.get(entry.path);
      if (!previous) {
        record(entry.path, version(index, 'added', entry), changes);
      } else {
        if (previous.kind === 'dir' && entry.kind !== 'dir') {
          removeTree(entry.path, index, 'whiteout', changes, true);
        }
        if (previous.kind === 'dir' && entry.kind === 'dir') {
          if (sameMetadata(previous, entry)) {
            visible.set(entry.path, finalEntry(entry, previous.layer));
            continue; // docker re-ships parent dirs in every layer; that is not a change
          }
        } else if (previous.kind === 'file') {
          overwrites.push({
            path: entry.path,
            entry: previous,
            layer: previous.layer,
            byLayer: index,
            metadataOnly: entry.kind === 'file' && entry.digest === previous.digest,
          });
        }
        record(entry.path, version(index, 'modified', entry), changes);
      }
      if (!previous && !children.has(entry.path)) link(entry.path);
      visible.set(entry.path, finalEntry(entry, index));
    }
    layerChanges.push(changes);
  });

  removals.sort((a, b) => a.removedLayer - b.removedLayer || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { final: visible, history, removals, overwrites, layerChanges };
}

/**
 * One fixed object shape for every final entry (a spread of entries with different optional
 * fields made V8 fall back to dictionary objects: ~440 bytes each, 90 MB for 200,000 files).
 */
function finalEntry(e: FileEntry, layer: number): FinalEntry {
  return {
    path: e.path,
    kind: e.kind,
    size: e.size,
    mode: e.mode,
    uid: e.uid,
    gid: e.gid,
    linkTarget: e.linkTarget,
    digest: e.digest,
    unsafeName: e.unsafeName,
    content: e.content,
    secretHint: e.secretHint,
    layer,
  };
}

function version(
  layer: number,
  change: PathVersion['change'],
  entry: FileEntry,
  removedBy?: PathVersion['removedBy'],
): PathVersion {
  return { layer, change, entry, removedBy };
}

function sameMetadata(a: FileEntry, b: FileEntry): boolean {
  return a.mode === b.mode && a.uid === b.uid && a.gid === b.gid;
}

/** Visible entries at or below `dir` in a final filesystem. */
export function entriesUnder(final: Map<string, FinalEntry>, dir: string): FinalEntry[] {
  const out: FinalEntry[] = [];
  for (const [path, entry] of final) if (path === dir || isUnder(path, dir)) out.push(entry);
  return out;
}
