import type { DockerfileModel, DockerInstruction } from '../analyzers/dockerfile/types.js';
import type { TextEdit } from '../model/types.js';
import { appendToRun } from './append.js';
import { commandSource, commandWords, isExecForm, lexShell } from './shell.js';
import { wholeInstructionRange } from './text.js';

/** Instructions that may sit between the creating and the deleting RUN without changing the rm. */
const NEUTRAL = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'STOPSIGNAL', 'HEALTHCHECK', 'VOLUME']);

export type FoldResult = { edits: TextEdit[] } | { reason: string };

/**
 * Moves the cleanup of `deleting` (a RUN made only of `rm` and cache-clean commands) to the end of `creating` and
 * removes the now-empty RUN. Refused when anything between the two could see or change the files
 * or the meaning of the rm (RUN, COPY, ADD, WORKDIR, USER, SHELL, ONBUILD, another stage).
 */
export function foldCleanup(df: DockerfileModel, creating: DockerInstruction, deleting: DockerInstruction): FoldResult {
  if (creating.keyword !== 'RUN' || deleting.keyword !== 'RUN') return { reason: 'both instructions must be RUN' };
  if (creating.stage !== deleting.stage || creating.index >= deleting.index)
    return { reason: 'the cleanup does not follow the creating RUN in the same stage' };
  if (isExecForm(df, deleting)) return { reason: 'the cleanup RUN is in exec form' };
  const between = df.instructions.filter((i) => i.index > creating.index && i.index < deleting.index);
  const blocker = between.find((i) => !NEUTRAL.has(i.keyword));
  if (blocker) return { reason: `${blocker.keyword} on line ${blocker.range.line} runs between them` };
  const sh = lexShell(df, deleting);
  if (sh.heredoc || sh.complex) return { reason: 'the cleanup RUN is not a plain command list' };
  const flags = sh.commands[0]?.words.some((w) => w.value.startsWith('--'));
  if (flags) return { reason: 'the cleanup RUN has flags' };
  const cmds = sh.commands.map((c) => ({ c, w: commandWords(c) }));
  if (cmds.length === 0 || cmds.some(({ c, w }) => !isCleanup(w.map((x) => x.value)) || w.length !== c.words.length))
    return { reason: 'the cleanup RUN does more than rm/clean' };
  if (cmds.some(({ c }, i) => i > 0 && !['&&', ';'].includes(c.opBefore)))
    return { reason: 'the cleanup RUN joins its commands with || or |' };
  if (
    cmds.some(({ w }) => w.some((x) => /\$/.test(x.value))) &&
    between.some((i) => i.keyword === 'ENV' || i.keyword === 'ARG')
  )
    return { reason: 'the rm uses variables set between the two RUNs' };
  const moved = cmds.map(({ c }) => commandSource(df, c)).join(' && ');
  const append = appendToRun(df, creating, moved);
  if (!append) return { reason: 'the creating RUN has no safe end to append to' };
  return { edits: [append, { range: wholeInstructionRange(df.text, deleting), text: '' }] };
}

/** rm, or a package manager's own cache cleanup: safe to run at the end of another RUN. */
function isCleanup(v: string[]): boolean {
  const line = v.join(' ');
  return (
    v[0] === 'rm' ||
    /^(apt-get|apt) (-\S+ )*(clean|autoclean)$/.test(line) ||
    /^apk cache clean$/.test(line) ||
    /^(yum|dnf|microdnf) clean all$/.test(line) ||
    /^npm cache clean --force$/.test(line) ||
    /^pip3? cache purge$/.test(line)
  );
}
