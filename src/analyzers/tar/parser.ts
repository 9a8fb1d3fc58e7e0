// A push-based, allocation-light tar stream parser: feed it chunks, it calls the visitor back.
// Content bytes are handed over as subarrays of the input chunks, never copied or buffered; the
// parser keeps no reference to a chunk after write() returns, so callers may reuse their buffers.
import { BLOCK, decodeName, isZeroBlock, parseHeader, parsePax, TarFormatError, type TarHeader } from './header.js';

export interface TarVisitor {
  entry(header: TarHeader): void;
  data(chunk: Buffer): void;
  entryEnd(): void;
}

/** Header blocks (PAX, GNU long names) larger than this are refused, as Go's archive/tar does. */
export const MAX_META_BYTES = 1024 * 1024;

type State = 'header' | 'data' | 'padding' | 'meta' | 'end';

export class TarParser {
  private state: State = 'header';
  private readonly headerBuf = Buffer.alloc(BLOCK);
  private headerFill = 0;
  private remaining = 0; // bytes left in the current data or meta section
  private padding = 0;
  private metaKind = '';
  private metaChunks: Buffer[] = [];
  private pax: Record<string, string> = {};
  private globalPax: Record<string, string> = {};
  /** a PAX header (per-entry or global) is in effect: the next entry needs to look at them */
  private hasPax = false;
  private hasGlobalPax = false;
  private longName?: string;
  private longLink?: string;
  private zeroBlocks = 0;
  private current?: TarHeader;
  bytes = 0;

  constructor(private readonly visitor: TarVisitor) {}

  get finished(): boolean {
    return this.state === 'end';
  }

  write(chunk: Buffer): void {
    let pos = 0;
    const len = chunk.length;
    this.bytes += len;
    while (pos < len) {
      switch (this.state) {
        case 'end':
          return; // trailing bytes after the end-of-archive marker are ignored
        case 'header': {
          if (this.headerFill === 0 && len - pos >= BLOCK) {
            this.onHeaderBlock(chunk.subarray(pos, pos + BLOCK));
            pos += BLOCK;
          } else {
            const take = Math.min(BLOCK - this.headerFill, len - pos);
            chunk.copy(this.headerBuf, this.headerFill, pos, pos + take);
            this.headerFill += take;
            pos += take;
            if (this.headerFill === BLOCK) {
              this.headerFill = 0;
              this.onHeaderBlock(this.headerBuf);
            }
          }
          break;
        }
        case 'data': {
          const take = Math.min(this.remaining, len - pos);
          this.visitor.data(chunk.subarray(pos, pos + take));
          pos += take;
          this.remaining -= take;
          if (this.remaining === 0) this.finishEntry();
          break;
        }
        case 'meta': {
          const take = Math.min(this.remaining, len - pos);
          this.metaChunks.push(Buffer.from(chunk.subarray(pos, pos + take))); // a copy: input buffers are reused
          pos += take;
          this.remaining -= take;
          if (this.remaining === 0) this.finishMeta();
          break;
        }
        case 'padding': {
          const take = Math.min(this.padding, len - pos);
          pos += take;
          this.padding -= take;
          if (this.padding === 0) this.state = 'header';
          break;
        }
      }
    }
  }

  /** Call at end of input; throws when the archive stops inside an entry. */
  end(): void {
    if (this.state === 'end' || (this.state === 'header' && this.headerFill === 0)) {
      this.state = 'end';
      return;
    }
    if (this.state === 'data' && this.current) {
      const got = this.current.size - this.remaining;
      throw new TarFormatError(`tar entry "${this.current.name}" is truncated at byte ${got} of ${this.current.size}`);
    }
    if (this.state === 'padding') {
      this.state = 'end'; // missing padding after the last entry: tolerated like GNU tar
      return;
    }
    throw new TarFormatError('tar stream is truncated inside a header');
  }

