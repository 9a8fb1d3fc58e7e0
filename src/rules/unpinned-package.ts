import { commandsOf, dockerFinding, runScript, spanOf } from '../analyzers/dockerfile/rule-kit.js';
import { type ShellWord, subcommand } from '../analyzers/dockerfile/shell.js';
import type { RawFinding, Rule } from '../model/types.js';

interface Manager {
  /** subcommands that install named packages */
  installs: string[];
  /** a package argument that names a version */
  pinned: (arg: string) => boolean;
  /** hadolint's id for this manager */
  peer: string;
}

const PATHLIKE = /^[./~]|\/|^https?:|^git\+|\.(deb|rpm|whl|tar\.gz|tgz|zip|gem)$/;

const MANAGERS: Record<string, Manager> = {
  'apt-get': { installs: ['install'], pinned: (a) => a.includes('='), peer: 'DL3008' },
  apk: { installs: ['add'], pinned: (a) => a.includes('='), peer: 'DL3018' },
  pip: { installs: ['install'], pinned: (a) => /(==|>=|<=|~=|===|@)/.test(a), peer: 'DL3013' },
  pip3: { installs: ['install'], pinned: (a) => /(==|>=|<=|~=|===|@)/.test(a), peer: 'DL3013' },
  npm: { installs: ['install', 'i', 'add'], pinned: (a) => /.@/.test(a), peer: 'DL3016' },
  gem: { installs: ['install'], pinned: (a) => a.includes(':'), peer: 'DL3028' },
  yum: { installs: ['install'], pinned: (a) => /-\d/.test(a), peer: 'DL3033' },
  dnf: { installs: ['install'], pinned: (a) => /-\d/.test(a), peer: 'DL3041' },
  microdnf: { installs: ['install'], pinned: (a) => /-\d/.test(a), peer: 'DL3041' },
  zypper: { installs: ['install', 'in'], pinned: (a) => /[=<>]/.test(a), peer: 'DL3037' },
};

/** Options whose next word is a value, not a package. */
const TAKES_VALUE =
  /^(-t|--target-release|-o|--option|-r|--requirement|-c|--constraint|-i|--index-url|--extra-index-url|-f|--find-links|--repository|-X|--virtual|-v|--version|--prefix|--root|--installroot|--setopt)$/;

/**
 * A package install (apt-get, apk, pip, npm, gem, yum, dnf, zypper) names packages without a
 * version: rebuilding the same Dockerfile later installs something else. One finding per command,
 * listing its unpinned packages. Default severity note: hadolint's users disable these checks more
 * than any other (a pinned apt version disappears from the mirror), so they are advice here.
 *
 * data: instructionIndex, manager, packages (unpinned), peer (hadolint id for this manager).
 */
export const rule: Rule = {
  id: 'unpinned-package',
  meta: {
    description:
      'packages installed without a version (apt-get, apk, pip, npm, gem, yum, dnf, zypper): rebuilds are not reproducible',
    category: 'hygiene',
    defaultSeverity: 'note',
    fixable: false,
    requires: 'dockerfile',
    docs: 'docs/rules/unpinned-package.md',
    aliases: ['DL3008', 'DL3013', 'DL3016', 'DL3018', 'DL3028', 'DL3033', 'DL3037', 'DL3041'],
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const ins of df.instructions) {
      if (ins.keyword !== 'RUN') continue;
      for (const c of commandsOf(runScript(df, ins), Object.keys(MANAGERS))) {
        const m = MANAGERS[c.name] as Manager;
        const sub = subcommand(c.args);
        if (!sub || !m.installs.includes(sub.value)) continue;
        const after = c.args.slice(c.args.indexOf(sub) + 1);
        const packages: ShellWord[] = [];
        for (let k = 0; k < after.length; k++) {
          const a = after[k] as ShellWord;
          if (a.value.startsWith('-')) {
            if (TAKES_VALUE.test(a.value)) k++;
            continue;
          }
          if (a.value.includes('$') || PATHLIKE.test(a.value) || m.pinned(a.value)) continue;
          packages.push(a);
        }
        // gem install x -v 1.2 pins with an option
        if (c.name === 'gem' && after.some((a) => a.value === '-v' || a.value === '--version')) continue;
        if (packages.length === 0) continue;
        const names = packages.map((p) => p.value);
        out.push(
          dockerFinding(
            df,
            ins,
            `${c.name} ${sub.value} ${names.join(' ')}: no version pinned, a rebuild may install different versions`,
            { manager: c.name, packages: names, peer: m.peer },
            spanOf(packages),
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
