import { commandsOf, dockerFinding, runScript, spanOf } from '../analyzers/dockerfile/rule-kit.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * both wget and curl are used: pick one, so that the image ships one download tool.
 * Answers for DL4001, DS014.
 */
export const rule: Rule = {
  id: 'wget-and-curl',
  meta: {
    description: 'both wget and curl are used: pick one, so that the image ships one download tool',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/wget-and-curl.md',
    aliases: ['DL4001', 'DS014'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const stage of df.stages) {
      const runs = df.instructions.filter((i) => i.stage === stage.index && i.keyword === 'RUN');
      const uses = runs.flatMap((ins) => commandsOf(runScript(df, ins), ['wget', 'curl']).map((c) => ({ ins, ...c })));
      const wget = uses.find((u) => u.name === 'wget');
      const curl = uses.find((u) => u.name === 'curl');
      if (!wget || !curl) continue;
      const second =
        wget.ins.index > curl.ins.index || (wget.ins === curl.ins && wget.word.start > curl.word.start) ? wget : curl;
      out.push(
        dockerFinding(
          df,
          second.ins,
          `this stage uses both wget and curl: use one of them`,
          { tools: ['curl', 'wget'] },
          spanOf([second.word]),
        ),
      );
    }
    return out;
  },
};
export default rule;
