import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class WriteRefusedError extends Error {}

/**
 * Replaces `path` with `content` atomically: a temp file in the same directory, written and
 * fsynced, given the original's mode, then renamed over the original. Right before the rename the
 * original is read again and must still be byte-identical to `expected` (what the fix was computed
 * from); otherwise nothing is written. On any error the temp file is removed and the original is
 * untouched. A symlinked Dockerfile is written through to its target.
 */
export async function writeFileAtomic(path: string, content: string, expected: Buffer | string): Promise<void> {
  const target = await fs.realpath(path);
  const before = await fs.stat(target);
  if (!before.isFile()) throw new WriteRefusedError(`${path} is not a regular file`);
  const expectedBytes = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected;
  const tmp = join(
    dirname(target),
    `.${basename(target)}.layerlint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  let handle: fs.FileHandle | undefined;
  let renamed = false;
  try {
    handle = await fs.open(tmp, 'wx', before.mode & 0o7777);
    await handle.writeFile(content, 'utf8');
    await handle.chmod(before.mode & 0o7777); // the umask may have narrowed the mode given to open
    await handle.sync();
    await handle.close();
    handle = undefined;
    const now = await fs.stat(target);
    const current = await fs.readFile(target);
    if (now.size !== before.size || now.mtimeMs !== before.mtimeMs || !current.equals(expectedBytes))
      throw new WriteRefusedError(`${path} changed since it was read; not writing (run layerlint fix again)`);
    await fs.rename(tmp, target);
    renamed = true;
    await syncDir(dirname(target));
  } finally {
    if (handle) await handle.close().catch(() => undefined);
    if (!renamed) await fs.rm(tmp, { force: true }).catch(() => undefined);
  }
}

async function syncDir(dir: string): Promise<void> {
  // best effort: directories cannot be opened for fsync on every platform
  try {
    const h = await fs.open(dir, 'r');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    /* ignore */
  }
}
