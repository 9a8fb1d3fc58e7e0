import { dockerFinding, hasCacheMount, shippedRuns } from '../analyzers/dockerfile/rule-kit.js';
import { program, type ShellWord } from '../analyzers/dockerfile/shell.js';
import { envBefore } from '../analyzers/dockerfile/vars.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * `pip install` (pip, pip3, pip3.12, python -m pip) without `--no-cache-dir` in a shipped stage,
 * when neither PIP_NO_CACHE_DIR is set (ENV/ARG or on the command) nor a cache mount covers
 * /root/.cache: pip keeps every downloaded wheel in ~/.cache/pip in the layer.
 *
 * data: instructionIndex, commandIndex, insertOffset (offset just after the `install` word:
 * insert " --no-cache-dir" there).
 */
export const rule: Rule = {
  id: 'pip-no-cache',
  meta: {
    description: 'pip install without --no-cache-dir ships the wheel cache in the image',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'dockerfile',
    docs: 'docs/rules/pip-no-cache.md',
    aliases: ['DL3042'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const { ins, script } of shippedRuns(df)) {
      if (hasCacheMount(script.flags, '/root/.cache/pip')) continue;
      // envBefore walks the instructions before this one: only for RUNs that run pip at all
      if (!script.commands.some((c) => pipInstall(program(c)))) continue;
      if (envBefore(df, ins).PIP_NO_CACHE_DIR !== undefined) continue;
      script.commands.forEach((cmd, commandIndex) => {
        if (cmd.words.some((w) => w.value.startsWith('PIP_NO_CACHE_DIR='))) return;
        const install = pipInstall(program(cmd));
        if (!install) return;
        const { pip, sub, rest } = install;
        if (rest.some((a) => a.value === '--no-cache-dir')) return;
        out.push(
          dockerFinding(
            df,
            ins,
            'pip install without --no-cache-dir keeps downloaded packages in /root/.cache/pip',
            {
              commandIndex,
              insertOffset: sub.end,
            },
            [pip.start, sub.end],
          ),
        );
      });
    }
    return out;
  },
};
export default rule;

function pipInstall(
  prog: ReturnType<typeof program>,
): { pip: ShellWord; sub: ShellWord; rest: ShellWord[] } | undefined {
  if (!prog) return undefined;
  let args = prog.args;
  if (/^python[\d.]*$/.test(prog.name)) {
    const m = args.findIndex((a) => a.value === '-m');
    if (m < 0 || !/^pip[\d.]*$/.test(args[m + 1]?.value ?? '')) return undefined;
    args = args.slice(m + 2);
  } else if (!/^pip[\d.]*$/.test(prog.name)) return undefined;
  const subIndex = args.findIndex((a) => !a.value.startsWith('-'));
  const sub = args[subIndex];
  if (sub?.value !== 'install') return undefined;
  return { pip: prog.word, sub, rest: args.slice(subIndex + 1) };
}
