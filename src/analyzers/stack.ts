// Applies the layers in order (OCI whiteout rules) to give the final filesystem and, for each
// path, its history across layers. Pure: no I/O.
import { EntryTable, resized } from '../model/entry-table.js';
import type {
  ChangeKind,
  FileEntry,
  FinalEntry,
  Layer,
  Overwrite,
  PathVersion,
  ReadonlyPathMap,
  Removal,
  StackedImage,
} from '../model/types.js';
import { isUnder, parentOf } from './walk/paths.js';

export function stackLayers(layers: readonly Pick<Layer, 'entries'>[]): StackedImage {
  const stacker = new LayerStacker();
  for (const layer of layers) stacker.add(layer.entries);
  return stacker.finish();
}

const CHANGES: readonly ChangeKind[] = ['added', 'modified', 'removed'];
const REMOVED = 2;
const REMOVED_BY: readonly (PathVersion['removedBy'] | undefined)[] = [undefined, 'whiteout', 'parent', 'opaque'];
const BY_CODE = { whiteout: 1 << 2, parent: 2 << 2, opaque: 3 << 2 } as const;

/**
 * Stacks layers one at a time, in order, so that a caller can stack each layer as soon as its walk
 * and those of the layers below it are done. `state` is the stack so far (removals not yet sorted).
 *
 * Memory is what bounds the number of files an image may have, so nothing here is an object per
 * path: a version is four numbers in growing typed arrays (the entry it shows, by image-wide id,
 * the layer, the change and how it was removed, the path's previous version), one Map holds each
 * path's latest version (a path is visible when that is not a removal), and the maps and arrays
 * callers read (final, history, changesOf) make their objects on demand.
 */
export class LayerStacker {
  private readonly tables: EntryTable[] = [];
  /** image-wide id of each layer's first entry */
  private readonly firstId: number[] = [];
  private nextId = 0;
  /** first version recorded by each layer */
  private readonly firstVersion: number[] = [];
  private versions = 0;
  private vEntry = new Int32Array(1024);
  private vLayer = new Int32Array(1024);
  private vCode = new Uint8Array(1024);
  private vPrev = new Int32Array(1024);
  /** path -> its latest version */
  private readonly latest = new Map<string, number>();
  private visibleCount = 0;
  private readonly children = new Map<string, string[]>();
  private readonly removals: Removal[] = [];
  private readonly overwrites: Overwrite[] = [];
  private readonly view: StackedImage;

  constructor() {
    const self = this;
    const final: ReadonlyPathMap<FinalEntry> = pathMap(
      () => self.visibleCount,
      (path) => {
        const v = self.visibleVersion(path);
        return v === undefined ? undefined : self.finalOf(v);
      },
      function* () {
        for (const [path, v] of self.latest) if (!self.removed(v)) yield [path, self.finalOf(v)];
      },
    );
    const history: ReadonlyPathMap<PathVersion[]> = pathMap(
      () => self.latest.size,
      (path) => {
        const v = self.latest.get(path);
        return v === undefined ? undefined : self.versionsFrom(v);
      },
      function* () {
        for (const [path, v] of self.latest) yield [path, self.versionsFrom(v)];
      },
    );
    this.view = {
      final,
      history,
      removals: this.removals,
      overwrites: this.overwrites,
      changesOf: (layer) => {
        const from = this.firstVersion[layer];
        if (from === undefined) return [];
        const to = this.firstVersion[layer + 1] ?? this.versions;
        const out: PathVersion[] = [];
        for (let v = from; v < to; v++) out.push(this.version(v));
        return out;
      },
    };
  }

  get state(): StackedImage {
    return this.view;
  }

