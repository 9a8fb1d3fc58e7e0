// The one writer of user files: `fix --write` replacing a Dockerfile, and `-o FILE` reports. A file
// is written whole or not at all (a temp file beside it, fsynced, renamed over it), keeps its mode
// and owner, and is refused when the user could not write it themselves (a 0444 file, another
// user's file in a folder they can write: the rename would replace what they may not change).
// A file with hard links, or whose owner this user cannot give a new file, is rewritten in place
// instead (its inode, and so its links and owner, stay), once a complete, fsynced temp copy of the
// new content exists: that copy is left beside it, named in the error, should the write fail.
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class WriteRefusedError extends Error {}

export interface AtomicWriteOptions {
  /** bytes the file must still hold right before it is replaced (what a fix was computed from) */
  expected?: Buffer | string;
  /** a missing file is created (a report; never its folder); otherwise a missing file is an error */
  create?: boolean;
}

export async function writeFileAtomic(path: string, content: string, opts: AtomicWriteOptions = {}): Promise<void> {
  let target: string;
  try {
    target = await fs.realpath(path); // a symlink is written through: the link itself stays
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !opts.create) throw err;
    return replace(path, content, undefined, opts.expected);
  }
  const before = await fs.stat(target);
  if (!before.isFile()) {
    // `-o /dev/null`, a terminal: written to as it is; a Dockerfile must be a file
    if (opts.create) return fs.writeFile(target, content);
    throw new WriteRefusedError(`${path} is not a regular file`);
  }
  try {
    await fs.access(target, constants.W_OK);
  } catch {
    throw new WriteRefusedError(`${path} is not writable by this user (permission denied)`);
  }
  return replace(target, content, before, opts.expected, path);
}

async function replace(
  target: string,
  content: string,
  before: import('node:fs').Stats | undefined,
  expected: Buffer | string | undefined,
  shown = target,
): Promise<void> {
  const tmp = join(
    dirname(target),
    `.${basename(target)}.layerlint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  const mode = before ? before.mode & 0o7777 : 0o666 & ~process.umask();
  let handle: fs.FileHandle | undefined = await fs.open(tmp, 'wx', mode);
  let keepTmp = false;
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(mode); // the umask may have narrowed the mode given to open
    let inPlace = before !== undefined && before.nlink > 1;
    if (before && !inPlace) {
      try {
        await handle.chown(before.uid, before.gid);
      } catch {
        inPlace = true; // another user's file this user may write: its inode keeps its owner
      }
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (before && expected !== undefined) {
      const expectedBytes = typeof expected === 'string' ? Buffer.from(expected, 'utf8') : expected;
      const now = await fs.stat(target);
      const current = await fs.readFile(target);
      if (now.size !== before.size || now.mtimeMs !== before.mtimeMs || !current.equals(expectedBytes))
        throw new WriteRefusedError(`${shown} changed since it was read; not writing (run layerlint fix again)`);
    }
    if (inPlace) {
      keepTmp = true;
      // by hand: fs.copyFile re-modes the target (EPERM for a file this user does not own) and
      // then unlinks it on that failure
      const bytes = Buffer.from(content, 'utf8');
      const h = await fs.open(target, 'r+');
      try {
        await h.write(bytes, 0, bytes.length, 0);
        await h.truncate(bytes.length);
        await h.sync();
      } finally {
        await h.close();
      }
      keepTmp = false;
    } else {
      await fs.rename(tmp, target);
    }
    await syncDir(dirname(target));
  } catch (err) {
    if (keepTmp) throw new Error(`${(err as Error).message} (the new content is in ${tmp})`);
    throw err;
  } finally {
    if (handle) await handle.close().catch(() => undefined);
    if (!keepTmp) await fs.rm(tmp, { force: true }).catch(() => undefined);
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
