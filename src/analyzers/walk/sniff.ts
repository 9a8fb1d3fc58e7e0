import type { Compression } from '../../model/types.js';

export type Sniffed = Compression | 'bzip2' | 'xz';

/** Compression from the first bytes of a blob (never from a file name or media type). */
export function sniffCompression(head: Buffer): Sniffed {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  // a zstd frame, or a skippable frame (0x184D2A50-5F) such as pzstd writes before each frame
  if (head.length >= 4 && (head.readUInt32LE(0) === 0xfd2fb528 || head.readUInt32LE(0) >>> 4 === 0x184d2a5))
    return 'zstd';
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'BZh') return 'bzip2';
  if (head.length >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  return 'none';
}
