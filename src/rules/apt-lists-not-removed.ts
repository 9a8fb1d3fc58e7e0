import { commandsOf, dockerFinding, hasCacheMount, shippedRuns } from '../analyzers/dockerfile/rule-kit.js';
import { type ShellCommand, subcommand } from '../analyzers/dockerfile/shell.js';
import type { RawFinding, Rule } from '../model/types.js';

const LISTS = '/var/lib/apt/lists';

/**
 * A RUN of a shipped stage (the final stage or one it is built FROM) runs `apt-get update` or
 * `apt-get install` and does not `rm -rf /var/lib/apt/lists/*` in the same RUN: the package
 * indexes (often 20-50 MB) stay in that layer for good. A cache mount on /var/lib/apt is fine.
 *
 * data: instructionIndex, appendOffset (offset just past the last command of the RUN: append
 * " && rm -rf /var/lib/apt/lists/*" there), heredoc (true when the RUN is a heredoc script: the
 * cleanup line goes before its terminator instead), aptCommands (subcommands seen: ['update','install']).
 */
export const rule: Rule = {
  id: 'apt-lists-not-removed',
  meta: {
    description: 'apt-get update/install without removing /var/lib/apt/lists in the same RUN ships the package index',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'dockerfile',
    docs: 'docs/rules/apt-lists-not-removed.md',
    aliases: ['DL3009'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const { ins, script } of shippedRuns(df)) {
      if (hasCacheMount(script.flags, LISTS)) continue;
      const apt = commandsOf(script, ['apt-get', 'apt'])
        .map((c) => ({ ...c, sub: subcommand(c.args)?.value }))
        .filter((c) => c.sub === 'update' || c.sub === 'install');
      if (apt.length === 0 || removesLists(script.commands)) continue;
      const first = apt[0] as (typeof apt)[number];
      const last = script.commands[script.commands.length - 1] as ShellCommand;
      out.push(
        dockerFinding(
          df,
          ins,
          `apt-get ${first.sub} leaves the package lists in ${LISTS} in this layer: add "rm -rf ${LISTS}/*" to the same RUN`,
          {
            appendOffset: last.end,
            heredoc: /^\s*<</.test(ins.args) || /(^|\s)<<-?['"]?\w/.test(ins.args.split('\n')[0] ?? ''),
            aptCommands: [...new Set(apt.map((c) => c.sub))],
          },
          [first.word.start, first.cmd.end],
        ),
      );
    }
    return out;
  },
};
export default rule;

function removesLists(commands: ShellCommand[]): boolean {
  return commands.some((cmd) => {
    const names = cmd.words.map((w) => w.value);
    const rm = names.findIndex((n) => n === 'rm' || n.endsWith('/rm'));
    return (
      rm >= 0 &&
      names
        .slice(rm + 1)
        .some((a) => a === LISTS || a.startsWith(`${LISTS}/`) || a === '/var/lib/apt' || a === '/var/lib/apt/')
    );
  });
}
