import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * ENV/LABEL in the legacy "key value" form: use key=value.
 * Answers for LegacyKeyValueFormat.
 */
export const rule: Rule = {
  id: 'legacy-key-value-format',
  meta: {
    description: 'ENV/LABEL in the legacy "key value" form: use key=value',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/legacy-key-value-format.md',
    aliases: ['LegacyKeyValueFormat'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword !== 'ENV' && ins.keyword !== 'LABEL') continue;
      const first = ins.args.trim().split(/\s+/)[0] ?? '';
      if (!first || first.includes('=')) continue;
      const rest = ins.args.trim().slice(first.length).trim();
      if (!rest) continue;
      out.push({
        ...dockerFinding(
          df,
          ins,
          `${ins.keyword} ${first} ${rest.split('\n')[0]}: the "key value" form is deprecated, write ${first}=...`,
          { key: first },
        ),
        suggestion: `${ins.keyword} ${first}=${/\s/.test(rest) && !/^["']/.test(rest) ? JSON.stringify(rest) : rest}`,
      });
    }
    return out;
  },
};
export default rule;
