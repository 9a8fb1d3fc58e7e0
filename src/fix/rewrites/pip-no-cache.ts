import { insertFlag, pipInstall } from '../flags.js';
import { instructionAt } from '../text.js';
import type { FixGenerator } from '../types.js';

export const fixPipNoCache: FixGenerator = (finding, df) => {
  const edits = insertFlag(df, instructionAt(df, finding.data?.instructionIndex), pipInstall);
  return edits.length > 0
    ? { edits }
    : { suggestion: 'Use `pip install --no-cache-dir` (or set ENV PIP_NO_CACHE_DIR=1).' };
};
