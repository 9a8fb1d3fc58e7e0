import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import type { Rule } from '../model/types.js';

/**
 * MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors.
 * Answers for DL4000, DS022, MaintainerDeprecated.
 */
export const rule: Rule = {
  id: 'maintainer-deprecated',
  meta: {
    description: 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/maintainer-deprecated.md',
    aliases: ['DL4000', 'DS022', 'MaintainerDeprecated'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    return df.instructions
      .filter((ins) => ins.keyword === 'MAINTAINER')
      .map((ins) => ({
        ...dockerFinding(df, ins, 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors', {
          maintainer: ins.args.trim(),
        }),
        suggestion: `LABEL org.opencontainers.image.authors=${JSON.stringify(ins.args.trim())}`,
      }));
  },
};
export default rule;
