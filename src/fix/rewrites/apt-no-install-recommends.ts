import { aptInstall, insertFlag } from '../flags.js';
import { instructionAt } from '../text.js';
import type { FixGenerator } from '../types.js';

export const fixAptNoInstallRecommends: FixGenerator = (finding, df) => {
  const edits = insertFlag(df, instructionAt(df, finding.data?.instructionIndex), aptInstall);
  return edits.length > 0 ? { edits } : { suggestion: 'Add --no-install-recommends to apt-get install.' };
};
