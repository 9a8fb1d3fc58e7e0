import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import type { Rule } from '../model/types.js';

/**
 * a stage named scratch or context: those names are reserved.
 * Answers for ReservedStageName.
 */
export const rule: Rule = {
  id: 'reserved-stage-name',
  meta: {
    description: 'a stage named scratch or context: those names are reserved',
    category: 'hygiene',
    defaultSeverity: 'error',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/reserved-stage-name.md',
    aliases: ['ReservedStageName'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    return df.stages
      .filter((s) => s.name !== undefined && ['scratch', 'context'].includes(s.name.toLowerCase()))
      .map((s) =>
        dockerFinding(df, s.from, `stage name "${s.name}" is reserved: choose another name`, { name: s.name }),
      );
  },
};
export default rule;
