// Every file layerlint is handed (a config, a Dockerfile, an OCI layout's index.json or blob, a
// certificate) is opened here: without blocking, so that a FIFO cannot hold the open; accepted only
// when the opened file is a regular one (a symlink to /dev/zero, a FIFO, a socket is refused in
// one line); and read up to a size decided beforehand, checked on the open descriptor, so that
// a file that grows while read is not read without end either.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { LayerlintError } from '../errors.js';

const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

export function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

function openFailure(err: unknown, what: string): LayerlintError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ELOOP'
          ? 'a symlink loop'
          : (err as Error).message;
  return new LayerlintError(`${what}: ${why}`);
}

function checked(s: Stats, what: string, maxBytes: number): void {
  if (!s.isFile()) throw new LayerlintError(`${what} is ${kindOf(s)}, not a regular file`);
  if (s.size > maxBytes) throw new LayerlintError(`${what} is ${s.size} bytes, more than the ${maxBytes} accepted`);
}

function tooLong(what: string, maxBytes: number): LayerlintError {
  return new LayerlintError(`${what} grew past the ${maxBytes} bytes accepted while it was read`);
}

/** The bytes of a regular file of at most `maxBytes`; `what` names it in errors ("config .layerlint.yaml"). */
export function readInputFileSync(path: string, what: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, FLAGS);
  } catch (err) {
    throw openFailure(err, what);
  }
  try {
    checked(fstatSync(fd), what, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1 - total, 1 << 20) || 1);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLong(what, maxBytes);
      chunks.push(buf.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** readInputFileSync, asynchronously. */
export async function readInputFile(path: string, what: string, maxBytes: number): Promise<Buffer> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, FLAGS);
  } catch (err) {
    throw openFailure(err, what);
  }
  try {
    checked(await fh.stat(), what, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1 - total, 1 << 20) || 1);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLong(what, maxBytes);
      chunks.push(buf.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await fh.close();
  }
}

/**
 * Check that `path` (links followed) is a regular file before a reader that takes a path opens
 * it (the layer walkers): its size is what they read, at most.
 */
export async function expectRegularFile(path: string, what: string): Promise<Stats> {
  let s: Stats;
  try {
    s = await stat(path);
  } catch (err) {
    throw openFailure(err, what);
  }
  checked(s, what, Number.POSITIVE_INFINITY);
  return s;
}
