// One layer's entries, stored by column (DESIGN.md allows it "if memory says so", and it does):
// an object per entry with a digest string cost ~1.1 kB at 2 M entries once stacked, the columns
// ~50 bytes plus the path string. The typed arrays move between threads without a copy.
// Reading code sees FileEntry objects, made on demand (`at`, iteration); they are short-lived.
import type { EntryKind, FileEntry } from './types.js';

const KINDS: readonly EntryKind[] = ['file', 'dir', 'symlink', 'hardlink', 'whiteout', 'opaque', 'other'];
const KIND_CODE = new Map(KINDS.map((k, i) => [k, i]));
const HAS_DIGEST = 1;
const UNSAFE_NAME = 2;
const DIGEST_BYTES = 32;
const COLUMNS = new Set(['path', 'kind', 'size', 'mode', 'uid', 'gid', 'digest', 'unsafeName']);
const SHA256 = 'sha256:';

/** The fields an entry holds only sometimes, kept per entry index. */
export type EntryExtras = Partial<Omit<FileEntry, 'kind' | 'size' | 'mode' | 'digest' | 'unsafeName'>> & {
  uid?: number;
  gid?: number;
  /** a path UTF-8 cannot hold (a lone surrogate: a name that was not valid UTF-8 in the tar) */
  path?: string;
};

/** Plain data of a table: what crosses a thread boundary or goes into the cache. */
export interface EntryColumns {
  length: number;
  /** the paths, UTF-8, one after another (a path that is not well-formed Unicode is in extras) */
  pathBytes: Uint8Array;
  /** where each path ends in pathBytes */
  pathEnds: Uint32Array;
  kinds: Uint8Array;
  flags: Uint8Array;
  modes: Uint16Array;
  uids: Uint32Array;
  gids: Uint32Array;
  sizes: Float64Array;
  /** 32 bytes per entry: its sha256 when flags has HAS_DIGEST */
  digests: Uint8Array;
  extras: [number, EntryExtras][];
}

