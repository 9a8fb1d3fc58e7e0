import type { DockerfileModel } from '../analyzers/dockerfile/types.js';
import type { Finding } from '../model/types.js';
import { layerOfInstruction } from './evidence.js';
import { instructionAt } from './text.js';
import type { FixContext } from './types.js';

/** Findings whose `bytes` are what their fix removes from the image. */
const BYTES_ARE_SAVINGS = new Set([
  'deleted-but-shipped',
  'apt-lists-not-removed', // bytes only when the image's apt caches were merged into it (their cleanups are in the fix)
  'package-manager-cache',
  'overwritten-file',
  'build-toolchain-in-final-image',
]);

/**
 * The bytes a finding's fix is expected to take out of the image, from the image evidence:
 * undefined without a fix or without evidence. A fold saves what the cleanup's layer deleted of
 * what the creating RUN's layer (or a later one) shipped; a cache cleanup saves the cache; the
 * stage split at least the toolchain the image shows.
 */
export function expectedSavings(f: Finding, df: DockerfileModel, ctx: FixContext): number | undefined {
  if (!f.fix || f.fix.length === 0 || !ctx.analysis) return undefined;
  if (BYTES_ARE_SAVINGS.has(f.ruleId)) return f.bytes;
  if (f.ruleId === 'cleanup-in-separate-layer') {
    const creating = instructionAt(df, f.data?.creatingInstructionIndex);
    const deleting = instructionAt(df, f.data?.deletingInstructionIndex ?? f.data?.instructionIndex);
    const from = creating && layerOfInstruction(ctx, creating);
    const at = deleting && layerOfInstruction(ctx, deleting);
    if (from === undefined || at === undefined) return undefined;
    return ctx.analysis.stack.removals
      .filter((r) => r.removedLayer === at && r.createdLayer >= from && r.entry.kind === 'file')
      .reduce((sum, r) => sum + r.entry.size, 0);
  }
  return undefined;
}

/** Total over fixes: findings whose edits are all part of a counted fix (two rules, one fold) count once. */
export function totalSavings(fixed: readonly Finding[]): number {
  const counted: Finding[] = [];
  let total = 0;
  for (const f of fixed) {
    const bytes = f.data?.expectedSavingsBytes;
    if (typeof bytes !== 'number') continue;
    const same = (a: Finding) =>
      (f.fix ?? []).every((e) => (a.fix ?? []).some((o) => o.range[0] === e.range[0] && o.text === e.text));
    const twin = counted.find(same);
    if (twin) {
      // the same change reported twice: count the larger figure once
      const was = twin.data?.expectedSavingsBytes as number;
      if (bytes > was) total += bytes - was;
      continue;
    }
    counted.push(f);
    total += bytes;
  }
  return total;
}
