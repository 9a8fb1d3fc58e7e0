import { dockerFinding, runScript } from '../analyzers/dockerfile/rule-kit.js';
import { execForm, program, type ShellCommand } from '../analyzers/dockerfile/shell.js';
import type { DockerInstruction } from '../analyzers/dockerfile/types.js';
import { shellWords } from '../analyzers/dockerfile/vars.js';
import type { RawFinding, Rule } from '../model/types.js';

export type Ecosystem =
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'pip'
  | 'poetry'
  | 'go'
  | 'cargo'
  | 'maven'
  | 'gradle'
  | 'bundler'
  | 'composer';

/** Files to COPY before the install step so its layer is cached until they change. */
export const MANIFESTS: Record<Ecosystem, string[]> = {
  npm: ['package.json', 'package-lock.json'],
  yarn: ['package.json', 'yarn.lock'],
  pnpm: ['package.json', 'pnpm-lock.yaml'],
  pip: ['requirements.txt'],
  poetry: ['pyproject.toml', 'poetry.lock'],
  go: ['go.mod', 'go.sum'],
  cargo: ['Cargo.toml', 'Cargo.lock'],
  maven: ['pom.xml'],
  gradle: ['build.gradle', 'settings.gradle'],
  bundler: ['Gemfile', 'Gemfile.lock'],
  composer: ['composer.json', 'composer.lock'],
};

/**
 * A COPY/ADD of the whole build context (`COPY . .`) followed, in the same stage, by a
 * dependency install step: any source change invalidates the cache of the install layer, so
 * every build downloads all dependencies again.
 *
 * data: instructionIndex (the COPY), installInstructionIndex (the RUN), ecosystem, installCommand
 * (the install command text), manifests (files to copy first, e.g. ['package.json', 'package-lock.json']).
 */
export const rule: Rule = {
  id: 'cache-busting-copy',
  meta: {
    description: 'COPY of the whole context before the dependency install step defeats the layer cache',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'dockerfile',
    docs: 'docs/rules/cache-busting-copy.md',
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const out: RawFinding[] = [];
    for (const stage of df.stages) {
      const list = stage.instructions;
      list.forEach((copy, k) => {
        if (!copiesWholeContext(copy)) return;
        for (const ins of list.slice(k + 1)) {
          const found = runScript(df, ins)
            .commands.map((c) => ({ c, eco: installEcosystem(c) }))
            .find((x) => x.eco);
          if (!found?.eco) continue;
          const installCommand = found.c.words.map((w) => w.value).join(' ');
          out.push(
            dockerFinding(
              df,
              copy,
              `${copy.keyword} of the whole build context before "${installCommand}" (line ${ins.range.line}): any source change re-runs the dependency install; copy ${MANIFESTS[found.eco].join(', ')} first, install, then copy the rest`,
              {
                installInstructionIndex: ins.index,
                ecosystem: found.eco,
                installCommand,
                manifests: MANIFESTS[found.eco],
              },
            ),
          );
          break;
        }
      });
    }
    return out;
  },
};
export default rule;

function copiesWholeContext(ins: DockerInstruction): boolean {
  if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return false;
  const words = execForm(ins) ?? shellWords(ins.args.split('\n')[0] ?? '');
  if (words.some((w) => w.startsWith('--from'))) return false;
  const sources = words.filter((w) => !w.startsWith('--')).slice(0, -1);
  return sources.some((s) => s === '.' || s === './' || s === '*' || s === './*');
}

/** The ecosystem when a command installs a project's dependencies, undefined otherwise. */
export function installEcosystem(cmd: ShellCommand): Ecosystem | undefined {
  const p = program(cmd);
  if (!p) return undefined;
  const args = p.args.map((a) => a.value);
  const positional = args.filter((a) => !a.startsWith('-'));
  const sub = positional[0];
  switch (p.name) {
    case 'npm':
      if (sub === 'ci') return 'npm';
      if (
        (sub === 'install' || sub === 'i') &&
        positional.length === 1 &&
        !args.includes('-g') &&
        !args.includes('--global')
      )
        return 'npm';
      return undefined;
    case 'yarn':
      return sub === undefined || sub === 'install' ? 'yarn' : undefined;
    case 'pnpm':
      return sub === 'install' || sub === 'i' ? 'pnpm' : undefined;
    case 'pip':
    case 'pip3':
      return sub === 'install' && (args.includes('-r') || args.includes('--requirement') || positional.includes('.'))
        ? 'pip'
        : undefined;
    case 'poetry':
      return sub === 'install' ? 'poetry' : undefined;
    case 'go':
      return sub === 'mod' && positional[1] === 'download' ? 'go' : undefined;
    case 'cargo':
      return sub === 'build' || sub === 'fetch' || sub === 'install' ? 'cargo' : undefined;
    case 'mvn':
    case 'mvnw':
      return 'maven';
    case 'gradle':
    case 'gradlew':
      return 'gradle';
    case 'bundle':
      return sub === 'install' ? 'bundler' : undefined;
    case 'composer':
      return sub === 'install' ? 'composer' : undefined;
    default:
      return undefined;
  }
}
