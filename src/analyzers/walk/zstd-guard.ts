// Follows zstd frame and block boundaries (without decoding) so that every frame's window size
// is checked before the decoder allocates it: a frame header may ask for up to 2 GiB. Each block
// is held to its frame's Block_Maximum_Size (RFC 8878 §3.1.1.2.3: the window, at most 128 KiB),
// which the decoder itself does not check (it wrote past its buffer).

const MAGIC = 0xfd2fb528;

export class ZstdWindowError extends Error {}

type State = 'magic' | 'frameHeader' | 'blockHeader' | 'blockBody' | 'checksum' | 'skippable';

export class ZstdGuard {
  private state: State = 'magic';
  private need = 4;
  private buf: number[] = [];
  private frameHeaderSize = 0;
  private hasChecksum = false;
  private lastBlock = false;
  private skip = 0;
  /** the largest block the current frame may hold */
  private blockMax = 0;

  constructor(private readonly maxWindow: number) {}

  /** Inspect the next bytes of the compressed stream; throws on a frame that asks too much. */
  check(chunk: Uint8Array): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.skip > 0) {
        const take = Math.min(this.skip, chunk.length - pos);
        this.skip -= take;
        pos += take;
        if (this.skip === 0) this.afterSkip();
        continue;
      }
      this.buf.push(chunk[pos++]);
      if (this.buf.length === this.need) this.onBytes();
    }
  }

  private onBytes(): void {
    const b = this.buf;
    switch (this.state) {
      case 'magic': {
        const magic = (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
        if (magic === MAGIC) {
          this.state = 'frameHeader';
          this.need = 1; // frame header descriptor first
        } else if ((magic & 0xfffffff0) >>> 0 === 0x184d2a50) {
          this.state = 'skippable';
          this.need = 4;
        } else {
          throw new ZstdWindowError('bad zstd frame magic');
        }
        this.buf = [];
        return;
      }
      case 'skippable': {
        this.skip = (b[0] | (b[1] << 8) | (b[2] << 16)) + b[3] * 2 ** 24;
        this.buf = [];
        this.state = 'magic';
        this.need = 4;
        if (this.skip === 0) this.afterSkip();
        return;
      }
      case 'frameHeader': {
        if (b.length === 1) {
          const fhd = b[0];
          const singleSegment = (fhd >> 5) & 1;
          const fcsFlag = fhd >> 6;
          const dictFlag = fhd & 3;
          this.hasChecksum = ((fhd >> 2) & 1) === 1;
          const fcsSize = fcsFlag === 0 ? singleSegment : 1 << fcsFlag;
          this.frameHeaderSize = 1 + (singleSegment ? 0 : 1) + [0, 1, 2, 4][dictFlag] + fcsSize;
          this.need = this.frameHeaderSize;
          if (this.need > 1) return;
        }
        this.checkWindow();
        this.buf = [];
        this.state = 'blockHeader';
        this.need = 3;
        return;
      }
      case 'blockHeader': {
        const header = b[0] | (b[1] << 8) | (b[2] << 16);
        this.lastBlock = (header & 1) === 1;
        const type = (header >> 1) & 3;
        const size = header >>> 3;
        if (type === 3) throw new ZstdWindowError('reserved zstd block type');
        if (size > this.blockMax) {
          throw new ZstdWindowError(`zstd block of ${size} bytes is larger than its frame allows (${this.blockMax})`);
        }
        this.buf = [];
        this.skip = type === 1 ? 1 : size;
        this.state = 'blockBody';
        if (this.skip === 0) this.afterSkip();
        return;
      }
      case 'checksum':
        this.buf = [];
        this.state = 'magic';
        this.need = 4;
        return;
      default:
        return;
    }
  }

  private afterSkip(): void {
    if (this.state === 'blockBody') {
      if (!this.lastBlock) {
        this.state = 'blockHeader';
        this.need = 3;
      } else if (this.hasChecksum) {
        this.state = 'checksum';
        this.need = 4;
      } else {
        this.state = 'magic';
        this.need = 4;
      }
    }
  }

  private checkWindow(): void {
    const b = this.buf;
    const fhd = b[0];
    const singleSegment = (fhd >> 5) & 1;
    let window: number;
    if (!singleSegment) {
      const wd = b[1];
      const base = 2 ** (10 + (wd >> 3));
      window = base + (base / 8) * (wd & 7);
    } else {
      const fcsFlag = fhd >> 6;
      const dictSize = [0, 1, 2, 4][fhd & 3];
      const off = 1 + dictSize;
      if (fcsFlag === 0) window = b[off];
      else if (fcsFlag === 1) window = (b[off] | (b[off + 1] << 8)) + 256;
      else if (fcsFlag === 2) window = (b[off] | (b[off + 1] << 8) | (b[off + 2] << 16)) + b[off + 3] * 2 ** 24;
      else {
        window = 0;
        for (let i = 7; i >= 0; i--) window = window * 256 + b[off + i];
      }
    }
    if (window > this.maxWindow) {
      throw new ZstdWindowError(`zstd frame asks for a ${window}-byte window (limit ${this.maxWindow})`);
    }
    this.blockMax = Math.min(window, 128 * 1024);
  }
}
