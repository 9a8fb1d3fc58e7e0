// Compact, versioned encoding of one layer walk for the on-disk cache: the entry table's columns
// as they are in memory (model/entry-table.ts), gzipped by the store. Layout:
//   "LLWALK" version(u8) headerLength(u32 LE) header(JSON) pathEnds kinds flags modes uids gids
//   sizes digests pathBytes (the columns' bytes, little-endian)
// A path that is not well-formed Unicode travels in the header's extras (JSON keeps lone surrogates).
// A file of another version, another tool version, or damaged is a miss, never misread.
import { type EntryColumns, type EntryExtras, EntryTable } from '../../../model/entry-table.js';
import type { Compression, LayerWalk } from '../../../model/types.js';

/** Bump when what a walk records changes (v2: captured content; v3: masked secrets and credential files, no raw credential content; v4: package databases; v5: binary columns). */
export const CACHE_FORMAT_VERSION = 5;

const MAGIC = Buffer.from('LLWALK');

/** What the cache keeps: the content-derived part of a walk. Blob fields depend on how it was stored. */
export interface CachedWalk {
  diffId: string;
  tarSize: number;
  size: number;
  compression: Compression;
  entries: EntryTable;
  /** read from an endpoint's namespace (see LayerCache.vouchedBy); never stored */
  vouched?: boolean;
}

interface Header {
  tool: string;
  diffId: string;
  tarSize: number;
  size: number;
  compression: Compression;
  length: number;
  extras: [number, EntryExtras][];
}

function u32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32LE(n);
  return b;
}

function bytesOf(a: Uint8Array | Uint16Array | Uint32Array | Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function encodeWalk(walk: CachedWalk, tool = '0'): Buffer {
  const c = walk.entries.columns();
  const header: Header = {
    tool,
    diffId: walk.diffId,
    tarSize: walk.tarSize,
    size: walk.size,
    compression: walk.compression,
    length: c.length,
    extras: c.extras,
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  return Buffer.concat([
    MAGIC,
    Buffer.from([CACHE_FORMAT_VERSION]),
    u32(headerBytes.length),
    headerBytes,
    bytesOf(c.pathEnds),
    bytesOf(c.kinds),
    bytesOf(c.flags),
    bytesOf(c.modes),
    bytesOf(c.uids),
    bytesOf(c.gids),
    bytesOf(c.sizes),
    bytesOf(c.digests),
    bytesOf(c.pathBytes),
  ]);
}

/** Undefined when the bytes are not a walk of this format and tool version (the caller treats it as a miss). */
export function decodeWalk(bytes: Buffer, tool = '0'): CachedWalk | undefined {
  try {
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC) || bytes[MAGIC.length] !== CACHE_FORMAT_VERSION)
      return undefined;
    let at = MAGIC.length + 1;
    const headerLength = bytes.readUInt32LE(at);
    at += 4;
    const h = JSON.parse(bytes.toString('utf8', at, at + headerLength)) as Header;
    at += headerLength;
    if (h.tool !== tool || !Number.isInteger(h.length) || h.length < 0 || !Array.isArray(h.extras)) return undefined;
    const n = h.length;
    const take = <T>(make: (b: ArrayBuffer) => T, len: number): T => {
      if (at + len > bytes.length) throw new RangeError('short');
      const copy = new Uint8Array(len); // aligned, and no view on the (larger) file buffer
      copy.set(bytes.subarray(at, at + len));
      at += len;
      return make(copy.buffer);
    };
    const pathEnds = take((b) => new Uint32Array(b), n * 4);
    const columns: EntryColumns = {
      length: n,
      pathEnds,
      kinds: take((b) => new Uint8Array(b), n),
      flags: take((b) => new Uint8Array(b), n),
      modes: take((b) => new Uint16Array(b), n * 2),
      uids: take((b) => new Uint32Array(b), n * 4),
      gids: take((b) => new Uint32Array(b), n * 4),
      sizes: take((b) => new Float64Array(b), n * 8),
      digests: take((b) => new Uint8Array(b), n * 32),
      pathBytes: new Uint8Array(0),
      extras: h.extras,
    };
    const pathBytes = n === 0 ? 0 : (pathEnds[n - 1] as number);
    if (at + pathBytes !== bytes.length) return undefined;
    columns.pathBytes = take((b) => new Uint8Array(b), pathBytes);
    return {
      diffId: h.diffId,
      tarSize: h.tarSize,
      size: h.size,
      compression: h.compression,
      entries: EntryTable.fromColumns(columns),
    };
  } catch {
    return undefined;
  }
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
