// Indexes an uncompressed tar file by reading only its headers (seeking over content), so that
// each member can later be read as a byte range, several at once.
import { open } from 'node:fs/promises';
import { LayerlintError } from '../../../errors.js';
import { BLOCK, isZeroBlock, parseHeader, parsePax, TarFormatError } from '../../tar/header.js';
import { MAX_META_BYTES } from '../../tar/parser.js';

export interface TarMember {
  name: string; // as stored, without leading "./"
  offset: number; // where its content starts
  size: number;
  typeflag: string;
  linkname: string;
}

export function memberName(raw: string): string {
  return raw.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

export async function indexTarFile(path: string, describe: string): Promise<Map<string, TarMember>> {
  const fh = await open(path, 'r');
  try {
    const { size: fileSize } = await fh.stat();
    const members = new Map<string, TarMember>();
    const block = Buffer.alloc(BLOCK);
    let pos = 0;
    let pax: Record<string, string> = {};
    let longName: string | undefined;
    let longLink: string | undefined;
    for (;;) {
      if (pos + BLOCK > fileSize) {
        if (pos === fileSize) break; // no end-of-archive marker: tolerated
        throw new LayerlintError(`${describe} is truncated inside a tar header at byte ${pos} of ${fileSize}`);
      }
      await fh.read(block, 0, BLOCK, pos);
      if (isZeroBlock(block)) break;
      let header: ReturnType<typeof parseHeader>;
      try {
        header = parseHeader(block);
      } catch (err) {
        throw new LayerlintError(`${describe} is not a valid tar archive at byte ${pos}: ${(err as Error).message}`);
      }
      const dataStart = pos + BLOCK;
      const hasData = !'123456'.includes(header.typeflag);
      const dataSize = hasData ? header.size : 0;
      if (dataStart + dataSize > fileSize) {
        throw new LayerlintError(
          `${describe} is truncated: member "${header.name}" needs ${dataSize} bytes but only ${Math.max(0, fileSize - dataStart)} remain`,
        );
      }
      pos = dataStart + Math.ceil(dataSize / BLOCK) * BLOCK;
      if ('xgLK'.includes(header.typeflag)) {
        if (header.size > MAX_META_BYTES) {
          throw new LayerlintError(
            `${describe}: tar header block claims ${header.size} bytes (limit ${MAX_META_BYTES})`,
          );
        }
        const data = Buffer.alloc(header.size);
        await fh.read(data, 0, header.size, dataStart);
        if (header.typeflag === 'x') pax = safePax(data, describe);
        if (header.typeflag === 'L') longName = cString(data);
        if (header.typeflag === 'K') longLink = cString(data);
        continue;
      }
      const name = memberName(pax.path ?? longName ?? header.name);
      const linkname = pax.linkpath ?? longLink ?? header.linkname;
      pax = {};
      longName = undefined;
      longLink = undefined;
      members.set(name, { name, offset: dataStart, size: dataSize, typeflag: header.typeflag, linkname });
    }
    return members;
  } finally {
    await fh.close();
  }
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
