// Parsing of one 512-byte tar header block (ustar, GNU and v7), and of PAX records.

export const BLOCK = 512;

export interface TarHeader {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  typeflag: string;
  linkname: string;
  /**
   * a GNU sparse file (old GNU 'S' header, or PAX GNU.sparse.* 0.0/0.1/1.0): its real size, where
   * `size` is the bytes stored (the data without its holes)
   */
  realSize?: number;
}

/** What an old GNU sparse header ('S') says beyond ustar: the real size, and whether extension blocks follow. */
export function oldGnuSparse(block: Buffer): { realSize: number; extended: boolean } {
  return { realSize: readNumber(block, 483, 12), extended: block[482] === 1 };
}

/** An old GNU sparse extension block: whether another one follows. */
export function sparseExtensionContinues(block: Buffer): boolean {
  return block[504] === 1;
}

export class TarFormatError extends Error {}

function readString(block: Buffer, offset: number, length: number): string {
  let end = offset;
  const limit = offset + length;
  while (end < limit && block[end] !== 0) end++;
  return decodeName(block, offset, end);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A tar name as a string, byte for byte: UTF-8 when it is valid UTF-8 (nearly always), else each
 * byte that is not part of a valid sequence becomes the lone surrogate U+DC80+byte (Python's
 * "surrogateescape"), so that two names differing in such bytes stay two paths (a plain UTF-8
 * decode made both U+FFFD). printable() shows those as \udcXX.
 */
export function decodeName(bytes: Buffer, start = 0, end = bytes.length): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if ((bytes[i] as number) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return bytes.toString('latin1', start, end);
  try {
    return strictUtf8.decode(bytes.subarray(start, end));
  } catch {
    return escapeInvalidUtf8(bytes.subarray(start, end));
  }
}

function escapeInvalidUtf8(b: Buffer): string {
  let out = '';
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len > 0 && i + len <= b.length) {
      try {
        out += strictUtf8.decode(b.subarray(i, i + len));
        i += len;
        continue;
      } catch {
        // not a valid sequence: escape its first byte
      }
    }
    out += c < 0x80 ? String.fromCharCode(c) : String.fromCharCode(0xdc00 + c);
    i++;
  }
  return out;
}

/** Octal number, or GNU base-256 when the high bit of the first byte is set. */
function readNumber(block: Buffer, offset: number, length: number): number {
  if (block[offset] & 0x80) {
    let value = block[offset] & 0x3f;
    for (let i = 1; i < length; i++) value = value * 256 + block[offset + i];
    if (block[offset] & 0x40) throw new TarFormatError('negative number in tar header');
    return value;
  }
  let value = 0;
  let i = offset;
  const end = offset + length;
  while (i < end && (block[i] === 0x20 || block[i] === 0)) i++;
  for (; i < end; i++) {
    const c = block[i];
    if (c === 0 || c === 0x20) break;
    if (c < 0x30 || c > 0x37) throw new TarFormatError('invalid octal number in tar header');
    value = value * 8 + (c - 0x30);
  }
  return value;
}

export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

function checksumOk(block: Buffer): boolean {
  const stored = readNumber(block, 148, 8);
  // the checksum field itself counts as eight spaces; signed = unsigned - 256 per byte >= 0x80
  let unsigned = 8 * 0x20;
  let high = 0;
  for (let i = 0; i < 148; i++) {
    const byte = block[i];
    unsigned += byte;
    high += byte >>> 7;
  }
  for (let i = 156; i < BLOCK; i++) {
    const byte = block[i];
    unsigned += byte;
    high += byte >>> 7;
  }
  return stored === unsigned || stored === unsigned - 256 * high;
}

/** magic "ustar\0" (POSIX; GNU tar writes "ustar " and has no prefix field) */
function isUstar(block: Buffer): boolean {
  return (
    block[257] === 0x75 &&
    block[258] === 0x73 &&
    block[259] === 0x74 &&
    block[260] === 0x61 &&
    block[261] === 0x72 &&
    block[262] === 0
  );
}

export function parseHeader(block: Buffer): TarHeader {
  if (!checksumOk(block)) throw new TarFormatError('tar header checksum mismatch');
  let name = readString(block, 0, 100);
  if (isUstar(block) && block[345] !== 0) {
    const prefix = readString(block, 345, 155);
    if (prefix) name = `${prefix}/${name}`;
  }
  return {
    name,
    mode: readNumber(block, 100, 8),
    uid: readNumber(block, 108, 8),
    gid: readNumber(block, 116, 8),
    size: readNumber(block, 124, 12),
    typeflag: block[156] === 0 ? '0' : String.fromCharCode(block[156]),
    linkname: readString(block, 157, 100),
  };
}

/** PAX extended header records: "<len> key=value\n"... */
export function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const len = Number.parseInt(data.toString('latin1', pos, space), 10);
    if (!Number.isFinite(len) || len <= 0 || pos + len > data.length) {
      throw new TarFormatError('malformed PAX record');
    }
    const record = decodeName(data, space + 1, pos + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    pos += len;
  }
  return out;
}
