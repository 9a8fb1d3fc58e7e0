import { dockerFinding, runScript, spanOf } from '../analyzers/dockerfile/rule-kit.js';
import { program } from '../analyzers/dockerfile/shell.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * RUN cd <dir> to change directory for later commands: use WORKDIR.
 * Answers for DL3003, DS013.
 */
export const rule: Rule = {
  id: 'cd-instead-of-workdir',
  meta: {
    description: 'RUN cd <dir> to change directory for later commands: use WORKDIR',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/cd-instead-of-workdir.md',
    aliases: ['DL3003', 'DS013'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const { commands } = runScript(df, ins);
      for (const cmd of commands) {
        const p = program(cmd);
        if (p?.name !== 'cd') continue;
        const dir = p.args[0]?.value;
        // `cd dir && make` inside a subshell or a one-off is still a reader's trap; only an absolute or relative directory counts
        if (!dir || dir === '-' || dir.startsWith('$')) continue;
        out.push(
          dockerFinding(
            df,
            ins,
            `RUN cd ${dir}: use WORKDIR ${dir} so that the directory is explicit for the instructions that follow`,
            { directory: dir },
            spanOf(cmd.words),
          ),
        );
        break;
      }
    }
    return out;
  },
};
export default rule;
