import { appendToRun } from '../append.js';
import { aptInstall } from '../flags.js';
import { commandWords, isExecForm, lexShell } from '../shell.js';
import { instructionAt } from '../text.js';
import type { FixGenerator } from '../types.js';

const CLEAN = 'rm -rf /var/lib/apt/lists/*';
const SUGGESTION = `Run \`apt-get update\` and \`apt-get install\` in the same RUN and end it with \`&& ${CLEAN}\`.`;

/** Appends the list cleanup to the RUN that ran `apt-get update`, only if it also installs after it. */
export const fixAptListsNotRemoved: FixGenerator = (finding, df) => {
  const ins = instructionAt(df, finding.data?.instructionIndex);
  if (ins?.keyword !== 'RUN' || isExecForm(df, ins)) return { suggestion: SUGGESTION };
  const sh = lexShell(df, ins);
  if (sh.heredoc) {
    const body = df.text.slice(ins.start, ins.end);
    if (!/apt-get\s+update/.test(body) || /\/var\/lib\/apt\/lists/.test(body)) return { suggestion: SUGGESTION };
    const edit = appendToRun(df, ins, CLEAN);
    return edit ? { edits: [edit] } : { suggestion: SUGGESTION };
  }
  const words = sh.commands.map(commandWords);
  const update = words.findIndex(
    (w) => ['apt-get', 'apt'].includes(w[0]?.value ?? '') && w.some((x) => x.value === 'update'),
  );
  const installAfter = words.some((w, i) => i > update && aptInstall.locate(w) >= 0);
  const cleaned = words.some((w) => w[0]?.value === 'rm' && w.some((x) => x.value.startsWith('/var/lib/apt/lists')));
  if (update < 0 || !installAfter || cleaned) return { suggestion: SUGGESTION };
  const edit = appendToRun(df, ins, CLEAN);
  return edit ? { edits: [edit] } : { suggestion: SUGGESTION };
};
