import { dockerFinding, runScript, shippedStages, spanOf } from '../analyzers/dockerfile/rule-kit.js';
import { program, type ShellCommand, subcommand } from '../analyzers/dockerfile/shell.js';
import type { RawFinding, Rule } from '../model/types.js';

/** Commands that only clean up (a RUN made only of these can be merged into the creating RUN). */
const CLEANUP =
  /^(rm|true|:|apt-get clean|apt clean|apk cache clean|yum clean|dnf clean|npm cache clean|pip cache purge|find .* -delete)$/;

/** Paths that package managers write without naming them on the command line. */
function implicitPaths(cmd: ShellCommand): string[] {
  const p = program(cmd);
  if (!p) return [];
  const sub = subcommand(p.args)?.value;
  switch (p.name) {
    case 'apt-get':
    case 'apt':
      return sub === 'update' || sub === 'install' ? ['/var/lib/apt/lists', '/var/cache/apt'] : [];
    case 'apk':
      return sub === 'add' || sub === 'update' ? ['/var/cache/apk'] : [];
    case 'yum':
    case 'dnf':
      return sub === 'install' ? ['/var/cache/yum', '/var/cache/dnf'] : [];
    case 'pip':
    case 'pip3':
      return sub === 'install' ? ['/root/.cache/pip', '/root/.cache'] : [];
    case 'npm':
      return ['/root/.npm', '/tmp'];
    case 'yarn':
      return ['/usr/local/share/.cache/yarn'];
    case 'go':
      return ['/root/go/pkg/mod', '/root/.cache/go-build', '/go/pkg/mod'];
    default:
      return [];
  }
}

/** Absolute paths a RUN names or writes (arguments, -O/-o/-C/-d targets, redirections, package caches). */
function touchedPaths(commands: ShellCommand[]): string[] {
  const out: string[] = [];
  for (const cmd of commands) {
    for (const w of cmd.words) {
      const v = w.value
        .replace(/^\d?>>?/, '')
        .replace(/^-[a-zA-Z]/, '')
        .replace(/^--[\w-]+=/, '');
      if (v.startsWith('/')) out.push(v);
    }
    out.push(...implicitPaths(cmd));
  }
  return out;
}

const strip = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);

/** Whether `removed` (a path or glob as given to rm) covers or lies inside `touched`. */
function overlaps(removed: string, touched: string): boolean {
  const r = strip(removed.replace(/\*.*$/, ''));
  const t = strip(touched);
  if (!r || r === '/') return false;
  return (
    t === r ||
    t.startsWith(r.endsWith('/') ? r : `${r}/`) ||
    (removed.includes('*') && t.startsWith(r)) ||
    r.startsWith(`${t}/`)
  );
}

/**
 * A RUN that removes (rm) paths that an earlier RUN of the same stage created, downloaded or
 * installed: the bytes stay in the earlier layer and the image does not shrink. Only stages that
 * ship in the final image are checked.
 *
 * data: instructionIndex (= deletingInstructionIndex), deletingInstructionIndex,
 * creatingInstructionIndex (the latest earlier RUN that touched a removed path: the one a fix
 * folds the cleanup into), creatingInstructionIndexes (all of them, in order), removedPaths (rm arguments that matched),
 * deletingRunOnlyCleans (true when the deleting RUN does nothing but clean up: it can be merged
 * into the creating RUN as `&& rm ...`).
 */
export const rule: Rule = {
  id: 'cleanup-in-separate-layer',
  meta: {
    description: 'Files removed in a later RUN than the one that created them still ship in the earlier layer',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'dockerfile',
    docs: 'docs/rules/cleanup-in-separate-layer.md',
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const shipped = shippedStages(df);
    const out: RawFinding[] = [];
    for (const stage of df.stages) {
      if (!shipped.has(stage.index)) continue;
      const runs = stage.instructions
        .filter((i) => i.keyword === 'RUN')
        .map((ins) => ({ ins, script: runScript(df, ins) }));
      runs.forEach(({ ins, script }, k) => {
        const rms = script.commands.filter((c) => program(c)?.name === 'rm');
        if (rms.length === 0) return;
        const removed = rms.flatMap((c) =>
          (program(c)?.args ?? []).filter((a) => !a.value.startsWith('-')).map((a) => a.value),
        );
        const creators: number[] = [];
        const removedPaths = new Set<string>();
        for (const earlier of runs.slice(0, k)) {
          const touched = touchedPaths(earlier.script.commands);
          let hit = false;
          for (const r of removed) {
            if (touched.some((t) => overlaps(r, t))) {
              removedPaths.add(r);
              hit = true;
            }
          }
          if (hit) creators.push(earlier.ins.index);
        }
        if (creators.length === 0) return;
        const firstRm = rms.find((c) =>
          (program(c)?.args ?? []).some((a) => removedPaths.has(a.value)),
        ) as ShellCommand;
        const onlyCleans = script.commands.every((c) => CLEANUP.test(cleanupKey(c)));
        const lines = creators.map((c) => df.instructions[c]?.range.line);
        out.push(
          dockerFinding(
            df,
            ins,
            `removes ${[...removedPaths].join(', ')} in a separate layer: the files still ship in the layer${lines.length > 1 ? 's' : ''} of line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}; delete them in the RUN that creates them`,
            {
              deletingInstructionIndex: ins.index,
              creatingInstructionIndex: creators[creators.length - 1],
              creatingInstructionIndexes: creators,
              removedPaths: [...removedPaths],
              deletingRunOnlyCleans: onlyCleans,
            },
            spanOf(firstRm.words),
          ),
        );
      });
    }
    return out;
  },
};
export default rule;

function cleanupKey(c: ShellCommand): string {
  const p = program(c);
  if (!p) return '';
  if (p.name === 'rm' || p.name === 'true' || p.name === ':') return p.name;
  if (p.name === 'find') return p.args.some((a) => a.value === '-delete') ? 'find x -delete' : 'find';
  return [p.name, ...p.args.filter((a) => !a.value.startsWith('-')).map((a) => a.value)]
    .slice(0, 3)
    .join(' ')
    .replace(/ (clean|purge).*$/, ' $1');
}
