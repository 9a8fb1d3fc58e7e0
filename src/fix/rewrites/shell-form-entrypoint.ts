import type { DockerfileModel, DockerInstruction } from '../../analyzers/dockerfile/types.js';
import { isExecForm, lexShell } from '../shell.js';
import { instructionAt } from '../text.js';
import type { FixGenerator } from '../types.js';

const SHELL_CHARS = /[$*?[\]~<>(){}`\\!#;&|]/;

/** The exec-form array for a shell-form CMD/ENTRYPOINT, or a reason it cannot be converted as is. */
export function toExecForm(
  df: DockerfileModel,
  ins: DockerInstruction,
): { json: string; start: number; end: number } | { reason: string } {
  if (isExecForm(df, ins)) return { reason: 'already exec form' };
  const sh = lexShell(df, ins);
  if (sh.complex || sh.heredoc || sh.commands.length !== 1) return { reason: 'it uses shell syntax' };
  const words = sh.commands[0].words;
  for (const w of words) {
    const unquoted = df.text.slice(w.start, w.end).replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, '');
    if (SHELL_CHARS.test(unquoted)) return { reason: 'it uses shell syntax' };
  }
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].value)) return { reason: 'it sets variables for the command' };
  if (words.some((w) => /[^\x20-\x7e\u00a0-\uffff]/.test(w.value))) return { reason: 'it contains control characters' };
  return {
    json: `[${words.map((w) => JSON.stringify(w.value)).join(', ')}]`,
    start: words[0].start,
    end: words[words.length - 1].end,
  };
}

export const fixShellFormEntrypoint: FixGenerator = (finding, df) => {
  const ins = instructionAt(df, finding.data?.instructionIndex);
  const advice = (why: string) => ({
    suggestion: `Use exec form so the process gets signals as PID 1 (not converted automatically: ${why}); e.g. ${
      ins?.keyword ?? 'CMD'
    } ["/bin/sh", "-c", "exec ..."] or a small entrypoint script ending in exec.`,
  });
  if (!ins || (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT')) return advice('instruction not found');
  if (finding.data?.hasShellSyntax === true) return advice('it uses shell syntax');
  const stage = df.instructions.filter((i) => i.stage === ins.stage);
  if (stage.some((i) => i.keyword === 'SHELL')) return advice('the stage changes SHELL');
  if (ins.keyword === 'ENTRYPOINT' && stage.some((i) => i.keyword === 'CMD'))
    return advice('the stage has a CMD that exec form would pass to the entrypoint as arguments');
  const r = toExecForm(df, ins);
  if ('reason' in r) return advice(r.reason);
  return { edits: [{ range: [r.start, r.end], text: r.json }] };
};
