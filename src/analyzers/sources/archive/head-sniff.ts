// The first guess of a one-pass reader: the name of the archive's first member that is not a
// directory (directories such as "./" or "blobs/" say nothing). The guess only chooses how to
// read on; the decision is made from every name once they are known (see format.ts).
import { TarFormatError } from '../../tar/header.js';
import { TarParser } from '../../tar/parser.js';
import { looksLikeImageMember, memberName } from './format.js';

/** Past this many bytes of leading directories the guess is "rootfs". */
const HEAD_LIMIT = 4 * 1024 * 1024;

export class HeadSniffer {
  private first: string | undefined;
  private sawHeader = false;
  private bytes = 0;
  private readonly parser = new TarParser({
    entry: (header) => {
      this.sawHeader = true;
      if (this.first === undefined && header.typeflag !== '5') this.first = memberName(header.name);
    },
    data: () => {},
    entryEnd: () => {},
  });

  /** Feed the next bytes; true once the guess is made (no more bytes are needed). */
  write(chunk: Buffer): boolean {
    this.bytes += chunk.length;
    try {
      this.parser.write(chunk);
    } catch (err) {
      if (!(err instanceof TarFormatError)) throw err;
      throw new TarFormatError(this.sawHeader ? err.message : `not a tar archive (${err.message})`);
    }
    return this.decided;
  }

  /** The input ended before a guess: a short or truncated tar is an error here. */
  end(): void {
    try {
      this.parser.end();
    } catch (err) {
      if (!(err instanceof TarFormatError)) throw err;
      throw new TarFormatError(this.sawHeader ? err.message : `not a tar archive (${err.message})`);
    }
  }

  get decided(): boolean {
    return this.first !== undefined || this.parser.finished || this.bytes >= HEAD_LIMIT;
  }

  /** Read on as an image archive? (false for a rootfs-looking or empty head) */
  get looksLikeImage(): boolean {
    return this.first !== undefined && looksLikeImageMember(this.first);
  }
}
