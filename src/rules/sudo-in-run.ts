import { dockerFinding, runScript, spanOf } from '../analyzers/dockerfile/rule-kit.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * sudo in a RUN: the build already runs as the current USER; sudo needs a tty and root setup and hides who runs what.
 * Answers for DL3004, DS010.
 */
export const rule: Rule = {
  id: 'sudo-in-run',
  meta: {
    description:
      'sudo in a RUN: the build already runs as the current USER; sudo needs a tty and root setup and hides who runs what',
    category: 'security',
    defaultSeverity: 'error',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/sudo-in-run.md',
    aliases: ['DL3004', 'DS010'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    securitySeverity: 5.0,
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const cmd of runScript(df, ins).commands) {
        const k = cmd.words.findIndex((w) => w.value === 'sudo' || w.value.endsWith('/sudo'));
        if (k < 0 || !cmd.words.slice(0, k).every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.value))) continue;
        const sudo = cmd.words[k] as (typeof cmd.words)[number];
        out.push(
          dockerFinding(
            df,
            ins,
            'RUN uses sudo: switch user with USER instead (sudo behaves unpredictably in a build and keeps root tooling in the image)',
            {},
            spanOf([sudo]),
          ),
        );
        break;
      }
    }
    return out;
  },
};
export default rule;
