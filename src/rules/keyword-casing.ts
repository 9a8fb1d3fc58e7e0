import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import type { DockerInstruction } from '../analyzers/dockerfile/types.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * instruction keywords in mixed casing (run next to RUN, FROM ... as): write them all upper or all lower case.
 * Answers for FromAsCasing, ConsistentInstructionCasing.
 */
export const rule: Rule = {
  id: 'keyword-casing',
  meta: {
    description:
      'instruction keywords in mixed casing (run next to RUN, FROM ... as): write them all upper or all lower case',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/keyword-casing.md',
    aliases: ['FromAsCasing', 'ConsistentInstructionCasing'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    const written = (ins: DockerInstruction) => df.text.slice(ins.start, ins.start + ins.keyword.length);
    const upper = df.instructions.filter((i) => written(i) === i.keyword).length;
    const lower = df.instructions.filter((i) => written(i) === i.keyword.toLowerCase()).length;
    const majority = upper >= lower ? 'upper' : 'lower';
    for (const ins of df.instructions) {
      const w = written(ins);
      const want = majority === 'upper' ? ins.keyword : ins.keyword.toLowerCase();
      if (w !== want) {
        out.push(
          dockerFinding(
            df,
            ins,
            `"${w}" is not ${majority} case like the other instructions: write ${want}`,
            { check: 'ConsistentInstructionCasing', written: w },
            [ins.start, ins.start + w.length],
          ),
        );
        continue;
      }
      if (ins.keyword !== 'FROM') continue;
      const m = /\s(as)\s+\S+\s*$/i.exec(ins.args);
      if (!m) continue;
      const as = m[1] as string;
      if ((w === 'FROM' && as !== 'AS') || (w === 'from' && as !== 'as')) {
        const at = ins.argsStart + (m.index ?? 0) + 1;
        out.push(
          dockerFinding(
            df,
            ins,
            `"${w} ... ${as}": write ${w === 'FROM' ? 'AS' : 'as'} in the same casing as ${w}`,
            { check: 'FromAsCasing', written: as },
            [at, at + 2],
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
