import { commandsOf, dockerFinding, runScript, spanOf } from '../analyzers/dockerfile/rule-kit.js';
import { subcommand } from '../analyzers/dockerfile/shell.js';
import type { RawFinding, Rule } from '../model/types.js';

/**
 * a package install without -y (apt-get, yum, dnf, zypper) waits for a confirmation the build cannot give.
 * Answers for DL3014, DL3030, DL3034, DL3038, DS021.
 */
export const rule: Rule = {
  id: 'install-without-yes',
  meta: {
    description:
      'a package install without -y (apt-get, yum, dnf, zypper) waits for a confirmation the build cannot give',
    category: 'hygiene',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/install-without-yes.md',
    aliases: ['DL3014', 'DL3030', 'DL3034', 'DL3038', 'DS021'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const YES: Record<string, RegExp> = {
      'apt-get': /^(-y|--yes|--assume-yes|-qq|-q=2|-[a-z]*y[a-z]*)$/,
      yum: /^(-y|--assumeyes|-[a-z]*y[a-z]*)$/,
      dnf: /^(-y|--assumeyes|-[a-z]*y[a-z]*)$/,
      microdnf: /^(-y|--assumeyes)$/,
      zypper: /^(-n|--non-interactive|-y|--no-confirm)$/,
    };
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const c of commandsOf(runScript(df, ins), Object.keys(YES))) {
        const sub = subcommand(c.args)?.value;
        const installs = c.name === 'zypper' ? sub === 'install' || sub === 'in' : sub === 'install';
        if (!installs) continue;
        const re = YES[c.name] as RegExp;
        // zypper takes -n before the subcommand; the others anywhere
        if (c.args.some((a) => re.test(a.value))) continue;
        out.push(
          dockerFinding(
            df,
            ins,
            `${c.name} ${sub} without -y: the build cannot answer the prompt`,
            { tool: c.name },
            spanOf([c.word, ...c.args]),
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
