import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import { execForm } from '../analyzers/dockerfile/shell.js';
import { shellWords } from '../analyzers/dockerfile/vars.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * COPY/ADD with several sources needs a destination directory ending with /.
 * Answers for DL3021, DS011.
 */
export const rule: Rule = {
  id: 'copy-to-file-with-many-sources',
  meta: {
    description: 'COPY/ADD with several sources needs a destination directory ending with /',
    category: 'hygiene',
    defaultSeverity: 'error',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/copy-to-file-with-many-sources.md',
    aliases: ['DL3021', 'DS011'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      if (ins.args.includes('<<')) continue;
      const words = (execForm(ins) ?? shellWords(ins.args.split('\n')[0] ?? '')).filter((w) => !w.startsWith('--'));
      if (words.length < 3) continue;
      const dest = words[words.length - 1] as string;
      if (dest.endsWith('/') || dest.includes('$')) continue;
      out.push(
        dockerFinding(
          df,
          ins,
          `${ins.keyword} has ${words.length - 1} sources: the destination "${dest}" must be a directory ending with /`,
          { destination: dest, sources: words.slice(0, -1) },
        ),
      );
    }
    return out;
  },
};
export default rule;
