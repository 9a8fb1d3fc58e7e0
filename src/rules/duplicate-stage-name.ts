import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * two stages share a name (FROM ... AS name, case-insensitive): COPY --from and --target pick one silently.
 * Answers for DL3024, DS012, DuplicateStageName.
 */
export const rule: Rule = {
  id: 'duplicate-stage-name',
  meta: {
    description:
      'two stages share a name (FROM ... AS name, case-insensitive): COPY --from and --target pick one silently',
    category: 'hygiene',
    defaultSeverity: 'error',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/duplicate-stage-name.md',
    aliases: ['DL3024', 'DS012', 'DuplicateStageName'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    const seen = new Map<string, number>();
    for (const stage of df.stages) {
      if (!stage.name) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, stage.index);
        continue;
      }
      const line = df.stages[first]?.from.range.line;
      out.push(
        dockerFinding(df, stage.from, `stage name "${stage.name}" is already used by the stage on line ${line}`, {
          name: stage.name,
          firstStage: first,
        }),
      );
    }
    return out;
  },
};
export default rule;
