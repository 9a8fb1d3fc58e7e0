import { lstat, readdir, readlink, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { LayerlintError } from '../../../errors.js';
import { expectRegularFile, readInputFile } from '../../../io/input-file.js';
import type { Limits } from '../../walk/limits.js';
import type { WalkPool } from '../../walk/pool.js';
import { type ArchiveView, MAX_JSON_BYTES } from './view.js';

/** An OCI image layout directory (`oci:dir`). */
export async function dirView(dir: string, pool: WalkPool, limits: Limits): Promise<ArchiveView> {
  const describe = `OCI layout ${dir}`;
  const names = new Set<string>();
  async function scan(sub: string, depth: number): Promise<void> {
    if (depth > 4) return;
    for (const dirent of await readdir(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) await scan(rel, depth + 1);
      else names.add(rel);
    }
  }
  await scan('', 0);
  const pathOf = async (name: string): Promise<string> => {
    const p = join(dir, name);
    if (relative(dir, p).startsWith('..')) throw new LayerlintError(`${describe}: "${name}" points outside the layout`);
    try {
      await lstat(p);
    } catch {
      throw new LayerlintError(`${describe} has no file "${name}"`);
    }
    try {
      await stat(p);
    } catch {
      throw new LayerlintError(
        `${describe}: "${name}" is a broken or looping link (${await readlink(p).catch(() => '?')})`,
      );
    }
    await expectRegularFile(p, `${describe}: "${name}"`); // a FIFO would hang the reader, /dev/zero never end
    return p;
  };
  return {
    describe,
    has: (name) => names.has(name),
    names: () => [...names],
    async readBytes(name) {
      const p = await pathOf(name);
      const { size } = await stat(p);
      if (size > MAX_JSON_BYTES)
        throw new LayerlintError(`${describe}: "${name}" is too large to be metadata (${size} bytes)`);
      return readInputFile(p, `${describe}: "${name}"`, MAX_JSON_BYTES);
    },
    async walkLayer(name, label) {
      return pool.walkFile({ path: await pathOf(name), label, limits });
    },
  };
}
