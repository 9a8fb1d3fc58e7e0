// A small tty section for runs over several images: bytes they share (like `docker system df -v`).
// Pure; tty.ts places it before the verdict.
import { Chalk } from 'chalk';
import { humanBytes } from '../report/format.js';
import type { RunResult } from '../report/result.js';

const TOP = 5;

export function renderSharedLayers(result: RunResult, opts: { color: boolean; width: number }): string {
  if (!result.sharing || result.sharing.length < 2) return '';
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const shared = result.sharedLayers ?? [];
  const n = result.sharing.length;
  const title =
    shared.length === 0
      ? `Shared layers (none of the ${n} images shares a layer with another)`
      : `Shared layers (${shared.length === 1 ? '1 layer is' : `${shared.length} layers are`} in ${n === 2 ? 'both images' : `2 or more of the ${n} images`})`;
  const out = ['', c.bold(title)];
  const refWidth = Math.min(Math.max(...result.sharing.map((s) => s.ref.length), 5), Math.max(20, opts.width - 40));
  out.push(`  ${'IMAGE'.padEnd(refWidth)}  ${'SIZE'.padStart(10)}  ${'SHARED'.padStart(10)}  ${'UNIQUE'.padStart(10)}`);
  for (const s of result.sharing) {
    const ref = s.ref.length > refWidth ? `…${s.ref.slice(-(refWidth - 1))}` : s.ref.padEnd(refWidth);
    out.push(
      `  ${ref}  ${humanBytes(s.size).padStart(10)}  ${humanBytes(s.sharedSize).padStart(10)}  ${humanBytes(s.uniqueSize).padStart(10)}`,
    );
  }
  for (const l of shared.slice(0, TOP)) {
    out.push(
      c.dim(`  ${l.diffId.slice(0, 19)}  ${humanBytes(l.size).padStart(10)}  in ${l.images.length} of ${n} images`),
    );
  }
  if (shared.length > TOP) out.push(c.dim(`  … ${shared.length - TOP} more`));
  return `${out.join('\n')}\n`;
}
