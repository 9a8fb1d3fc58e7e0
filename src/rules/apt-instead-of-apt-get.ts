import { commandsOf, dockerFinding, runScript, spanOf } from '../analyzers/dockerfile/rule-kit.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * apt in a RUN: its interface is for people and not stable for scripts; use apt-get or apt-cache.
 * Answers for DL3027.
 */
export const rule: Rule = {
  id: 'apt-instead-of-apt-get',
  meta: {
    description: 'apt in a RUN: its interface is for people and not stable for scripts; use apt-get or apt-cache',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/apt-instead-of-apt-get.md',
    aliases: ['DL3027'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const c of commandsOf(runScript(df, ins), ['apt'])) {
        out.push(
          dockerFinding(
            df,
            ins,
            'apt is meant for interactive use (its CLI is not stable for scripts): use apt-get',
            {},
            spanOf([c.word]),
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
