import { apkAdd, insertFlag } from '../flags.js';
import { instructionAt } from '../text.js';
import type { FixGenerator } from '../types.js';

export const fixApkNoCache: FixGenerator = (finding, df) => {
  const edits = insertFlag(df, instructionAt(df, finding.data?.instructionIndex), apkAdd);
  return edits.length > 0
    ? { edits }
    : { suggestion: 'Use `apk add --no-cache` so the package index is not stored in the layer.' };
};
