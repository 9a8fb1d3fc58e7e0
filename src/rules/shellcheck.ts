import { dockerFinding } from '../analyzers/dockerfile/rule-kit.js';
import { shellcheckDockerfile } from '../analyzers/dockerfile/shellcheck.js';
import type { RawFinding, Rule, Severity } from '../model/types.js';

const LEVEL: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

/**
 * ShellCheck's findings on the shell-form RUNs (stage shell sh/bash/dash/ksh), as hadolint reports
 * them: one finding per ShellCheck comment, on the RUN, `SCxxxx: message`, severity from
 * ShellCheck's level (info and style are notes). `data.peer` is the SC code, so
 * `# hadolint ignore=SC2086` and `# layerlint ignore=SC2086` apply. All RUNs of a Dockerfile go to
 * one shellcheck process. Without shellcheck on PATH the rule reports nothing (the CLI says so once).
 *
 * data: instructionIndex, peer ('SC2086'), code (2086), level.
 */
export const rule: Rule = {
  id: 'shellcheck',
  meta: {
    description: 'ShellCheck on every shell-form RUN (SCxxxx codes), when the shellcheck binary is on PATH',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/shellcheck.md',
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const result = shellcheckDockerfile(df);
    if (!result.available) return [];
    const out: RawFinding[] = [];
    for (const c of result.comments) {
      const ins = df.instructions[c.instructionIndex];
      if (!ins) continue;
      out.push({
        ...dockerFinding(df, ins, `SC${c.code}: ${c.message}`, { peer: `SC${c.code}`, code: c.code, level: c.level }),
        severity: LEVEL[c.level] ?? 'warning',
      });
    }
    return out;
  },
};
export default rule;