// every empty file has this digest (the walker hashes what it reads): one shared string
const EMPTY_DIGEST = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export class EntryTable implements Iterable<FileEntry> {
  /** the digest column as a Buffer, for hex slices without a view per call */
  private readonly digestBytes: Buffer;
  /**
   * the paths as strings, made on first use (a worker that only walks and posts a table never
   * makes them: the bytes move to the main thread, which makes each string once)
   */
  private paths?: string[];

  private constructor(
    private c: EntryColumns,
    private readonly extras: Map<number, EntryExtras>,
  ) {
    this.digestBytes = Buffer.from(c.digests.buffer, c.digests.byteOffset, c.digests.byteLength);
  }

  static fromColumns(c: EntryColumns): EntryTable {
    return new EntryTable(c, new Map(c.extras));
  }

  /** A table of plain entries (tests, fixtures); digests other than sha256 are not kept. */
  static from(entries: Iterable<FileEntry>): EntryTable {
    const b = new EntryTableBuilder();
    for (const e of entries) b.add(e);
    return b.finish();
  }

  get length(): number {
    return this.c.length;
  }

  path(i: number): string {
    if (!this.paths) this.paths = this.decodePaths();
    return this.paths[i] as string;
  }

  kind(i: number): EntryKind {
    return KINDS[this.c.kinds[i] as number] as EntryKind;
  }

  size(i: number): number {
    return this.c.sizes[i] as number;
  }

  /** mode, uid and gid equal at `i` here and at `j` in `other` */
  sameOwnerAndMode(i: number, other: EntryTable, j: number): boolean {
    const a = this.c;
    const b = other.c;
    return (
      a.modes[i] === b.modes[j] &&
      a.uids[i] === b.uids[j] &&
      a.gids[i] === b.gids[j] &&
      this.extras.get(i)?.uid === other.extras.get(j)?.uid &&
      this.extras.get(i)?.gid === other.extras.get(j)?.gid
    );
  }

  unsafeName(i: number): boolean {
    return ((this.c.flags[i] as number) & UNSAFE_NAME) !== 0;
  }

  digest(i: number): string | undefined {
    if (((this.c.flags[i] as number) & HAS_DIGEST) === 0) return undefined;
    if (this.c.sizes[i] === 0) return EMPTY_DIGEST;
    return SHA256 + this.digestBytes.toString('hex', i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES);
  }

  /** The entry at `i` as an object (a fresh one each call, always the same shape). */
  at(i: number): FileEntry {
    const c = this.c;
    const x = this.extras.get(i);
    const e = {
      path: this.path(i),
      kind: KINDS[c.kinds[i] as number] as EntryKind,
      size: c.sizes[i] as number,
      mode: c.modes[i] as number,
      uid: x?.uid ?? (c.uids[i] as number),
      gid: x?.gid ?? (c.gids[i] as number),
      digest: this.digest(i),
      unsafeName: ((c.flags[i] as number) & UNSAFE_NAME) !== 0 ? true : undefined,
    } as FileEntry;
    // the fields few entries have (link targets, captured content, secrets, package databases)
    return x ? Object.assign(e, x) : e;
  }

  *[Symbol.iterator](): Iterator<FileEntry> {
    for (let i = 0; i < this.c.length; i++) yield this.at(i);
  }

  /** The columns, for another thread or the cache. */
  columns(): EntryColumns {
    if (this.paths) {
      const b = new PathBytes();
      for (const [i, p] of this.paths.entries()) b.push(p, i, this.extras);
      return { ...this.c, ...b.finish(this.c.length), extras: [...this.extras] };
    }
    return { ...this.c, extras: [...this.extras] };
  }

  /** The columns and their buffers, to post to another thread without a copy (the table is spent). */
  transferable(): { columns: EntryColumns; transfer: ArrayBuffer[] } {
    const columns = this.columns();
    const { pathBytes, pathEnds, kinds, flags, modes, uids, gids, sizes, digests } = columns;
    const transfer = [pathBytes, pathEnds, kinds, flags, modes, uids, gids, sizes, digests].map(
      (a) => a.buffer as ArrayBuffer,
    );
    return { columns, transfer: [...new Set(transfer)] };
  }

  private decodePaths(): string[] {
    const { pathBytes, pathEnds, length } = this.c;
    const bytes = Buffer.from(pathBytes.buffer, pathBytes.byteOffset, pathBytes.byteLength);
    const out: string[] = new Array(length);
    let start = 0;
    for (let i = 0; i < length; i++) {
      const end = pathEnds[i] as number;
      out[i] = start === end ? (this.extras.get(i)?.path ?? '') : bytes.toString('utf8', start, end);
      start = end;
    }
    // the strings are kept from now on: the bytes are not needed
    this.c = { ...this.c, pathBytes: new Uint8Array(0), pathEnds: new Uint32Array(0) };
    return out;
  }
}

/** Paths appended as UTF-8 to a growing buffer. */
class PathBytes {
  private bytes = Buffer.alloc(0);
  private used = 0;
  private ends = new Uint32Array(0);
  private n = 0;

  /** Append entry `i`'s path; one UTF-8 cannot hold goes into `extras` (and no bytes here). */
  push(path: string, i: number, extras: Map<number, EntryExtras>): void {
    if (this.n === this.ends.length) {
      const ends = new Uint32Array(grownCapacity(this.n));
      ends.set(this.ends);
      this.ends = ends;
    }
    if ((path as string & { isWellFormed(): boolean }).isWellFormed() && path.length > 0) {
      const room = path.length * 3;
      if (this.used + room > this.bytes.length) {
        const bytes = Buffer.allocUnsafe(grownCapacity(this.used + room));
        this.bytes.copy(bytes, 0, 0, this.used);
        this.bytes = bytes;
      }
      this.used += this.bytes.write(path, this.used, 'utf8');
    } else {
      extras.set(i, { ...extras.get(i), path });
    }
    this.ends[this.n++] = this.used;
  }

  finish(n: number): { pathBytes: Uint8Array; pathEnds: Uint32Array } {
    return { pathBytes: new Uint8Array(this.bytes.subarray(0, this.used)), pathEnds: this.ends.slice(0, n) };
  }
}

