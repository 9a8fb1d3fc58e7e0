import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import { execForm, hasShellSyntax } from '../analyzers/dockerfile/shell.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * CMD or ENTRYPOINT in shell form: the process runs as a child of `/bin/sh -c`, so it is not
 * PID 1 and does not receive SIGTERM on `docker stop`.
 *
 * data: instructionIndex, keyword ('CMD' | 'ENTRYPOINT'), command (the shell-form text),
 * hasShellSyntax (true when the command uses variables, pipes, redirects, globs...: rewriting it
 * to exec form must keep a shell, e.g. `["sh", "-c", "exec ..."]`).
 */
export const rule: Rule = {
  id: 'shell-form-entrypoint',
  meta: {
    description: 'CMD/ENTRYPOINT in shell form: the process does not get signals and cannot shut down cleanly',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'dockerfile',
    docs: 'docs/rules/shell-form-entrypoint.md',
    aliases: ['DL3025', 'JSONArgsRecommended'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') continue;
      const command = ins.args.trim();
      if (!command || execForm(ins)) continue;
      out.push(
        dockerFinding(
          df,
          ins,
          `${ins.keyword} uses shell form: "${command}" runs under /bin/sh -c, does not run as PID 1 and does not receive SIGTERM; use exec form`,
          { keyword: ins.keyword, command, hasShellSyntax: hasShellSyntax(command) },
        ),
      );
    }
    return out;
  },
};
export default rule;
