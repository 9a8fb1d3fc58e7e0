import type { DockerfileModel, DockerInstruction } from '../../analyzers/dockerfile/types.js';
import { foldCleanup } from '../fold.js';
import { instructionAt } from '../text.js';
import type { FixContext, FixGenerator } from '../types.js';

/** The instruction that made `layer`, when the engine mapped it exactly. */
function instructionForLayer(df: DockerfileModel, ctx: FixContext, layer: unknown): DockerInstruction | undefined {
  if (typeof layer !== 'number' || !ctx.mapping) return undefined;
  const entry = ctx.mapping.entries.find((e) => e.layer === layer && e.confidence === 'exact');
  return entry?.instruction ? instructionAt(df, entry.instruction.index) : undefined;
}

export const fixDeletedButShipped: FixGenerator = (finding, df, ctx) => {
  const d = finding.data ?? {};
  const creating = instructionAt(df, d.creatingInstructionIndex) ?? instructionForLayer(df, ctx, d.createdLayer);
  const deleting = instructionAt(df, d.deletingInstructionIndex) ?? instructionForLayer(df, ctx, d.removedLayer);
  const base = 'Delete these files in the same RUN that creates them (or do not create them: --no-cache, multi-stage)';
  if (!creating || !deleting) return { suggestion: `${base}.` };
  const r = foldCleanup(df, creating, deleting, ctx);
  return 'edits' in r ? { edits: r.edits } : { suggestion: `${base}; not rewritten automatically: ${r.reason}.` };
};
