import { foldCleanup } from '../fold.js';
import { instructionAt } from '../text.js';
import type { FixGenerator } from '../types.js';

export const fixCleanupInSeparateLayer: FixGenerator = (finding, df, ctx) => {
  const creating = instructionAt(df, finding.data?.creatingInstructionIndex);
  const deleting = instructionAt(df, finding.data?.deletingInstructionIndex ?? finding.data?.instructionIndex);
  const paths = Array.isArray(finding.data?.removedPaths)
    ? (finding.data.removedPaths as string[]).join(' ')
    : 'the files';
  const base = `Delete ${paths} in the same RUN that creates them`;
  if (!creating || !deleting) return { suggestion: `${base}.` };
  const r = foldCleanup(df, creating, deleting, ctx);
  return 'edits' in r ? { edits: r.edits } : { suggestion: `${base} (not rewritten automatically: ${r.reason}).` };
};
