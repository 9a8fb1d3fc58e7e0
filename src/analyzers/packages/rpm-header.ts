// An rpm header as rpmdb.sqlite stores it (the `blob` column of table Packages): int32 BE index
// count, int32 BE data length, then that many 16-byte index entries (tag, type, offset, count) and
// the data store. Only the tags a size attribution needs are read.
// Hand-written: no npm package parses rpm headers without also wanting to read .rpm files from disk.
import type { PackageRecord } from './types.js';

const TAG = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  size: 1009,
  group: 1016,
  fileSizes: 1028,
  dirIndexes: 1116,
  baseNames: 1117,
  dirNames: 1118,
  longFileSizes: 5008,
  longSize: 5009,
} as const;

const TYPE = { int32: 4, int64: 5, string: 6, stringArray: 8, i18nString: 9 } as const;

interface IndexEntry {
  type: number;
  offset: number;
  count: number;
}

export class RpmHeaderError extends Error {}

export function parseRpmHeader(blob: Uint8Array): PackageRecord {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length < 8) throw new RpmHeaderError('rpm header shorter than 8 bytes');
  const il = buf.readUInt32BE(0);
  const dl = buf.readUInt32BE(4);
  const storeStart = 8 + il * 16;
  if (il > 0x10000 || storeStart + dl > buf.length) throw new RpmHeaderError('rpm header sizes exceed its blob');
  const store = buf.subarray(storeStart, storeStart + dl);
  const index = new Map<number, IndexEntry>();
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    index.set(buf.readUInt32BE(at), {
      type: buf.readUInt32BE(at + 4),
      offset: buf.readInt32BE(at + 8),
      count: buf.readUInt32BE(at + 12),
    });
  }
  const strings = (tag: number): string[] => {
    const e = index.get(tag);
    if (!e || (e.type !== TYPE.string && e.type !== TYPE.stringArray && e.type !== TYPE.i18nString)) return [];
    const out: string[] = [];
    let at = e.offset;
    const n = e.type === TYPE.string ? 1 : e.count;
    for (let i = 0; i < n && at >= 0 && at < store.length; i++) {
      const end = store.indexOf(0, at);
      if (end < 0) throw new RpmHeaderError(`rpm header tag ${tag}: unterminated string`);
      out.push(store.toString('utf8', at, end));
      at = end + 1;
    }
    return out;
  };
  const numbers = (tag: number): number[] => {
    const e = index.get(tag);
    if (!e) return [];
    const width = e.type === TYPE.int64 ? 8 : e.type === TYPE.int32 ? 4 : 0;
    if (width === 0 || e.offset < 0 || e.offset + width * e.count > store.length)
      throw new RpmHeaderError(`rpm header tag ${tag}: numbers outside its data store`);
    const out: number[] = [];
    for (let i = 0; i < e.count; i++) {
      const at = e.offset + i * width;
      out.push(width === 8 ? Number(store.readBigUInt64BE(at)) : store.readUInt32BE(at));
    }
    return out;
  };

  const baseNames = strings(TAG.baseNames);
  const dirNames = strings(TAG.dirNames);
  const dirIndexes = numbers(TAG.dirIndexes);
  const files: string[] = [];
  for (let i = 0; i < baseNames.length; i++) {
    const dir = dirNames[dirIndexes[i] ?? -1];
    if (dir !== undefined) files.push(`${dir}${baseNames[i]}`);
  }
  const epoch = numbers(TAG.epoch)[0];
  const version = strings(TAG.version)[0] ?? '';
  const release = strings(TAG.release)[0];
  const size = numbers(TAG.longSize)[0] ?? numbers(TAG.size)[0];
  const group = strings(TAG.group)[0];
  return {
    ecosystem: 'rpm',
    name: strings(TAG.name)[0] ?? '',
    version: `${epoch ? `${epoch}:` : ''}${version}${release ? `-${release}` : ''}`,
    files,
    ...(size !== undefined ? { declaredSize: size } : {}),
    ...(group && group !== 'Unspecified' ? { section: group } : {}),
  };
}
