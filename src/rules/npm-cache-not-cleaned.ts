import { commandsOf, dockerFinding, hasCacheMount, shippedRuns } from '../analyzers/dockerfile/rule-kit.js';
import { type ShellCommand, type ShellWord, subcommand } from '../analyzers/dockerfile/shell.js';
import type { RawFinding, Rule } from '../model/types.js';

const CACHE = '/root/.npm';

/** npm subcommands that download packages into the cache (with their documented aliases). */
const INSTALL = new Set(['install', 'i', 'in', 'add', 'ci', 'clean-install', 'ic', 'install-clean']);
/** `npm install` spellings that `npm ci` can replace. */
const PLAIN_INSTALL = new Set(['install', 'i']);
/** Flags (no value) that `npm ci` accepts with the same meaning as `npm install`. */
const CI_FLAGS = new Set([
  '--production',
  '--audit',
  '--no-audit',
  '--fund',
  '--no-fund',
  '--ignore-scripts',
  '--foreground-scripts',
  '--no-optional',
  '--legacy-peer-deps',
  '--strict-peer-deps',
  '--no-bin-links',
  '--install-links',
  '--include-workspace-root',
  '--workspaces',
  '-ws',
  '--prefer-offline',
  '--prefer-online',
  '--offline',
  '--no-progress',
  '--progress',
  '--no-update-notifier',
  '--unsafe-perm',
  '--silent',
  '--quiet',
  '--verbose',
  '--dry-run',
  '-q',
  '-s',
  '-d',
  '-dd',
  '-ddd',
]);
/** Flags taking a value (`--omit dev` or `--omit=dev`) that `npm ci` accepts. */
const CI_VALUE_FLAGS = new Set([
  '--omit',
  '--include',
  '--only',
  '--loglevel',
  '--registry',
  '--install-strategy',
  '--workspace',
  '-w',
]);

/**
 * `npm install` / `npm i` / `npm ci` (also `npm install -g ...`) in a RUN of a shipped stage
 * without `npm cache clean --force` (or `rm -rf ~/.npm`, `/root/.npm`) later in the same RUN and
 * without a cache mount on /root/.npm: npm keeps every downloaded tarball in ~/.npm/_cacache,
 * and that copy ships in the layer next to node_modules.
 *
 * data: instructionIndex, commandIndex, appendOffset (offset just past the last command of the
 * RUN, or the start of the terminator line of a heredoc script: the cleanup goes there),
 * installWordStart/installWordEnd (offsets of the subcommand word: `install`, `i`, `ci`...),
 * canUseCi (a plain `npm install` without package arguments and only flags that `npm ci`
 * accepts: with a lock file, `npm ci` installs the same tree).
 */
export const rule: Rule = {
  id: 'npm-cache-not-cleaned',
  meta: {
    description: 'npm install/ci without cleaning the npm cache in the same RUN ships every downloaded tarball',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'dockerfile',
    docs: 'docs/rules/npm-cache-not-cleaned.md',
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const { ins, script } of shippedRuns(df)) {
      if (hasCacheMount(script.flags, `${CACHE}/_cacache`) || npmCacheMount(script.flags)) continue;
      const last = script.commands[script.commands.length - 1];
      if (!last) continue;
      const heredoc = /^\s*<</.test(ins.args) || /(^|\s)<<-?['"]?\w/.test(ins.args.split('\n')[0] ?? '');
      const appendOffset = heredoc ? lineStart(df.text, ins.end) : last.end;
      for (const { cmd, args, word } of commandsOf(script, ['npm'])) {
        const sub = subcommand(args);
        if (!sub || !INSTALL.has(sub.value)) continue;
        const commandIndex = script.commands.indexOf(cmd);
        if (script.commands.slice(commandIndex + 1).some(cleansCache)) continue;
        out.push(
          dockerFinding(
            df,
            ins,
            `npm ${sub.value} without "npm cache clean --force" in the same RUN keeps every downloaded tarball in ~/.npm/_cacache in this layer`,
            {
              commandIndex,
              appendOffset,
              installWordStart: sub.start,
              installWordEnd: sub.end,
              canUseCi: canUseCi(args, sub),
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

/** A cache mount on some home's .npm (or its _cacache), e.g. /home/node/.npm. */
function npmCacheMount(flags: string[]): boolean {
  return flags.some(
    (f) =>
      f.startsWith('--mount=') &&
      /type=cache/.test(f) &&
      /(?:target|dst|destination)=[^,]*\/\.npm(?:\/_cacache)?\/?(?:,|$)/.test(f),
  );
}

const NPM_DIR =
  /^(?:~|\/root|\$HOME|\$\{HOME\}|\/home\/[^/]+)\/\.npm(?:\/|\/\*|\/_cacache|\/_cacache\/|\/_cacache\/\*)?$/;

/** `npm cache clean --force` (or its aliases) or an `rm` of the npm cache directory. */
function cleansCache(cmd: ShellCommand): boolean {
  const w = cmd.words.map((x) => x.value);
  const npm = w.findIndex((n) => n === 'npm' || n.endsWith('/npm'));
  if (npm >= 0) {
    const rest = w.slice(npm + 1);
    const sub = rest.findIndex((a) => !a.startsWith('-'));
    if (
      rest[sub] === 'cache' &&
      ['clean', 'clear', 'rm'].includes(rest[sub + 1] ?? '') &&
      rest.some((a) => a === '--force' || a === '-f')
    )
      return true;
  }
  const rm = w.findIndex((n) => n === 'rm' || n.endsWith('/rm'));
  return rm >= 0 && w.slice(rm + 1).some((a) => NPM_DIR.test(a));
}

/** Plain `npm install` with no package argument and only flags `npm ci` takes the same way. */
function canUseCi(args: ShellWord[], sub: ShellWord): boolean {
  if (!PLAIN_INSTALL.has(sub.value)) return false;
  const i = args.indexOf(sub);
  const flags = [...args.slice(0, i), ...args.slice(i + 1)].map((a) => a.value);
  for (let k = 0; k < flags.length; k++) {
    const f = flags[k] as string;
    const eq = f.indexOf('=');
    const name = eq < 0 ? f : f.slice(0, eq);
    if (CI_VALUE_FLAGS.has(name)) {
      if (eq < 0) k++; // the value is the next word
      if (k >= flags.length) return false;
    } else if (!CI_FLAGS.has(name)) return false; // a package argument or a flag ci does not take
  }
  return true;
}

function lineStart(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i < 0 ? 0 : i + 1;
}
