import { dockerFinding, runScript } from '../analyzers/dockerfile/rule-kit.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * a RUN pipes commands without `set -o pipefail`: a failing command before the pipe does not fail the build.
 * Answers for DL4006.
 */
export const rule: Rule = {
  id: 'pipe-without-pipefail',
  meta: {
    description:
      'a RUN pipes commands without `set -o pipefail`: a failing command before the pipe does not fail the build',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/pipe-without-pipefail.md',
    aliases: ['DL4006'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const stage of df.stages) {
      let pipefail = false;
      for (const ins of stage.instructions) {
        if (ins.keyword === 'SHELL') {
          const shell = ins.args;
          pipefail = /pipefail/.test(shell) || /(pwsh|powershell|cmd)/i.test(shell);
          continue;
        }
        if (ins.keyword !== 'RUN' || pipefail) continue;
        const { commands } = runScript(df, ins);
        const pipe = commands.find((c) => c.next === '|');
        if (!pipe) continue;
        const sets = commands.some(
          (c) =>
            c.words[0]?.value === 'set' &&
            c.words.some((w, i) => w.value === 'pipefail' && c.words[i - 1]?.value === '-o'),
        );
        if (sets) continue;
        out.push(
          dockerFinding(
            df,
            ins,
            "RUN pipes a command into another without `set -o pipefail`: only the last command's exit status counts",
            {},
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
