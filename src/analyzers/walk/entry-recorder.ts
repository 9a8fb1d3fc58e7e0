// Turns tar headers and content into compact FileEntry records, hashing content on the fly.
import { createHash, type Hash } from 'node:crypto';
import type { FileEntry } from '../../model/types.js';
import type { TarHeader } from '../tar/header.js';
import type { TarVisitor } from '../tar/parser.js';
import { baseName, normalizeTarPath, parentOf, joinPath } from './paths.js';

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

export function entryFromHeader(header: TarHeader): FileEntry {
  const { path, unsafe } = normalizeTarPath(header.name);
  const entry: FileEntry = {
    path,
    kind: kindOf(header.typeflag),
    size: 0,
    mode: header.mode & 0o7777,
    uid: header.uid,
    gid: header.gid,
  };
  if (unsafe) entry.unsafeName = true;
  const base = baseName(path);
  if (base.startsWith(WHITEOUT)) {
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
  private hash?: Hash;

  constructor(private readonly maxEntries: number, private readonly label: string) {}

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
      this.hash = createHash('sha256');
    }
  }

  data(chunk: Buffer): void {
    this.hash?.update(chunk);
  }

  entryEnd(): void {
    if (this.hash && this.current) this.current.digest = `sha256:${this.hash.digest('hex')}`;
    this.hash = undefined;
    this.current = undefined;
  }
}

export class EntryLimitError extends Error {}
