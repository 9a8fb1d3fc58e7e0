import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * WORKDIR with a relative path: it depends on the WORKDIR inherited from the base image.
 * Answers for DL3000, DS009, WorkdirRelativePath.
 */
export const rule: Rule = {
  id: 'workdir-relative-path',
  meta: {
    description: 'WORKDIR with a relative path: it depends on the WORKDIR inherited from the base image',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/workdir-relative-path.md',
    aliases: ['DL3000', 'DS009', 'WorkdirRelativePath'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const stage of df.stages) {
      let absolute = false;
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'WORKDIR') continue;
        const dir = ins.args.trim().replace(/^["']|["']$/g, '');
        if (dir.startsWith('/') || dir.startsWith('$') || /^[A-Za-z]:[\\/]/.test(dir)) {
          absolute = true;
          continue;
        }
        if (absolute) continue;
        out.push(
          dockerFinding(
            df,
            ins,
            `WORKDIR ${dir} is relative and no absolute WORKDIR comes before it in this stage: it resolves against the base image's working directory`,
            { path: dir },
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
