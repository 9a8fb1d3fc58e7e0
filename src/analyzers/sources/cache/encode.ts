// Compact, versioned encoding of one layer walk for the on-disk cache: columnar JSON (one array
// per field, so repeated keys are not stored per entry), gzipped by the store.
import type { Compression, EntryKind, FileEntry, LayerWalk } from '../../../model/types.js';

/** Bump when what a walk records changes (v2: captured content; v3: masked secrets and credential files, no raw credential content; v4: package databases). */
export const CACHE_FORMAT_VERSION = 4;

const KIND_CODES: Record<EntryKind, string> = {
  file: 'f',
  dir: 'd',
  symlink: 's',
  hardlink: 'h',
  whiteout: 'w',
  opaque: 'o',
  other: 'x',
};
const CODE_KINDS = Object.fromEntries(Object.entries(KIND_CODES).map(([k, v]) => [v, k])) as Record<string, EntryKind>;

/** What the cache keeps: the content-derived part of a walk. Blob fields depend on how it was stored. */
export interface CachedWalk {
  diffId: string;
  tarSize: number;
  size: number;
  compression: Compression;
  entries: FileEntry[];
  /** read from an endpoint's namespace (see LayerCache.vouchedBy); never stored */
  vouched?: boolean;
}

interface Columns {
  v: number;
  diffId: string;
  tarSize: number;
  size: number;
  compression: Compression;
  path: string[];
  kind: string; // one code per entry
  esize: number[];
  mode: number[];
  uid: number[];
  gid: number[];
  link: Record<number, string>;
  digest: Record<number, string>; // hex without "sha256:"
  unsafe: number[];
  /** any other entry field (captured content, hints…), kept as is so new walker fields survive the cache */
  extra: Record<number, Record<string, unknown>>;
  /** the layerlint version that walked it: another version's walks are misses */
  tool: string;
}

const COLUMN_KEYS = new Set(['path', 'kind', 'size', 'mode', 'uid', 'gid', 'linkTarget', 'digest', 'unsafeName']);

export function encodeWalk(walk: CachedWalk, tool = '0'): string {
  const n = walk.entries.length;
  const cols: Columns = {
    v: CACHE_FORMAT_VERSION,
    diffId: walk.diffId,
    tarSize: walk.tarSize,
    size: walk.size,
    compression: walk.compression,
    path: new Array(n),
    kind: '',
    esize: new Array(n),
    mode: new Array(n),
    uid: new Array(n),
    gid: new Array(n),
    link: {},
    digest: {},
    unsafe: [],
    extra: {},
    tool,
  };
  const kinds: string[] = new Array(n);
  walk.entries.forEach((e, i) => {
    cols.path[i] = e.path;
    kinds[i] = KIND_CODES[e.kind];
    cols.esize[i] = e.size;
    cols.mode[i] = e.mode;
    cols.uid[i] = e.uid;
    cols.gid[i] = e.gid;
    if (e.linkTarget !== undefined) cols.link[i] = e.linkTarget;
    if (e.digest !== undefined) cols.digest[i] = e.digest.startsWith('sha256:') ? e.digest.slice(7) : `=${e.digest}`;
    if (e.unsafeName) cols.unsafe.push(i);
    for (const key of Object.keys(e)) {
      if (COLUMN_KEYS.has(key)) continue;
      cols.extra[i] ??= {};
      cols.extra[i][key] = (e as unknown as Record<string, unknown>)[key];
    }
  });
  cols.kind = kinds.join('');
  return JSON.stringify(cols);
}

/** Undefined when the text is not a walk of this format version (the caller treats it as a miss). */
export function decodeWalk(text: string, tool = '0'): CachedWalk | undefined {
  let cols: Columns;
  try {
    cols = JSON.parse(text) as Columns;
  } catch {
    return undefined;
  }
  if (
    !cols ||
    cols.v !== CACHE_FORMAT_VERSION ||
    cols.tool !== tool ||
    !Array.isArray(cols.path) ||
    typeof cols.kind !== 'string'
  )
    return undefined;
  const n = cols.path.length;
  if (cols.kind.length !== n || cols.esize.length !== n) return undefined;
  const unsafe = new Set(cols.unsafe);
  const entries: FileEntry[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const kind = CODE_KINDS[cols.kind[i]];
    if (!kind) return undefined;
    const e: FileEntry = {
      path: cols.path[i],
      kind,
      size: cols.esize[i],
      mode: cols.mode[i],
      uid: cols.uid[i],
      gid: cols.gid[i],
    };
    const link = cols.link[i];
    if (link !== undefined) e.linkTarget = link;
    const digest = cols.digest[i];
    if (digest !== undefined) e.digest = digest.startsWith('=') ? digest.slice(1) : `sha256:${digest}`;
    if (unsafe.has(i)) e.unsafeName = true;
    const extra = cols.extra?.[i];
    entries[i] = extra ? (Object.assign(e, extra) as FileEntry) : e;
  }
  return { diffId: cols.diffId, tarSize: cols.tarSize, size: cols.size, compression: cols.compression, entries };
}

/** The cached, content-derived part of a walk. */
export function cachedPart(walk: LayerWalk): CachedWalk {
  return {
    diffId: walk.diffId,
    tarSize: walk.tarSize,
    size: walk.size,
    compression: walk.compression,
    entries: walk.entries,
  };
}
