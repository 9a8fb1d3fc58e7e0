import { appendToRun } from '../append.js';
import { instructionForLayer } from '../evidence.js';
import { cleanupKind } from '../fold.js';
import { commandWords, isExecForm, lexShell } from '../shell.js';
import type { FixGenerator } from '../types.js';

interface Clean {
  /** programs that use (and refill) this cache: a later RUN calling one of them needs it */
  tools: string[];
  /** the command that empties the cache; `roots` are the cache directories the image shows */
  command: (roots: string[]) => string;
}

const rmRoots = (roots: string[]) => `rm -rf ${roots.join(' ')}`;

/** Per cache kind of the package-manager-cache rule: how the RUN that filled it empties it. */
const CLEANS: Readonly<Record<string, Clean>> = {
  'apt-archives': { tools: ['apt-get', 'apt'], command: () => 'apt-get clean' },
  'apt-lists': { tools: ['apt-get', 'apt'], command: () => 'rm -rf /var/lib/apt/lists/*' },
  apk: { tools: ['apk'], command: () => 'rm -rf /var/cache/apk/*' },
  yum: { tools: ['yum'], command: () => 'yum clean all && rm -rf /var/cache/yum' },
  dnf: { tools: ['dnf', 'microdnf'], command: () => 'dnf clean all' },
  pip: { tools: ['pip', 'pip3', 'python', 'python3'], command: rmRoots },
  npm: { tools: ['npm', 'npx'], command: () => 'npm cache clean --force' },
  yarn: { tools: ['yarn'], command: rmRoots },
  pnpm: { tools: ['pnpm'], command: rmRoots },
  'go-build': { tools: ['go'], command: rmRoots },
  cargo: { tools: ['cargo'], command: rmRoots },
  maven: { tools: ['mvn', './mvnw'], command: rmRoots },
  gradle: { tools: ['gradle', './gradlew'], command: rmRoots },
};

/**
 * The image shows a package manager's cache that a RUN of this Dockerfile filled: end that RUN
 * with the cache's cleanup. Not when a later RUN of the stage calls the same tool to do more than
 * remove packages or clean (it may need the cache, e.g. apt's lists), nor when the RUN already
 * runs the cleanup.
 */
export const fixPackageManagerCache: FixGenerator = (finding, df, ctx) => {
  const kind = String(finding.data?.kind ?? '');
  const clean = CLEANS[kind];
  const roots = Array.isArray(finding.data?.roots) ? (finding.data.roots as string[]) : [];
  const made = instructionForLayer(df, ctx, finding.layer);
  const run = made?.keyword === 'RUN' ? made : undefined;
  if (!clean || !run || roots.some((r) => !/^\/[\w./+-]*$/.test(r))) return {};
  const why = (reason: string) => ({
    suggestion: `${finding.suggestion ?? ''} (not rewritten automatically: ${reason})`.trim(),
  });
  if (isExecForm(df, run)) return why(`the RUN on line ${run.range.line} is in exec form`);
  const own = lexShell(df, run).commands.map((c) => commandWords(c).map((w) => w.value));
  if (own.length > 0 && own.every((v) => cleanupKind(v)))
    return why(
      `the RUN on line ${run.range.line} only cleans up: fold it into the RUN that installs, which then cleans the cache`,
    );
  const command = clean.command(roots);
  if (df.text.slice(run.start, run.end).includes(command))
    return why(`the RUN on line ${run.range.line} already runs \`${command}\``);
  const later = df.instructions.find(
    (i) =>
      i.stage === run.stage &&
      i.index > run.index &&
      i.keyword === 'RUN' &&
      (isExecForm(df, i) ||
        lexShell(df, i).commands.some((c) => {
          const v = commandWords(c).map((w) => w.value);
          // removing packages or cleaning needs no cache
          return clean.tools.includes(v[0] ?? '') && !cleanupKind(v);
        })),
  );
  if (later) return why(`the RUN on line ${later.range.line} may use the cache`);
  const edit = appendToRun(df, run, command);
  return edit ? { edits: [edit] } : why(`the RUN on line ${run.range.line} has no safe end to append to`);
};
