import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import type { Rule } from '../model/types.js';

/**
 * a stage name with upper-case letters: stage names are matched in lower case.
 * Answers for StageNameCasing.
 */
export const rule: Rule = {
  id: 'stage-name-casing',
  meta: {
    description: 'a stage name with upper-case letters: stage names are matched in lower case',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/stage-name-casing.md',
    aliases: ['StageNameCasing'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    return df.stages
      .filter((s) => s.name !== undefined && s.name !== s.name.toLowerCase())
      .map((s) => dockerFinding(df, s.from, `stage name "${s.name}" should be lower case`, { name: s.name }));
  },
};
export default rule;
