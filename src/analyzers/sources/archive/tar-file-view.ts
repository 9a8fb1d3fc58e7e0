import { open } from 'node:fs/promises';
import { LayerlintError } from '../../../errors.js';
import type { LayerWalk } from '../../../model/types.js';
import type { Limits } from '../../walk/limits.js';
import type { WalkPool } from '../../walk/pool.js';
import { indexTarFile, memberName, type TarMember } from './tar-index.js';
import { type ArchiveView, MAX_JSON_BYTES, resolveLink } from './view.js';

/** An uncompressed tar file on disk: members are read as byte ranges, layers walked in parallel. */
export async function tarFileView(path: string, pool: WalkPool, limits: Limits): Promise<ArchiveView> {
  const describe = `archive ${path}`;
  const members = await indexTarFile(path, describe);
  const linkOf = (name: string) => {
    const m = members.get(name);
    if (!m) return undefined;
    if (m.typeflag === '2') return m.linkname;
    if (m.typeflag === '1') return `/${memberName(m.linkname)}`;
    return undefined;
  };
  const member = (name: string): TarMember => {
    let resolved: string;
    try {
      resolved = resolveLink(memberName(name), linkOf, describe);
    } catch (err) {
      throw new LayerlintError((err as Error).message);
    }
    const m = members.get(resolved);
    if (!m) throw new LayerlintError(`${describe} has no member "${name}"`);
    return m;
  };
  return {
    describe,
    has: (name) => members.has(memberName(name)),
    names: () => [...members.keys()],
    async readBytes(name) {
      const m = member(name);
      if (m.size > MAX_JSON_BYTES)
        throw new LayerlintError(`${describe}: "${name}" is too large to be metadata (${m.size} bytes)`);
      const buf = Buffer.alloc(m.size);
      const fh = await open(path, 'r');
      try {
        await fh.read(buf, 0, m.size, m.offset);
      } finally {
        await fh.close();
      }
      return buf;
    },
    walkLayer(name, label): Promise<LayerWalk> {
      const m = member(name);
      return pool.walkFile({ path, start: m.offset, end: m.offset + m.size, label, limits });
    },
    walkWhole(label) {
      return pool.walkFile({ path, label, limits });
    },
  };
}
