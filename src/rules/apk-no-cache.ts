import { commandsOf, dockerFinding, hasCacheMount, shippedRuns } from '../analyzers/dockerfile/rule-kit.js';
import { subcommand } from '../analyzers/dockerfile/shell.js';
import type { RawFinding, Rule } from '../model/types.js';

const CACHE = '/var/cache/apk';

/**
 * `apk add` without `--no-cache` in a shipped stage, when the same RUN does not remove
 * /var/cache/apk (nor uses a cache mount there): the APKINDEX files stay in the layer.
 *
 * data: instructionIndex, commandIndex, insertOffset (offset just after the `add` word: insert
 * " --no-cache" there).
 */
export const rule: Rule = {
  id: 'apk-no-cache',
  meta: {
    description: 'apk add without --no-cache leaves the package index cache in the image',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'dockerfile',
    docs: 'docs/rules/apk-no-cache.md',
    aliases: ['DL3019', 'DS025'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const { ins, script } of shippedRuns(df)) {
      if (hasCacheMount(script.flags, CACHE)) continue;
      const cleans = script.commands.some((c) => {
        const w = c.words.map((x) => x.value);
        const rm = w.findIndex((n) => n === 'rm' || n.endsWith('/rm'));
        return (
          (rm >= 0 && w.slice(rm + 1).some((a) => a === CACHE || a.startsWith(`${CACHE}/`))) ||
          (w.includes('apk') && w.includes('cache') && w.includes('clean'))
        );
      });
      if (cleans) continue;
      for (const { cmd, args, word } of commandsOf(script, ['apk'])) {
        const sub = subcommand(args);
        if (sub?.value !== 'add' || args.some((a) => a.value === '--no-cache')) continue;
        out.push(
          dockerFinding(
            df,
            ins,
            `apk add without --no-cache keeps the package index in ${CACHE}`,
            {
              commandIndex: script.commands.indexOf(cmd),
              insertOffset: sub.end,
            },
            [word.start, sub.end],
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
