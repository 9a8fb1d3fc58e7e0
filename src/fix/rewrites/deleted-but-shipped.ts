import { instructionForLayer } from '../evidence.js';
import { foldCleanup } from '../fold.js';
import { instructionAt } from '../text.js';
import type { FixGenerator } from '../types.js';

export const fixDeletedButShipped: FixGenerator = (finding, df, ctx) => {
  const d = finding.data ?? {};
  const creating = instructionAt(df, d.creatingInstructionIndex) ?? instructionForLayer(df, ctx, d.createdLayer);
  const deleting = instructionAt(df, d.deletingInstructionIndex) ?? instructionForLayer(df, ctx, d.removedLayer);
  const base = 'Delete these files in the same RUN that creates them (or do not create them: --no-cache, multi-stage)';
  if (!creating || !deleting) return { suggestion: `${base}.` };
  const r = foldCleanup(df, creating, deleting, ctx);
  return 'edits' in r ? { edits: r.edits } : { suggestion: `${base}; not rewritten automatically: ${r.reason}.` };
};
