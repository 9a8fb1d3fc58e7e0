import type { TextEdit } from '../../model/types.js';
import { appendToRun } from '../append.js';
import { instructionAt } from '../text.js';
import type { FixGenerator } from '../types.js';

const CLEAN = 'npm cache clean --force';
const SUGGESTION = `End the RUN that installs with \`&& ${CLEAN}\` (or use RUN --mount=type=cache,target=/root/.npm).`;
const LOCK_FILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/**
 * Appends `npm cache clean --force` to the RUN, and turns a plain `npm install` (data.canUseCi)
 * into `npm ci` when the build context has a lock file for it to install from.
 */
export const fixNpmCacheNotCleaned: FixGenerator = (finding, df, ctx) => {
  const d = finding.data ?? {};
  const ins = instructionAt(df, d.instructionIndex);
  if (!ins) return { suggestion: SUGGESTION };
  const append = appendToRun(df, ins, CLEAN);
  if (!append) return { suggestion: SUGGESTION };
  const edits: TextEdit[] = [append];
  const start = d.installWordStart;
  const end = d.installWordEnd;
  const locked = LOCK_FILES.some((f) => ctx.readContextFile?.(f) !== undefined);
  if (
    d.canUseCi === true &&
    locked &&
    typeof start === 'number' &&
    typeof end === 'number' &&
    ins.start <= start &&
    end <= ins.end &&
    ['install', 'i'].includes(df.text.slice(start, end))
  )
    edits.push({ range: [start, end], text: 'ci' });
  return { edits };
};
