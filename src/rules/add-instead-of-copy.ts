import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import { execForm } from '../analyzers/dockerfile/shell.js';
import { shellWords } from '../analyzers/dockerfile/vars.js';
import type { RawFinding, Rule } from '../model/types.js';

const REMOTE = /^(https?|ftp):\/\/|^git@|\.git(#.*)?$/i;
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;

/**
 * ADD of local files or directories that are neither URLs/git repositories nor local tar
 * archives (which ADD extracts): ADD's implicit behaviours (URL fetch, extraction) make the
 * instruction do more than it says; COPY says what it does.
 *
 * data: instructionIndex, sources (the local sources), keywordOffset (offset of "ADD": replace
 * 3 characters with "COPY"). Suggestion only: a source that turns out to be an archive named
 * without a tar extension would be extracted by ADD and not by COPY.
 */
export const rule: Rule = {
  id: 'add-instead-of-copy',
  meta: {
    description: 'ADD used to copy local files: use COPY, which does not fetch URLs or extract archives',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/add-instead-of-copy.md',
    aliases: ['DL3020', 'DS005'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword !== 'ADD') continue;
      const words = execForm(ins) ?? shellWords(ins.args.split('\n')[0] ?? '');
      const sources = words.filter((w) => !w.startsWith('--')).slice(0, -1);
      if (sources.length === 0 || sources.some((s) => s.startsWith('<<') || REMOTE.test(s) || ARCHIVE.test(s)))
        continue;
      out.push({
        ...dockerFinding(
          df,
          ins,
          `ADD copies local ${sources.join(', ')}: use COPY`,
          { sources, keywordOffset: ins.start },
          [ins.start, ins.start + 3],
        ),
        suggestion: `COPY ${ins.args.split('\n')[0]}`,
      });
    }
    return out;
  },
};
export default rule;