/** Appends entries to growing columns; `finish` trims them to their length. */
export class EntryTableBuilder {
  private n = 0;
  private cap = 0;
  private readonly paths = new PathBytes();
  private kinds = new Uint8Array(0);
  private flags = new Uint8Array(0);
  private modes = new Uint16Array(0);
  private uids = new Uint32Array(0);
  private gids = new Uint32Array(0);
  private sizes = new Float64Array(0);
  private digests = new Uint8Array(0);
  private readonly extras = new Map<number, EntryExtras>();

  get length(): number {
    return this.n;
  }

  /** Add an entry; returns its index. */
  add(e: FileEntry): number {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.paths.push(e.path, i, this.extras);
    this.kinds[i] = KIND_CODE.get(e.kind) ?? 6;
    this.flags[i] = e.unsafeName ? UNSAFE_NAME : 0;
    this.modes[i] = e.mode & 0xffff;
    this.sizes[i] = e.size;
    this.setIds(i, e.uid, e.gid);
    if (e.digest?.startsWith(SHA256)) this.setDigestHex(i, e.digest.slice(SHA256.length));
    // every other field an entry may carry (kept as is: a field the walk adds later survives)
    for (const key of Object.keys(e) as (keyof FileEntry)[]) {
      if (COLUMNS.has(key) || e[key] === undefined) continue;
      this.setExtra(i, { [key]: e[key] } as EntryExtras);
    }
    return i;
  }

  setSize(i: number, size: number): void {
    this.sizes[i] = size;
  }

  setDigest(i: number, sha256: Uint8Array): void {
    this.digests.set(sha256, i * DIGEST_BYTES);
    this.flags[i] = (this.flags[i] as number) | HAS_DIGEST;
  }

  setExtra(i: number, extra: EntryExtras): void {
    this.extras.set(i, { ...this.extras.get(i), ...extra });
  }

  finish(): EntryTable {
    const n = this.n;
    const fit = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(a: T, per = 1): T =>
      (a.length === n * per ? a : a.slice(0, n * per)) as T;
    return EntryTable.fromColumns({
      length: n,
      ...this.paths.finish(n),
      kinds: fit(this.kinds),
      flags: fit(this.flags),
      modes: fit(this.modes),
      uids: fit(this.uids),
      gids: fit(this.gids),
      sizes: fit(this.sizes),
      digests: fit(this.digests, DIGEST_BYTES),
      extras: [...this.extras],
    });
  }

  private setIds(i: number, uid: number, gid: number): void {
    this.uids[i] = uid;
    this.gids[i] = gid;
    // ids past 32 bits (a base-256 tar field) keep their exact value aside
    if (uid !== this.uids[i] || gid !== this.gids[i]) this.setExtra(i, { uid, gid });
  }

  private setDigestHex(i: number, hex: string): void {
    // once per file on the walk's hot path: Buffer.write stops at the first character that is not
    // hex, so its count is the validation (no regex over every digest); upper case is refused as before
    if (hex.length !== DIGEST_BYTES * 2 || hex !== hex.toLowerCase()) return;
    const slot = Buffer.from(this.digests.buffer, this.digests.byteOffset + i * DIGEST_BYTES, DIGEST_BYTES);
    if (slot.write(hex, 'hex') !== DIGEST_BYTES) {
      slot.fill(0);
      return;
    }
    this.flags[i] = (this.flags[i] as number) | HAS_DIGEST;
  }

  private grow(): void {
    const cap = grownCapacity(this.cap);
    const more = <T extends Column>(a: T, per = 1): T => resized(a, cap * per);
    this.kinds = more(this.kinds);
    this.flags = more(this.flags);
    this.modes = more(this.modes);
    this.uids = more(this.uids);
    this.gids = more(this.gids);
    this.sizes = more(this.sizes);
    this.digests = more(this.digests, DIGEST_BYTES);
    this.cap = cap;
  }
}

/**
 * The next capacity of a growing column: small first (an image may have 100,000 one-file
 * layers), doubling while small, then 1.5x (less slack, and a smaller copy, for big layers).
 */
function grownCapacity(n: number): number {
  return n < 16 ? 16 : n < 65_536 ? n * 2 : Math.ceil(n * 1.5);
}

type Column = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

/** A copy of a typed array with room for `length` values (growing columns). */
export function resized<T extends Column>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a as never);
  return b;
}
