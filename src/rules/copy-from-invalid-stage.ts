import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import { execForm } from '../analyzers/dockerfile/shell.js';
import { shellWords } from '../analyzers/dockerfile/vars.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * COPY --from names the current stage, or a stage name defined later or not at all.
 * Answers for DL3022, DL3023, DS006.
 */
export const rule: Rule = {
  id: 'copy-from-invalid-stage',
  meta: {
    description: 'COPY --from names the current stage, or a stage name defined later or not at all',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/copy-from-invalid-stage.md',
    aliases: ['DL3022', 'DL3023', 'DS006'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword !== 'COPY') continue;
      const words = execForm(ins) ? ins.args.trim().split(/\s+/) : shellWords(ins.args.split('\n')[0] ?? '');
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      if (!from || from.includes('$')) continue;
      const own = df.stages[ins.stage];
      const byName = df.stages.find((s) => s.name?.toLowerCase() === from.toLowerCase());
      if (
        own &&
        (own.name?.toLowerCase() === from.toLowerCase() || (/^\d+$/.test(from) && Number(from) === own.index))
      ) {
        out.push(
          dockerFinding(df, ins, `COPY --from=${from} names the stage it is in: a stage cannot copy from itself`, {
            from,
            reason: 'own-stage',
          }),
        );
        continue;
      }
      if (/^\d+$/.test(from)) {
        if (Number(from) > ins.stage)
          out.push(
            dockerFinding(df, ins, `COPY --from=${from} names a stage that is not defined before it`, {
              from,
              reason: 'later-stage',
            }),
          );
        continue;
      }
      if (byName && byName.index > ins.stage) {
        out.push(
          dockerFinding(
            df,
            ins,
            `COPY --from=${from} names a stage defined later (line ${byName.from.range.line}): stages can only copy from earlier ones`,
            { from, reason: 'later-stage' },
          ),
        );
        continue;
      }
      // a name with ':' '/' '@' or '.' is an image reference (COPY --from=nginx:1.27 ...); a bare word that no stage has is a typo
      if (!byName && !/[:/@.]/.test(from))
        out.push(
          dockerFinding(
            df,
            ins,
            `COPY --from=${from}: no stage is named ${from} (an image reference would need a tag or registry, e.g. ${from}:latest)`,
            { from, reason: 'unknown-stage' },
          ),
        );
    }
    return out;
  },
};
export default rule;
