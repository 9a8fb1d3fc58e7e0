// Applies the layers in order (OCI whiteout rules) to give the final filesystem and, for each
// path, its history across layers. Pure: no I/O.
import type {
  FileEntry,
  FinalEntry,
  Layer,
  Overwrite,
  PathVersion,
  Removal,
  StackedImage,
} from '../model/types.js';
import { isUnder, parentOf } from './walk/paths.js';

export function stackLayers(layers: readonly Pick<Layer, 'entries'>[]): StackedImage {
  const visible = new Map<string, FinalEntry>();
  const children = new Map<string, Set<string>>();
  const history = new Map<string, PathVersion[]>();
  const removals: Removal[] = [];
  const overwrites: Overwrite[] = [];
  const layerChanges: PathVersion[][] = [];

  const record = (path: string, version: PathVersion, changes: PathVersion[]) => {
    let list = history.get(path);
    if (!list) history.set(path, (list = []));
    list.push(version);
    changes.push(version);
  };

  const link = (path: string) => {
    let child = path;
    while (child !== '/') {
      const parent = parentOf(child);
      let set = children.get(parent);
      if (!set) children.set(parent, (set = new Set()));
      if (set.has(child)) return;
      set.add(child);
      child = parent;
    }
  };

  const unlink = (path: string) => {
    children.get(parentOf(path))?.delete(path);
  };

  /** Remove `root` (unless onlyChildren) and everything below it; record each removed version. */
  const removeTree = (
    root: string,
    layer: number,
    how: 'whiteout' | 'opaque',
    changes: PathVersion[],
    onlyChildren: boolean,
  ) => {
    const stack = onlyChildren ? [...(children.get(root) ?? [])] : [root];
    while (stack.length > 0) {
      const path = stack.pop()!;
      const kids = children.get(path);
      if (kids) {
        for (const kid of kids) stack.push(kid);
        children.delete(path);
      }
      unlink(path);
      const removed = visible.get(path);
      if (!removed) continue;
      visible.delete(path);
      const by = how === 'opaque' ? 'opaque' : path === root ? 'whiteout' : 'parent';
      const { layer: createdLayer, ...entry } = removed;
      record(path, { layer, change: 'removed', entry, removedBy: by }, changes);
      if (entry.kind !== 'dir') removals.push({ path, entry, createdLayer, removedLayer: layer, by });
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
        record(entry.path, { layer: index, change: 'added', entry }, changes);
      } else {
        if (previous.kind === 'dir' && entry.kind !== 'dir') {
          removeTree(entry.path, index, 'whiteout', changes, true);
        }
        if (previous.kind === 'dir' && entry.kind === 'dir') {
          if (sameMetadata(previous, entry)) {
            visible.set(entry.path, { ...entry, layer: previous.layer });
            continue; // docker re-ships parent dirs in every layer; that is not a change
          }
        } else if (previous.kind === 'file') {
          const { layer: shadowedLayer, ...shadowed } = previous;
          overwrites.push({
            path: entry.path,
            entry: shadowed,
            layer: shadowedLayer,
            byLayer: index,
            metadataOnly: entry.kind === 'file' && entry.digest === previous.digest,
          });
        }
        record(entry.path, { layer: index, change: 'modified', entry }, changes);
      }
      visible.set(entry.path, { ...entry, layer: index });
      link(entry.path);
    }
    layerChanges.push(changes);
  });

  removals.sort((a, b) => a.removedLayer - b.removedLayer || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { final: visible, history, removals, overwrites, layerChanges };
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
