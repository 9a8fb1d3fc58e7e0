import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * several CMD, ENTRYPOINT or HEALTHCHECK instructions in one stage: only the last one takes effect.
 * Answers for DL3012, DL4003, DL4004, DS007, DS016, DS023, MultipleInstructionsDisallowed.
 */
export const rule: Rule = {
  id: 'repeated-instruction',
  meta: {
    description: 'several CMD, ENTRYPOINT or HEALTHCHECK instructions in one stage: only the last one takes effect',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/repeated-instruction.md',
    aliases: ['DL3012', 'DL4003', 'DL4004', 'DS007', 'DS016', 'DS023', 'MultipleInstructionsDisallowed'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const stage of df.stages) {
      for (const keyword of ['CMD', 'ENTRYPOINT', 'HEALTHCHECK']) {
        const all = stage.instructions.filter((i) => i.keyword === keyword);
        const last = all[all.length - 1];
        if (!last) continue;
        for (const ins of all.slice(0, -1))
          out.push(
            dockerFinding(
              df,
              ins,
              `${keyword} is overridden by the ${keyword} on line ${last.range.line} of the same stage: only the last one takes effect`,
              { keyword, lastInstructionIndex: last.index },
            ),
          );
      }
    }
    return out.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0));
  },
};
export default rule;
