// Item 10: Dockerfiles `fix --write` must treat with care. Each case is a folder holding one
// Dockerfile the missing-user fix rewrites, made with the line endings, owner, mode and links
// the case is about; folders and files are handed to `nobody` where the case runs as that user.
import { chmodSync, chownSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const NOBODY = { user: 'nobody', group: 'nogroup', uid: 65534, gid: 65534 };
/** a Dockerfile whose only fix is the USER line above CMD */
export const FIXABLE = 'FROM debian:12\nRUN true\nCMD ["sh"]\n';

export interface FixerCase {
  dir: string;
  dockerfile: string;
}

function folder(root: string, name: string, owner: 'root' | 'nobody'): FixerCase {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  if (owner === 'nobody') chownSync(dir, NOBODY.uid, NOBODY.gid);
  return { dir, dockerfile: join(dir, 'Dockerfile') };
}

/** Old Mac line endings: the parser reads three instructions, the fixer must see the same lines. */
export function loneCr(root: string): FixerCase {
  const c = folder(root, 'lone-cr', 'root');
  writeFileSync(c.dockerfile, FIXABLE.replace(/\n/g, '\r'));
  return c;
}

/** nobody's own Dockerfile, read-only (0444), in nobody's folder: the rename would replace it. */
export function readOnly(root: string): FixerCase {
  const c = folder(root, 'read-only', 'nobody');
  writeFileSync(c.dockerfile, FIXABLE, { mode: 0o444 });
  chownSync(c.dockerfile, NOBODY.uid, NOBODY.gid);
  chmodSync(c.dockerfile, 0o444);
  return c;
}

/** root's Dockerfile (0644) in a folder nobody may write. */
export function rootOwned(root: string): FixerCase {
  const c = folder(root, 'root-owned', 'nobody');
  writeFileSync(c.dockerfile, FIXABLE, { mode: 0o644 });
  return c;
}

/** nobody's Dockerfile (0640) with a second hard link: both names must see the fix. */
export function hardLinked(root: string): FixerCase & { link: string } {
  const c = folder(root, 'hard-linked', 'nobody');
  writeFileSync(c.dockerfile, FIXABLE);
  chownSync(c.dockerfile, NOBODY.uid, NOBODY.gid);
  chmodSync(c.dockerfile, 0o640);
  const link = join(c.dir, 'Dockerfile.prod');
  linkSync(c.dockerfile, link);
  return { ...c, link };
}

/** root's Dockerfile that nobody's group may write (0664, group nogroup), in nobody's folder. */
export function groupWritable(root: string): FixerCase {
  const c = folder(root, 'group-writable', 'nobody');
  writeFileSync(c.dockerfile, FIXABLE);
  chownSync(c.dockerfile, 0, NOBODY.gid);
  chmodSync(c.dockerfile, 0o664);
  return c;
}
