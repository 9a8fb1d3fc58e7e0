import { readFileSync } from 'node:fs';
import { findBinary } from './bins.js';
import { run } from './process.js';

/** Mount points at or below `dir` (from /proc/self/mountinfo), deepest first. */
export function mountsUnder(dir: string): string[] {
  const base = dir.replace(/\/+$/, '');
  let info = '';
  try {
    info = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  const points = info
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((p): p is string => p !== undefined)
    // mountinfo escapes spaces etc. as octal (\040)
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(Number.parseInt(o, 8))))
    .filter((p) => p === base || p.startsWith(`${base}/`));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

/**
 * Unmount everything at or below `dir` (dockerd bind-mounts its data-root onto itself and its netns
 * under exec-root; debootstrap mounts proc/sys in the target). Must run before deleting `dir`.
 */
export function unmountUnder(dir: string): void {
  const mounts = mountsUnder(dir);
  if (mounts.length === 0) return;
  const umount = findBinary('umount');
  if (umount === undefined) throw new Error(`umount not found, cannot clean mounts under ${dir}`);
  for (const m of mounts) run(umount, ['-l', m], { allowFailure: true });
  const left = mountsUnder(dir);
  if (left.length > 0) throw new Error(`still mounted after umount: ${left.join(', ')}`);
}
