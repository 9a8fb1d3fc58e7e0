import { dockerFinding, finalStageIndex, runScript, spanOf } from '../analyzers/dockerfile/rule-kit.js';
import { program, type ShellCommand } from '../analyzers/dockerfile/shell.js';
import { stageChain } from '../analyzers/dockerfile/vars.js';
import type { Rule } from '../model/types.js';

/**
 * A compile step (gcc/cc/clang/make/go build/cargo build/mvn package/gradle build/npm run build/
 * javac/dotnet publish...) runs in the final stage (or a stage it is built FROM): the compiler,
 * headers, sources and intermediate objects ship in the image. A multi-stage build compiles in
 * a builder stage and copies only the result.
 *
 * data: instructionIndex (the RUN), compiler (e.g. 'go build'), stageCount, finalStage (index),
 * finalStageName (if named), baseImage (FROM of the final stage as written).
 */
export const rule: Rule<{ ignoreCommands?: string[] }> = {
  id: 'single-stage-build',
  meta: {
    description: 'The image is compiled in its final stage: toolchain and sources ship with the result',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'dockerfile',
    docs: 'docs/rules/single-stage-build.md',
    schema: {
      type: 'object',
      properties: {
        ignoreCommands: {
          type: 'array',
          items: { type: 'string' },
          description: 'compile commands not to report, as detected (e.g. "make")',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { ignoreCommands: [] },
  },
  check(ctx) {
    const df = ctx.dockerfile;
    if (!df) return [];
    const finalIndex = finalStageIndex(df);
    const final = df.stages[finalIndex];
    if (!final) return [];
    const ignore = new Set(ctx.options.ignoreCommands ?? []);
    for (const ins of stageChain(df, finalIndex)) {
      for (const cmd of runScript(df, ins).commands) {
        const compiler = compileStep(cmd);
        if (!compiler || ignore.has(compiler)) continue;
        return [
          dockerFinding(
            df,
            ins,
            `"${compiler}" compiles in the final stage: the toolchain and build inputs ship in the image; build in a separate stage and COPY --from only the output`,
            {
              compiler,
              stageCount: df.stages.length,
              finalStage: finalIndex,
              finalStageName: final.name,
              baseImage: final.baseImage,
            },
            spanOf(cmd.words),
          ),
        ];
      }
    }
    return [];
  },
};
export default rule;

/** The compile step a command runs ('go build', 'make', ...), undefined otherwise. */
export function compileStep(cmd: ShellCommand): string | undefined {
  const p = program(cmd);
  if (!p) return undefined;
  const pos = p.args.map((a) => a.value).filter((a) => !a.startsWith('-'));
  const sub = pos[0];
  switch (p.name) {
    case 'gcc':
    case 'g++':
    case 'cc':
    case 'c++':
    case 'clang':
    case 'clang++':
    case 'javac':
    case 'make':
    case 'rustc':
      return p.name;
    case 'cmake':
      return p.args.some((a) => a.value === '--build') ? 'cmake --build' : undefined;
    case 'go':
      return sub === 'build' || sub === 'install' ? `go ${sub}` : undefined;
    case 'cargo':
      return sub === 'build' || sub === 'install' ? `cargo ${sub}` : undefined;
    case 'mvn':
    case 'mvnw':
      return pos.find((s) => ['package', 'install', 'verify', 'compile'].includes(s))
        ? `mvn ${pos.find((s) => ['package', 'install', 'verify', 'compile'].includes(s))}`
        : undefined;
    case 'gradle':
    case 'gradlew':
      return pos.find((s) => /^(build|assemble|jar|bootJar|installDist|shadowJar)$/.test(s))
        ? `gradle ${pos.find((s) => /^(build|assemble|jar|bootJar|installDist|shadowJar)$/.test(s))}`
        : undefined;
    case 'npm':
    case 'pnpm':
      return sub === 'run' && pos[1] === 'build' ? `${p.name} run build` : undefined;
    case 'yarn':
      return sub === 'build' || (sub === 'run' && pos[1] === 'build') ? 'yarn build' : undefined;
    case 'dotnet':
      return sub === 'publish' || sub === 'build' ? `dotnet ${sub}` : undefined;
    default:
      return undefined;
  }
}
