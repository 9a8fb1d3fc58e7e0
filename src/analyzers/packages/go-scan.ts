// Finds a Go binary's build info while its bytes stream by: only executable ELF files are
// searched, the magic may straddle two chunks, and at most CAPTURE bytes after it are kept.
import { GO_BUILDINFO_MAGIC } from './go-buildinfo.js';

const CAPTURE = 64 * 1024;
const ELF = Buffer.from('\x7fELF', 'latin1');
const M = GO_BUILDINFO_MAGIC.length;

export class GoBuildInfoScan {
  private state: 'off' | 'first' | 'search' | 'capture' = 'off';
  /** the last M-1 bytes of the previous chunk (a magic split across chunks) */
  private tail = Buffer.alloc(0);
  private captured: Buffer[] = [];
  private capturedBytes = 0;

  /** A regular file begins: search it when it is executable. */
  start(mode: number, size: number): void {
    this.state = (mode & 0o111) !== 0 && size > 1024 ? 'first' : 'off';
    this.tail = Buffer.alloc(0);
    this.captured = [];
    this.capturedBytes = 0;
  }

  get active(): boolean {
    return this.state !== 'off';
  }

  feed(chunk: Buffer): void {
    if (this.state === 'off' || chunk.length === 0) return;
    if (this.state === 'first') {
      // the first four bytes decide, however the file start is cut into chunks
      const head = Buffer.concat([this.tail, chunk.subarray(0, 4 - this.tail.length)]);
      if (!ELF.subarray(0, head.length).equals(head)) {
        this.state = 'off';
        return;
      }
      if (head.length < 4) {
        this.tail = head;
        return;
      }
      this.state = 'search';
      this.tail = Buffer.alloc(0); // the ELF magic holds no part of the build info magic
    }
    if (this.state === 'capture') {
      this.keep(chunk);
      return;
    }
    if (this.tail.length > 0) {
      // a magic that starts in earlier chunks: the kept tail and this chunk's start
      const seam = Buffer.concat([this.tail, chunk.subarray(0, M - 1)]);
      const at = seam.indexOf(GO_BUILDINFO_MAGIC);
      if (at >= 0 && at < this.tail.length) {
        this.state = 'capture';
        this.keep(seam.subarray(at, this.tail.length));
        this.keep(chunk);
        return;
      }
    }
    const at = chunk.indexOf(GO_BUILDINFO_MAGIC);
    if (at >= 0) {
      this.state = 'capture';
      this.keep(chunk.subarray(at));
      return;
    }
    // keep the last M-1 bytes seen, across as many small chunks as it takes
    this.tail =
      chunk.length >= M - 1
        ? Buffer.from(chunk.subarray(chunk.length - (M - 1)))
        : Buffer.concat([this.tail, chunk]).subarray(-(M - 1));
  }

  /** The bytes from the magic on, or undefined when the file has none. */
  finish(): Buffer | undefined {
    const out = this.capturedBytes > 0 ? Buffer.concat(this.captured) : undefined;
    this.state = 'off';
    this.captured = [];
    this.capturedBytes = 0;
    this.tail = Buffer.alloc(0);
    return out;
  }

  private keep(bytes: Buffer): void {
    const part = bytes.subarray(0, CAPTURE - this.capturedBytes);
    if (part.length > 0) {
      this.captured.push(Buffer.from(part)); // a copy: the parser reuses its chunks
      this.capturedBytes += part.length;
    }
    if (this.capturedBytes >= CAPTURE) this.state = 'off';
  }
}
