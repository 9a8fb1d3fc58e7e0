// Turns tar headers and content into compact FileEntry records, hashing content on the fly.
import * as crypto from 'node:crypto';
import { createHash, type Hash } from 'node:crypto';
import type { FileEntry } from '../../model/types.js';
import { CONTENT_SECRET_RULES } from '../../secrets/content-rules.js';
import { ContentScan, scansFile } from '../../secrets/content-scanner.js';
import { type DatabaseFileKind, databaseFileKind, goBinaryFragment, parseFragment } from '../packages/fragments.js';
import { GoBuildInfoScan } from '../packages/go-scan.js';
import type { TarHeader } from '../tar/header.js';
import type { TarVisitor } from '../tar/parser.js';
import { CAPTURE_MAX_BYTES, type CaptureKind, captureKindOf } from './capture.js';
import { joinPath, normalizeTarPath, parentOf } from './paths.js';

// One-shot sha256 (Node >= 20.12): about twice as cheap as createHash().update().digest() for
// the small files that make up most of an image, whose whole content arrives in one chunk.
const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'hex') => string }).hash;
const sha256Hex = (data: Buffer): string =>
  oneShot ? oneShot('sha256', data, 'hex') : createHash('sha256').update(data).digest('hex');
const EMPTY_DIGEST = `sha256:${sha256Hex(Buffer.alloc(0))}`;

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
  if (entry.kind === 'file') entry.size = header.size;
  if (entry.kind === 'symlink') entry.linkTarget = header.linkname;
  if (entry.kind === 'hardlink') entry.linkTarget = normalizeTarPath(header.linkname).path;
  return entry;
}

function kindOf(typeflag: string): FileEntry['kind'] {
  switch (typeflag) {
    case '0':
    case '7':
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
  readonly entries: FileEntry[] = [];
  size = 0;
  private current?: FileEntry;
  /** content bytes of the current file not yet seen; a hash is made only when it comes in pieces */
  private unhashed = 0;
  private hash?: Hash;
  /** the digest of a file whose content came in one piece (set on the entry in entryEnd, as before) */
  private wholeDigest?: string;
  // content capture (capture.ts): copies of the first bytes of a well-known file
  private captured?: Buffer[];
  private capturedBytes = 0;
  private captureKind?: CaptureKind;
  // the secret scan of the current file's content (src/secrets), made on the first file it scans
  private scan?: ContentScan;
  private scanning = false;
  // package database files (packages/fragments.ts): parsed at the end of the entry, only the
  // parse is kept; `dbBytes` is undefined when the file is over its kind's cap
  private db?: DatabaseFileKind;
  private dbBytes?: Buffer[];
  private readonly go = new GoBuildInfoScan();

  constructor(
    private readonly maxEntries: number,
    private readonly label: string,
  ) {}

  entry(header: TarHeader): void {
    const entry = entryFromHeader(header);
    if (entry.path === '/' && entry.kind === 'dir') {
      this.current = undefined; // the "./" root entry carries nothing worth keeping
      return;
    }
    if (this.entries.length >= this.maxEntries) {
      throw new EntryLimitError(`${this.label} has more than ${this.maxEntries} entries (raise --max-entries)`);
    }
    this.entries.push(entry);
    this.current = entry;
    if (entry.kind === 'file') {
      this.size += entry.size;
      this.unhashed = entry.size;
      if (entry.size === 0) this.wholeDigest = EMPTY_DIGEST;
      this.captureKind = captureKindOf(entry.path);
      if (this.captureKind) this.captured = [];
      if (scansFile(entry.path, entry.size)) {
        this.scan ??= new ContentScan(CONTENT_SECRET_RULES);
        this.scan.begin();
        this.scanning = true;
      }
      this.db = databaseFileKind(entry.path);
      if (this.db && this.db.maxBytes > 0 && entry.size <= this.db.maxBytes) this.dbBytes = [];
      this.go.start(entry.mode, entry.size);
    }
  }

  data(chunk: Buffer): void {
    if (this.current?.kind === 'file') {
      if (!this.hash && chunk.length === this.unhashed) {
        this.wholeDigest = `sha256:${sha256Hex(chunk)}`; // the whole content in one chunk
      } else {
        this.hash ??= createHash('sha256');
        this.hash.update(chunk);
      }
      this.unhashed -= chunk.length;
    }
    if (this.scanning) (this.scan as ContentScan).write(chunk);
    if (this.captured && this.capturedBytes < CAPTURE_MAX_BYTES) {
      // copy: the parser hands out views of its input chunks
      const part = Buffer.from(chunk.subarray(0, CAPTURE_MAX_BYTES - this.capturedBytes));
      this.captured.push(part);
      this.capturedBytes += part.length;
    }
    if (this.dbBytes) this.dbBytes.push(Buffer.from(chunk));
    if (this.go.active) this.go.feed(chunk);
  }

  entryEnd(): void {
    const entry = this.current;
    if (this.hash && entry) entry.digest = `sha256:${this.hash.digest('hex')}`;
    else if (this.wholeDigest && entry) entry.digest = this.wholeDigest;
    this.wholeDigest = undefined;
    this.unhashed = 0;
    if (this.scanning && entry) {
      const secrets = (this.scan as ContentScan).end();
      if (secrets) entry.secrets = secrets;
    }
    if (this.captured && this.captureKind && entry)
      this.captureKind.keep(entry, Buffer.concat(this.captured).toString('utf8'));
    if (this.db && entry) {
      const bytes = this.dbBytes && Buffer.concat(this.dbBytes);
      entry.packageDb = parseFragment(entry.path, this.db.kind, bytes, entry.size);
      this.db = undefined;
      this.dbBytes = undefined;
    }
    const go = this.go.finish();
    if (go && entry && !entry.packageDb) {
      const fragment = goBinaryFragment(entry.path, go);
      if (fragment) entry.packageDb = fragment;
    }
    this.hash = undefined;
    this.current = undefined;
    this.captured = undefined;
    this.captureKind = undefined;
    this.capturedBytes = 0;
    this.scanning = false;
  }
}

export class EntryLimitError extends Error {}
