// Indexes an uncompressed tar file by reading only its headers (seeking over content), so that
// each member can later be read as a byte range, several at once. It reads headers by the same
// rules as the stream parser (src/analyzers/tar/parser.ts): PAX records (per-entry and global)
// override path, link and size; GNU long names; one stray zero block is skipped, two end the
// archive. A property test runs both over every generated archive and asserts they agree.
import { open } from 'node:fs/promises';
import { LayerlintError } from '../../../errors.js';
import { BLOCK, isZeroBlock, parseHeader, parsePax, TarFormatError } from '../../tar/header.js';
import { MAX_META_BYTES } from '../../tar/parser.js';
import { memberName } from './format.js';

export { memberName } from './format.js';

export interface TarMember {
  name: string; // normalised (see memberName)
  offset: number; // where its content starts
  size: number;
  typeflag: string;
  linkname: string;
}

const NO_DATA_TYPES = '123456';

export async function indexTarFile(path: string, describe: string): Promise<Map<string, TarMember>> {
  const fh = await open(path, 'r');
  try {
    const { size: fileSize } = await fh.stat();
    const members = new Map<string, TarMember>();
    const block = Buffer.alloc(BLOCK);
    let pos = 0;
    let pax: Record<string, string> = {};
    let globalPax: Record<string, string> = {};
    let longName: string | undefined;
    let longLink: string | undefined;
    let zeroBlocks = 0;
    for (;;) {
      if (pos + BLOCK > fileSize) {
        if (pos >= fileSize) break; // no end-of-archive marker, or the last padding cut: tolerated
        throw new LayerlintError(`${describe} is truncated inside a tar header at byte ${pos} of ${fileSize}`);
      }
      await fh.read(block, 0, BLOCK, pos);
      if (isZeroBlock(block)) {
        pos += BLOCK;
        if (++zeroBlocks >= 2) break;
        continue;
      }
      zeroBlocks = 0;
      let header: ReturnType<typeof parseHeader>;
      try {
        header = parseHeader(block);
      } catch (err) {
        throw new LayerlintError(`${describe} is not a valid tar archive at byte ${pos}: ${(err as Error).message}`);
      }
      const dataStart = pos + BLOCK;
      if ('xgLK'.includes(header.typeflag)) {
        if (header.size > MAX_META_BYTES) {
          throw new LayerlintError(
            `${describe}: tar header block claims ${header.size} bytes (limit ${MAX_META_BYTES})`,
          );
        }
        if (dataStart + header.size > fileSize)
          throw truncated(describe, header.name, header.size, fileSize - dataStart);
        const data = Buffer.alloc(header.size);
        await fh.read(data, 0, header.size, dataStart);
        if (header.typeflag === 'x') pax = safePax(data, describe);
        if (header.typeflag === 'g') globalPax = { ...globalPax, ...safePax(data, describe) };
        if (header.typeflag === 'L') longName = cString(data);
        if (header.typeflag === 'K') longLink = cString(data);
        pos = dataStart + Math.ceil(header.size / BLOCK) * BLOCK;
        continue;
      }
      const rawName = pax.path ?? globalPax.path ?? longName ?? header.name;
      const linkname = pax.linkpath ?? globalPax.linkpath ?? longLink ?? header.linkname;
      const paxSize = pax.size ?? globalPax.size;
      const size = paxSize === undefined ? header.size : paxNumber(paxSize, describe);
      pax = {};
      longName = undefined;
      longLink = undefined;
      const dataSize = NO_DATA_TYPES.includes(header.typeflag) ? 0 : size;
      if (dataStart + dataSize > fileSize) throw truncated(describe, rawName, dataSize, fileSize - dataStart);
      pos = dataStart + Math.ceil(dataSize / BLOCK) * BLOCK;
      const name = memberName(rawName);
      members.set(name, { name, offset: dataStart, size: dataSize, typeflag: header.typeflag, linkname });
    }
    return members;
  } finally {
    await fh.close();
  }
}

function truncated(describe: string, name: string, needs: number, remain: number): LayerlintError {
  return new LayerlintError(
    `${describe} is truncated: member "${name}" needs ${needs} bytes but only ${Math.max(0, remain)} remain`,
  );
}

function paxNumber(value: string, describe: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new LayerlintError(`${describe}: invalid PAX size "${value.slice(0, 40)}"`);
  }
  return n;
}

function safePax(data: Buffer, describe: string): Record<string, string> {
  try {
    return parsePax(data);
  } catch (err) {
    if (err instanceof TarFormatError) throw new LayerlintError(`${describe}: ${err.message}`);
    throw err;
  }
}

function cString(data: Buffer): string {
  const nul = data.indexOf(0);
  return data.toString('utf8', 0, nul < 0 ? data.length : nul);
}