  private onHeaderBlock(block: Buffer): void {
    if (isZeroBlock(block)) {
      this.zeroBlocks++;
      if (this.zeroBlocks >= 2) this.state = 'end';
      return;
    }
    if (this.zeroBlocks === 1) {
      // a single zero block followed by more headers: tolerated (some writers pad oddly)
      this.zeroBlocks = 0;
    }
    const header = parseHeader(block);
    const padding = (BLOCK - (header.size % BLOCK)) % BLOCK;
    switch (header.typeflag) {
      case 'x':
      case 'g':
      case 'L':
      case 'K':
        if (header.size > MAX_META_BYTES) {
          throw new TarFormatError(
            `tar ${header.typeflag === 'L' || header.typeflag === 'K' ? 'long-name' : 'PAX'} header claims ${header.size} bytes (limit ${MAX_META_BYTES})`,
          );
        }
        this.metaKind = header.typeflag;
        this.metaChunks = [];
        this.remaining = header.size;
        this.padding = padding;
        if (header.size === 0) this.finishMeta();
        else this.state = 'meta';
        return;
    }
    if (this.longName !== undefined) header.name = this.longName;
    if (this.longLink !== undefined) header.linkname = this.longLink;
    if (this.hasPax) {
      // per-entry records override global ones (no merged copy: this runs for every entry)
      const pax = this.pax;
      const globalPax = this.globalPax;
      const path = pax.path ?? globalPax.path;
      const linkpath = pax.linkpath ?? globalPax.linkpath;
      const size = pax.size ?? globalPax.size;
      const uid = pax.uid ?? globalPax.uid;
      const gid = pax.gid ?? globalPax.gid;
      if (path !== undefined) header.name = path;
      if (linkpath !== undefined) header.linkname = linkpath;
      if (size !== undefined) header.size = parsePaxNumber(size, 'size');
      if (uid !== undefined) header.uid = parsePaxNumber(uid, 'uid');
      if (gid !== undefined) header.gid = parsePaxNumber(gid, 'gid');
      this.pax = {};
      this.hasPax = this.hasGlobalPax;
    }
    this.longName = undefined;
    this.longLink = undefined;
    // hardlinks, symlinks, dirs and devices carry no content even if size says otherwise (GNU tar)
    const hasData = !NO_DATA_TYPES.includes(header.typeflag);
    this.current = header;
    this.visitor.entry(header);
    const dataSize = hasData ? header.size : 0;
    if (!hasData) header.size = 0;
    this.remaining = dataSize;
    this.padding = (BLOCK - (dataSize % BLOCK)) % BLOCK;
    if (dataSize === 0) this.finishEntry();
    else this.state = 'data';
  }

  private finishEntry(): void {
    this.visitor.entryEnd();
    this.current = undefined;
    this.state = this.padding > 0 ? 'padding' : 'header';
  }

  private finishMeta(): void {
    const data = Buffer.concat(this.metaChunks);
    this.metaChunks = [];
    switch (this.metaKind) {
      case 'x':
        this.pax = parsePax(data);
        this.hasPax = true;
        break;
      case 'g':
        this.globalPax = { ...this.globalPax, ...parsePax(data) };
        this.hasGlobalPax = true;
        this.hasPax = true;
        break;
      case 'L':
        this.longName = nulTerminated(data);
        break;
      case 'K':
        this.longLink = nulTerminated(data);
        break;
    }
    this.state = this.padding > 0 ? 'padding' : 'header';
  }
}

const NO_DATA_TYPES = '123456';

function nulTerminated(data: Buffer): string {
  const nul = data.indexOf(0);
  return decodeName(data, 0, nul < 0 ? data.length : nul);
}

function parsePaxNumber(value: string, key: string): number {
  if (!/^\d+$/.test(value)) throw new TarFormatError(`invalid PAX ${key} "${value.slice(0, 40)}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new TarFormatError(`PAX ${key} out of range`);
  return n;
}
