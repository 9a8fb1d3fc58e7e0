// Turns tar headers and content into a layer's entry table (columns, model/entry-table.ts),
// hashing content on the fly.
import * as crypto from 'node:crypto';
import { createHash, type Hash } from 'node:crypto';
import { type EntryTable, EntryTableBuilder } from '../../model/entry-table.js';
import type { FileEntry } from '../../model/types.js';
import type { TarHeader } from '../tar/header.js';
import type { TarVisitor } from '../tar/parser.js';
import {
  CAPTURE_MAX_BYTES,
  CAPTURE_PATH_RE,
  hasPrivateKeyHeader,
  mayHoldPrivateKey,
  PEM_SCAN_BYTES,
  PEM_SCAN_MAX_FILE_BYTES,
} from './capture.js';
import { countEntries, type Limits } from './limits.js';
import { joinPath, normalizeTarPath, parentOf } from './paths.js';

// One-shot sha256 (Node >= 20.12): about twice as cheap as createHash().update().digest() for
// the small files that make up most of an image, whose whole content arrives in one chunk.
const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;
const sha256 = (data: Buffer): Buffer =>
  oneShot ? oneShot('sha256', data, 'buffer') : createHash('sha256').update(data).digest();
const EMPTY_DIGEST = sha256(Buffer.alloc(0));

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

export function entryFromHeader(header: TarHeader): FileEntry {
  const { path, unsafe } = normalizeTarPath(header.name);
  const entry: FileEntry = {
    path,
    // v7 tar marks directories by a trailing slash on a regular-file entry
    kind: header.typeflag === '0' && header.name.endsWith('/') ? 'dir' : kindOf(header.typeflag),
    size: 0,
    mode: header.mode & 0o7777,
    uid: header.uid,
    gid: header.gid,
  };
  if (unsafe) entry.unsafeName = true;
  const slash = path.lastIndexOf('/');
  if (path.startsWith(WHITEOUT, slash + 1)) {
    const base = path.slice(slash + 1);
    if (base === OPAQUE) {
      entry.kind = 'opaque';
      entry.path = parentOf(path);
    } else if (base.startsWith(`${WHITEOUT}${WHITEOUT}`)) {
      entry.kind = 'other'; // aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs)
    } else {
      entry.kind = 'whiteout';
      entry.path = joinPath(parentOf(path), base.slice(WHITEOUT.length));
    }
    return entry;
  }
  // a sparse file's size is its real size, holes included (what it takes once extracted)
  if (entry.kind === 'file') entry.size = header.realSize ?? header.size;
  if (entry.kind === 'symlink') entry.linkTarget = header.linkname;
  if (entry.kind === 'hardlink') entry.linkTarget = normalizeTarPath(header.linkname).path;
  return entry;
}

function kindOf(typeflag: string): FileEntry['kind'] {
  switch (typeflag) {
    case '0':
    case '7':
    case 'S': // GNU sparse
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '5':
      return 'dir';
    default:
      return 'other';
  }
}

export class EntryRecorder implements TarVisitor {
  private readonly table = new EntryTableBuilder();
  size = 0;
  private current?: FileEntry;
  /** the current entry's index in the table */
  private at = -1;
  private sparse = false;
  /** content bytes of the current file not yet seen; a hash is made only when it comes in pieces */
  private unhashed = 0;
  private hash?: Hash;
  /** the digest of a file whose content came in one piece (set on the entry in entryEnd, as before) */
  private wholeDigest?: Buffer;
  // content capture (capture.ts): copies of the first bytes of a well-known file
  private captured?: Buffer[];
  private capturedBytes = 0;
  // private-key scan: bytes of the file start still to look at, and a scratch buffer used only
  // when the start arrives split over several chunks
  private headWanted = 0;
  private headFilled = 0;
  private scratch?: Buffer;

  constructor(
    private readonly limits: Limits,
    private readonly label: string,
  ) {}

  entry(header: TarHeader): void {
    const entry = entryFromHeader(header);
    if (entry.path === '/' && entry.kind === 'dir') {
      this.current = undefined; // the "./" root entry carries nothing worth keeping
      return;
    }
    countEntries(this.limits, 1, this.table.length + 1, this.label);
    this.at = this.table.add(entry);
    this.current = entry;
    if (entry.kind === 'file') {
      this.size += entry.size;
      // the bytes that follow: a sparse file's data without its holes
      this.unhashed = header.size;
      // a sparse file gets no digest: the stored bytes are not its content, and hashing the
      // holes too would read as many zeros as the file claims (unbounded)
      this.sparse = header.realSize !== undefined;
      if (entry.size === 0) this.wholeDigest = EMPTY_DIGEST;
      if (entry.size > 0 && entry.size < PEM_SCAN_MAX_FILE_BYTES)
        this.headWanted = Math.min(entry.size, PEM_SCAN_BYTES);
      if (CAPTURE_PATH_RE.test(entry.path)) this.captured = [];
    }
  }

  data(chunk: Buffer): void {
    if (this.current?.kind === 'file') {
      if (!this.hash && chunk.length === this.unhashed) {
        this.wholeDigest = sha256(chunk); // the whole content in one chunk
      } else {
        this.hash ??= createHash('sha256');
        this.hash.update(chunk);
      }
      this.unhashed -= chunk.length;
    }
    if (this.headWanted > 0) this.scanHead(chunk);
    if (this.captured && this.capturedBytes < CAPTURE_MAX_BYTES) {
      // copy: the parser hands out views of its input chunks
      const part = Buffer.from(chunk.subarray(0, CAPTURE_MAX_BYTES - this.capturedBytes));
      this.captured.push(part);
      this.capturedBytes += part.length;
    }
  }

  entryEnd(): void {
    const entry = this.current;
    if (this.sparse) this.hash = this.wholeDigest = undefined;
    this.sparse = false;
    if (this.hash && entry) this.table.setDigest(this.at, this.hash.digest());
    else if (this.wholeDigest && entry) this.table.setDigest(this.at, this.wholeDigest);
    this.wholeDigest = undefined;
    this.unhashed = 0;
    if (this.headFilled > 0 && entry && hasPrivateKeyHeader((this.scratch as Buffer).subarray(0, this.headFilled))) {
      this.table.setExtra(this.at, { secretHint: 'private-key' });
    }
    if (this.captured && entry)
      this.table.setExtra(this.at, { content: Buffer.concat(this.captured).toString('utf8') });
    this.hash = undefined;
    this.current = undefined;
    this.captured = undefined;
    this.capturedBytes = 0;
    this.headWanted = 0;
    this.headFilled = 0;
  }

  /** The entries recorded; the recorder is done. */
  finish(): EntryTable {
    return this.table.finish();
  }

  private scanHead(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.headFilled === 0 && !mayHoldPrivateKey(chunk[0] as number)) {
      this.headWanted = 0; // nearly every file stops here, after one byte
      return;
    }
    if (this.headFilled === 0 && chunk.length >= this.headWanted) {
      // the usual case: the whole file start is in the first chunk, no copy
      if (this.current && hasPrivateKeyHeader(chunk.subarray(0, this.headWanted)))
        this.table.setExtra(this.at, { secretHint: 'private-key' });
      this.headWanted = 0;
      return;
    }
    this.scratch ??= Buffer.allocUnsafe(PEM_SCAN_BYTES);
    this.headFilled += chunk.copy(
      this.scratch,
      this.headFilled,
      0,
      Math.min(chunk.length, this.headWanted - this.headFilled),
    );
    if (this.headFilled >= this.headWanted) this.headWanted = 0; // entryEnd scans the scratch
  }
}