  /** The result; no layer may be added after this. */
  finish(): StackedImage {
    this.removals.sort((a, b) => a.removedLayer - b.removedLayer || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return this.view;
  }

  add(entries: EntryTable | readonly FileEntry[]): void {
    const table = entries instanceof EntryTable ? entries : EntryTable.from(entries);
    const index = this.tables.length;
    const base = this.nextId;
    this.tables.push(table);
    this.firstId.push(base);
    this.nextId += table.length;
    this.firstVersion.push(this.versions);
    const { children } = this;
    const n = table.length;
    for (let i = 0; i < n; i++) {
      const kind = table.kind(i);
      const path = table.path(i);
      if (kind === 'whiteout' && (this.visibleVersion(path) !== undefined || children.has(path))) {
        this.removeTree(path, index, 'whiteout', false);
      } else if (kind === 'opaque') {
        this.removeTree(path, index, 'opaque', true);
      }
    }
    for (let i = 0; i < n; i++) {
      const kind = table.kind(i);
      if (kind === 'whiteout' || kind === 'opaque') continue;
      const path = table.path(i);
      const id = base + i;
      const previous = this.visibleVersion(path);
      if (previous === undefined) {
        this.record(path, id, index, 0);
        this.visibleCount++;
        if (!children.has(path)) this.link(path);
        continue;
      }
      const previousId = this.vEntry[previous] as number;
      const previousKind = this.kindOf(previousId);
      if (previousKind === 'dir' && kind !== 'dir') this.removeTree(path, index, 'whiteout', true);
      if (previousKind === 'dir' && kind === 'dir') {
        // docker re-ships parent dirs in every layer; that is not a change
        if (this.sameMetadata(previousId, id)) continue;
      } else if (previousKind === 'file') {
        const shadowed = this.entryOf(previousId);
        this.overwrites.push({
          path,
          entry: shadowed,
          layer: this.vLayer[previous] as number,
          byLayer: index,
          metadataOnly: kind === 'file' && table.digest(i) === shadowed.digest,
        });
      }
      this.record(path, id, index, 1);
    }
  }

  private removed(v: number): boolean {
    return ((this.vCode[v] as number) & 3) === REMOVED;
  }

  private visibleVersion(path: string): number | undefined {
    const v = this.latest.get(path);
    return v === undefined || this.removed(v) ? undefined : v;
  }

  private locate(id: number): [EntryTable, number] {
    const starts = this.firstId;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= id) lo = mid;
      else hi = mid - 1;
    }
    return [this.tables[lo] as EntryTable, id - (starts[lo] as number)];
  }

  private kindOf(id: number): FileEntry['kind'] {
    const [table, i] = this.locate(id);
    return table.kind(i);
  }

  private entryOf(id: number): FileEntry {
    const [table, i] = this.locate(id);
    return table.at(i);
  }

  private finalOf(v: number): FinalEntry {
    const e = this.entryOf(this.vEntry[v] as number) as FinalEntry;
    e.layer = this.vLayer[v] as number;
    if (e.kind === 'hardlink' && e.linkTarget !== undefined) this.adoptRemovedTarget(e, e.linkTarget);
    return e;
  }

  /**
   * A hard link is another name for its target's content, so it ships no bytes of its own (size
   * 0) while the target is there. Once the target is removed (whited out, its directory removed)
   * the link is what holds that content: it shows the removed file's size and digest.
   */
  private adoptRemovedTarget(link: FileEntry, target: string): void {
    const v = this.latest.get(target);
    if (v === undefined || !this.removed(v)) return;
    const content = this.entryOf(this.vEntry[v] as number);
    if (content.kind !== 'file') return;
    link.size = content.size;
    link.digest = content.digest;
  }

  private version(v: number): PathVersion {
    const code = this.vCode[v] as number;
    return {
      layer: this.vLayer[v] as number,
      change: CHANGES[code & 3] as ChangeKind,
      entry: this.entryOf(this.vEntry[v] as number),
      removedBy: REMOVED_BY[code >> 2],
    };
  }

  private versionsFrom(last: number): PathVersion[] {
    const out: PathVersion[] = [];
    for (let v = last; v >= 0; v = this.vPrev[v] as number) out.push(this.version(v));
    return out.reverse();
  }

  private sameMetadata(a: number, b: number): boolean {
    const [x, i] = this.locate(a);
    const [y, j] = this.locate(b);
    return x.sameOwnerAndMode(i, y, j);
  }

  private record(path: string, id: number, layer: number, code: number): void {
    const v = this.versions++;
    if (v === this.vEntry.length) this.grow();
    this.vEntry[v] = id;
    this.vLayer[v] = layer;
    this.vCode[v] = code;
    this.vPrev[v] = this.latest.get(path) ?? -1;
    this.latest.set(path, v);
  }

  private grow(): void {
    const cap = Math.ceil(this.vEntry.length * 1.5);
    const more = <T extends Int32Array | Uint8Array>(a: T): T => resized(a, cap);
    this.vEntry = more(this.vEntry);
    this.vLayer = more(this.vLayer);
    this.vCode = more(this.vCode);
    this.vPrev = more(this.vPrev);
  }

  // children: directory -> paths directly below it, for removing a subtree. A key exists for
  // every linked directory, explicit or implied by a deeper path; arrays, not Sets: a tenth of the memory.
  private link(path: string): void {
    let child = path;
    for (;;) {
      const parent = parentOf(child);
      const list = this.children.get(parent);
      if (list) {
        list.push(child);
        return;
      }
      this.children.set(parent, [child]);
      if (parent === '/' || this.visibleVersion(parent) !== undefined) return; // a visible directory is linked already
      child = parent;
    }
  }

  private unlink(path: string): void {
    const list = this.children.get(parentOf(path));
    const i = list ? list.indexOf(path) : -1;
    if (!list || i < 0) return;
    list[i] = list[list.length - 1] as string;
    list.pop();
  }

  /** Remove `root` (unless onlyChildren) and everything below it; record each removed version. */
  private removeTree(root: string, layer: number, how: 'whiteout' | 'opaque', onlyChildren: boolean): void {
    const { children } = this;
    const stack = onlyChildren ? (children.get(root) ?? []) : [root];
    if (onlyChildren) children.delete(root);
    else this.unlink(root);
    while (stack.length > 0) {
      const path = stack.pop() as string;
      const kids = children.get(path);
      if (kids) {
        for (const kid of kids) stack.push(kid);
        children.delete(path);
      }
      const v = this.visibleVersion(path);
      if (v === undefined) continue;
      this.visibleCount--;
      const by = how === 'opaque' ? 'opaque' : path === root ? 'whiteout' : 'parent';
      const removedId = this.vEntry[v] as number;
      const createdLayer = this.vLayer[v] as number;
      this.record(path, removedId, layer, REMOVED | BY_CODE[by]);
      if (this.kindOf(removedId) !== 'dir') {
        this.removals.push({ path, entry: this.entryOf(removedId), createdLayer, removedLayer: layer, by });
      }
    }
  }
}

/** A ReadonlyPathMap over a size, a lookup and an iteration. */
function pathMap<V>(
  size: () => number,
  get: (path: string) => V | undefined,
  entries: () => IterableIterator<[string, V]>,
): ReadonlyPathMap<V> {
  return {
    get size() {
      return size();
    },
    get,
    has: (path) => get(path) !== undefined,
    entries,
    *keys() {
      for (const [path] of entries()) yield path;
    },
    *values() {
      for (const [, value] of entries()) yield value;
    },
    [Symbol.iterator]: entries,
  };
}

/** Visible entries at or below `dir` in a final filesystem. */
export function entriesUnder(final: ReadonlyPathMap<FinalEntry>, dir: string): FinalEntry[] {
  const out: FinalEntry[] = [];
  for (const [path, entry] of final) if (path === dir || isUnder(path, dir)) out.push(entry);
  return out;
}
