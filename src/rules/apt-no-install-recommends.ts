import { commandsOf, dockerFinding, runScript } from '../analyzers/dockerfile/rule-kit.js';
import { subcommand } from '../analyzers/dockerfile/shell.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * `apt-get install` / `apt install` without `--no-install-recommends` (or
 * `-o APT::Install-Recommends=false`): recommended packages are pulled in, often tens of MB.
 *
 * data: instructionIndex, commandIndex (index of the command in the RUN), insertOffset (offset
 * just after the `install` word: insert " --no-install-recommends" there).
 */
export const rule: Rule = {
  id: 'apt-no-install-recommends',
  meta: {
    description: 'apt-get install without --no-install-recommends installs packages the image does not need',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'dockerfile',
    docs: 'docs/rules/apt-no-install-recommends.md',
    aliases: ['DL3015', 'DS029'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      const script = runScript(df, ins);
      for (const { cmd, args, word } of commandsOf(script, ['apt-get', 'apt'])) {
        const sub = subcommand(args.filter((_a, i) => args[i - 1]?.value !== '-o'));
        if (sub?.value !== 'install') continue;
        const words = args.map((a) => a.value);
        if (
          words.includes('--no-install-recommends') ||
          words.some((w) => /^(-o)?APT::Install-Recommends=(false|0|no)/i.test(w))
        )
          continue;
        out.push(
          dockerFinding(
            df,
            ins,
            'apt-get install without --no-install-recommends also installs recommended packages',
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
