// A push-based, allocation-light tar stream parser: feed it chunks, it calls the visitor back.
// Content bytes are handed over as subarrays of the input chunks, never copied or buffered; the
// parser keeps no reference to a chunk after write() returns, so callers may reuse their buffers.
import {
  BLOCK,
  decodeName,
  isZeroBlock,
  oldGnuSparse,
  parseHeader,
  parsePax,
  sparseExtensionContinues,
  TarFormatError,
  type TarHeader,
} from './header.js';

export interface TarVisitor {
  entry(header: TarHeader): void;
  data(chunk: Buffer): void;
  entryEnd(): void;
}

/** Header blocks (PAX, GNU long names) larger than this are refused, as Go's archive/tar does. */
export const MAX_META_BYTES = 1024 * 1024;

// sparseExt: old GNU sparse extension blocks; sparseMap: the map a PAX 1.0 sparse file's data starts with
type State = 'header' | 'data' | 'padding' | 'meta' | 'end' | 'sparseExt' | 'sparseMap';

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
  /** PAX 1.0 sparse map being skipped: numbers wanted (-1 until the first), read, bytes seen */
  private mapWant = -2;
  private mapRead = 0;
  private mapBytes = 0;
  private mapSkip = 0;
  private mapNumber = 0;
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
            pos = this.fillBlock(chunk, pos, len);
            if (this.headerFill === BLOCK) {
              this.headerFill = 0;
              this.onHeaderBlock(this.headerBuf);
            }
          }
          break;
        }
        case 'sparseExt': {
          pos = this.fillBlock(chunk, pos, len);
          if (this.headerFill === BLOCK) {
            this.headerFill = 0;
            if (!sparseExtensionContinues(this.headerBuf)) this.startData();
          }
          break;
        }
        case 'sparseMap': {
          pos = this.skipSparseMap(chunk, pos, len);
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
    if ((this.state === 'data' || this.state === 'sparseMap' || this.state === 'sparseExt') && this.current) {
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
      // GNU tar's sparse files in PAX form: 0.0 and 0.1 give the real size in GNU.sparse.size;
      // 1.0 gives the real name and size, and starts the data with the map (skipped below)
      const sparseName = pax['GNU.sparse.name'];
      const sparseSize = pax['GNU.sparse.realsize'] ?? pax['GNU.sparse.size'];
      if (sparseName !== undefined) header.name = sparseName;
      if (sparseSize !== undefined) header.realSize = parsePaxNumber(sparseSize, 'GNU.sparse size');
      this.mapWant = pax['GNU.sparse.major'] === '1' ? -1 : -2;
      if (path !== undefined && sparseName === undefined) header.name = path;
      if (linkpath !== undefined) header.linkname = linkpath;
      if (size !== undefined) header.size = parsePaxNumber(size, 'size');
      if (uid !== undefined) header.uid = parsePaxNumber(uid, 'uid');
      if (gid !== undefined) header.gid = parsePaxNumber(gid, 'gid');
      this.pax = {};
      this.hasPax = this.hasGlobalPax;
    }
    this.longName = undefined;
    this.longLink = undefined;
    let extended = false;
    if (header.typeflag === 'S') {
      const sparse = oldGnuSparse(block);
      header.realSize = sparse.realSize;
      extended = sparse.extended;
    }
    const pax1Map = this.mapWant === -1 && header.realSize !== undefined;
    this.mapWant = -2;
    // hardlinks, symlinks, dirs and devices carry no content even if size says otherwise (GNU tar)
    const hasData = !NO_DATA_TYPES.includes(header.typeflag);
    this.current = header;
    const dataSize = hasData ? header.size : 0;
    if (!hasData) header.size = 0;
    this.remaining = dataSize;
    this.padding = (BLOCK - (dataSize % BLOCK)) % BLOCK;
    if (pax1Map) {
      // the stored size counts the map: what the entry holds is the rest
      this.mapWant = -1;
      this.mapRead = 0;
      this.mapBytes = 0;
      this.mapSkip = 0;
    }
    this.visitor.entry(header);
    if (extended) this.state = 'sparseExt';
    else if (pax1Map && dataSize > 0) this.state = 'sparseMap';
    else this.startData();
  }

  /** Copy input into the block buffer until it holds a whole block; returns the new position. */
  private fillBlock(chunk: Buffer, pos: number, len: number): number {
    const take = Math.min(BLOCK - this.headerFill, len - pos);
    chunk.copy(this.headerBuf, this.headerFill, pos, pos + take);
    this.headerFill += take;
    return pos + take;
  }

  private startData(): void {
    if (this.remaining === 0) this.finishEntry();
    else this.state = 'data';
  }

  /** Skip the decimal map (count, then offset/size pairs, one per line, padded to a block). */
  private skipSparseMap(chunk: Buffer, pos: number, len: number): number {
    while (pos < len && this.remaining > 0) {
      if (this.mapSkip > 0) {
        const take = Math.min(this.mapSkip, len - pos, this.remaining);
        pos += take;
        this.mapSkip -= take;
        this.remaining -= take;
        if (this.mapSkip === 0) break;
        continue;
      }
      const c = chunk[pos++] as number;
      this.remaining--;
      this.mapBytes++;
      if (this.mapBytes > MAX_META_BYTES) throw new TarFormatError(`tar sparse map exceeds ${MAX_META_BYTES} bytes`);
      if (c === 0x0a) {
        this.mapRead++;
        if (this.mapWant === -1) this.mapWant = 1 + 2 * this.mapNumber;
        this.mapNumber = 0;
        if (this.mapRead === this.mapWant) {
          this.mapSkip = (BLOCK - (this.mapBytes % BLOCK)) % BLOCK;
          if (this.mapSkip === 0) break;
        }
      } else if (c >= 0x30 && c <= 0x39) {
        if (this.mapWant === -1) this.mapNumber = this.mapNumber * 10 + (c - 0x30);
        if (this.mapNumber > 1_000_000) throw new TarFormatError('tar sparse map is too long');
      } else {
        throw new TarFormatError('malformed tar sparse map');
      }
    }
    if (this.mapRead === this.mapWant && this.mapSkip === 0) {
      this.mapWant = -2;
      this.startData();
    } else if (this.remaining === 0) {
      throw new TarFormatError('tar sparse map runs past its entry');
    }
    return pos;
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
