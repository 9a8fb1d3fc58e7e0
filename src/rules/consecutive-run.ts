import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * consecutive RUN instructions that could be one: each RUN adds a layer.
 * Answers for DL3059.
 */
export const rule: Rule = {
  id: 'consecutive-run',
  meta: {
    description: 'consecutive RUN instructions that could be one: each RUN adds a layer',
    category: 'size',
    defaultSeverity: 'note',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/consecutive-run.md',
    aliases: ['DL3059'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const stage of df.stages) {
      const ins = stage.instructions;
      for (let k = 1; k < ins.length; k++) {
        const prev = ins[k - 1] as (typeof ins)[number];
        const cur = ins[k] as (typeof ins)[number];
        if (prev.keyword !== 'RUN' || cur.keyword !== 'RUN') continue;
        // RUNs with different flags (--mount, --network) cannot simply be merged
        const flags = (i: typeof cur) => (i.args.match(/^(--\S+\s+)*/)?.[0] ?? '').trim();
        if (flags(prev) !== flags(cur) || /<</.test(prev.args) || /<</.test(cur.args)) continue;
        // a run of RUNs is reported once, on its second RUN
        if (k >= 2 && ins[k - 2]?.keyword === 'RUN' && flags(ins[k - 2] as typeof cur) === flags(prev)) continue;
        out.push(
          dockerFinding(
            df,
            cur,
            `RUN follows the RUN on line ${prev.range.line}: chain them with && into one layer where the steps belong together`,
            { previousInstructionIndex: prev.index },
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
