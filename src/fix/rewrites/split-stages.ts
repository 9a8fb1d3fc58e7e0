import { posix } from 'node:path';
import type { DockerfileModel, DockerInstruction, DockerStage } from '../../analyzers/dockerfile/types.js';
import type { Finding, TextEdit } from '../../model/types.js';
import { commandWords, isExecForm, lexShell, type Word } from '../shell.js';
import { finalStage, insertLinesAfter, instructionAt } from '../text.js';
import type { FixContext, FixOutcome } from '../types.js';

interface BuildPlan {
  run: DockerInstruction;
  outputs: string[]; // absolute paths in the build stage, copied to the same paths
  runtime: string; // runtime base image
  checkEntry: (argv0: string) => boolean; // the exec-form CMD/ENTRYPOINT must start with this
}

/** After the build, only these may follow (they become the runtime stage's metadata). */
const TRAILING = new Set(['CMD', 'ENTRYPOINT', 'EXPOSE', 'ENV', 'LABEL', 'USER', 'WORKDIR', 'STOPSIGNAL', 'ARG']);

function optionValue(w: Word[], names: string[]): string | undefined {
  for (let i = 0; i < w.length; i++) {
    if (names.includes(w[i].value)) return w[i + 1]?.value;
    for (const n of names) if (w[i].value.startsWith(`${n}=`)) return w[i].value.slice(n.length + 1);
  }
  return undefined;
}

function workdirAt(stage: DockerStage, index: number): string {
  let dir = '/';
  for (const i of stage.instructions) {
    if (i.index >= index) break;
    if (i.keyword === 'WORKDIR') dir = posix.resolve(dir, i.args.trim());
  }
  return dir;
}

function cargoName(ctx: FixContext): string | undefined {
  const toml = ctx.readContextFile?.('Cargo.toml');
  const pkg = toml ? /\[package\][^[]*?\bname\s*=\s*"([^"]+)"/.exec(toml) : null;
  return pkg?.[1];
}

function javaRuntime(base: string): string | undefined {
  const m =
    /(?:temurin|openjdk|jdk|java|corretto)[-:]?(\d{2})\b|:(\d{2})(?:[.-]|$)/.exec(base) ?? /-(\d{2})(?:-|$)/.exec(base);
  const v = m?.[1] ?? m?.[2];
  return v ? `eclipse-temurin:${v}-jre` : undefined;
}

function planFor(
  df: DockerfileModel,
  stage: DockerStage,
  ctx: FixContext,
  entryArgv0: string | undefined,
): BuildPlan | string {
  const runs = stage.instructions.filter((i) => i.keyword === 'RUN' && !isExecForm(df, i));
  for (const run of [...runs].reverse()) {
    const sh = lexShell(df, run);
    if (sh.heredoc) continue;
    const wd = workdirAt(stage, run.index);
    const cgoOff = /CGO_ENABLED=0/.test(df.text.slice(stage.from.start, run.end));
    // a musl (Alpine) build links against musl: a glibc runtime would not run it
    const musl = /alpine/.test(externalName(stage));
    for (const c of [...sh.commands].reverse()) {
      const w = commandWords(c);
      const v = w.map((x) => x.value);
      const line = run.range.line;
      if (v[0] === 'go' && v[1] === 'build') {
        const out = optionValue(w, ['-o']);
        if (!out) return `\`go build\` on line ${line} has no -o target`;
        if (out.includes('$') || out.endsWith('/'))
          return `the -o target of \`go build\` on line ${line} is not a fixed file path`;
        const abs = posix.resolve(wd, out);
        if (musl && !cgoOff)
          return `the Alpine (musl) \`go build\` on line ${line} without CGO_ENABLED=0 would not run on a glibc runtime image`;
        return {
          run,
          outputs: [abs],
          runtime: cgoOff ? 'gcr.io/distroless/static-debian12' : 'gcr.io/distroless/base-debian12',
          checkEntry: (a) => posix.resolve(wd, a) === abs,
        };
      }
      if (v[0] === 'cargo' && v[1] === 'build' && v.includes('--release') && !v.some((x) => x.startsWith('--target'))) {
        const fromEntry = entryArgv0 && /target\/release\/([\w.-]+)$/.exec(entryArgv0)?.[1];
        const name = optionValue(w, ['--bin']) ?? cargoName(ctx) ?? fromEntry;
        if (!name)
          return `cannot tell the binary \`cargo build --release\` on line ${line} makes (no --bin, no Cargo.toml package name in the build context, no CMD naming target/release/...)`;
        if (musl) return `the Alpine (musl) \`cargo build\` on line ${line} would not run on a glibc runtime image`;
        const abs = posix.resolve(wd, 'target/release', name);
        return {
          run,
          outputs: [abs],
          runtime: 'gcr.io/distroless/cc-debian12',
          checkEntry: (a) => posix.resolve(wd, a) === abs || a === name,
        };
      }
      if (/^(gcc|cc|clang|g\+\+|c\+\+|clang\+\+)(-\d+)?$/.test(v[0] ?? '')) {
        const out = optionValue(w, ['-o']);
        if (!out) return `\`${v[0]}\` on line ${line} has no -o target`;
        if (out.includes('$')) return `the -o target of \`${v[0]}\` on line ${line} is not a fixed file path`;
        const abs = posix.resolve(wd, out);
        if (musl && !v.includes('-static'))
          return `the Alpine (musl) \`${v[0]}\` build on line ${line} is not -static: it would not run on a glibc runtime image`;
        const runtime = v.includes('-static') ? 'gcr.io/distroless/static-debian12' : 'gcr.io/distroless/cc-debian12';
        return { run, outputs: [abs], runtime, checkEntry: (a) => posix.resolve(wd, a) === abs };
      }
      if ((v[0] === 'mvn' || v[0] === './mvnw') && v.some((x) => x === 'package' || x === 'install')) {
        const runtime = javaRuntime(externalName(stage));
        if (!runtime) return `cannot tell the Java version of ${stage.baseImage} for a JRE runtime image`;
        return {
          run,
          outputs: [`${posix.resolve(wd, 'target')}/*.jar`],
          runtime,
          checkEntry: (a) => a === 'java',
        };
      }
      if (
        (v[0] === 'gradle' || v[0] === './gradlew') &&
        v.some((x) => x === 'build' || x === 'bootJar' || x === 'jar')
      ) {
        const runtime = javaRuntime(externalName(stage));
        if (!runtime) return `cannot tell the Java version of ${stage.baseImage} for a JRE runtime image`;
        return {
          run,
          outputs: [`${posix.resolve(wd, 'build/libs')}/*.jar`],
          runtime,
          checkEntry: (a) => a === 'java',
        };
      }
    }
  }
  return 'no RUN of the final stage runs a build whose output can be identified (go build -o, cargo build --release, gcc/clang -o, mvn package, gradle build)';
}

function externalName(stage: DockerStage): string {
  return stage.baseImage.toLowerCase();
}

function entryOf(df: DockerfileModel, list: DockerInstruction[]): { argv0?: string; exec: boolean } {
  const entry =
    [...list].reverse().find((i) => i.keyword === 'ENTRYPOINT') ?? [...list].reverse().find((i) => i.keyword === 'CMD');
  if (!entry) return { exec: false };
  if (!isExecForm(df, entry)) return { exec: false };
  try {
    const argv = JSON.parse(entry.args.trim()) as unknown;
    return Array.isArray(argv) && typeof argv[0] === 'string' ? { argv0: argv[0], exec: true } : { exec: false };
  } catch {
    return { exec: false };
  }
}

const SKELETON = [
  'Split into a build stage and a small runtime stage that copies only the build output, e.g.:',
  '  FROM <toolchain image> AS build',
  '  WORKDIR /src',
  '  COPY . .',
  '  RUN <build> -o /out/app',
  '  FROM <minimal runtime image>',
  '  COPY --from=build /out/app /app',
  '  USER 65532',
  '  ENTRYPOINT ["/app"]',
].join('\n');

/**
 * Splits the stage into `build` (everything up to the build RUN) and a runtime stage that copies
 * the build output to the same path and keeps the trailing metadata (CMD, ENTRYPOINT, EXPOSE...).
 */
export function splitStages(finding: Finding, df: DockerfileModel, ctx: FixContext): FixOutcome {
  const target = instructionAt(df, finding.data?.instructionIndex);
  const stage = target ? df.stages[target.stage] : finalStage(df);
  if (!stage || stage !== finalStage(df)) return { suggestion: SKELETON };
  const entry = entryOf(df, stage.instructions);
  const plan = planFor(df, stage, ctx, entry.argv0);
  const why = (reason: string) => ({ suggestion: `${SKELETON}\n(not rewritten automatically: ${reason})` });
  if (typeof plan === 'string') return why(plan);
  const after = stage.instructions.filter((i) => i.index > plan.run.index);
  const blocker = after.find((i) => !TRAILING.has(i.keyword));
  if (blocker) return why(`${blocker.keyword} on line ${blocker.range.line} follows the build`);
  if (!entry.exec || !entry.argv0 || !plan.checkEntry(entry.argv0))
    return why('the CMD/ENTRYPOINT is not an exec-form call of the build output');
  if (after.some((i) => i.keyword === 'USER' && !/^(\d+(:\d+)?|nonroot|root)$/.test(i.args.trim())))
    return why('a USER by name would not exist in the runtime image');
  if (after.some((i) => i.keyword === 'ENV' || i.keyword === 'WORKDIR') && after.some((i) => /\$/.test(i.args)))
    return why('the runtime instructions use variables');

  const buildName = stage.name ?? 'build';
  const edits: TextEdit[] = [];
  if (!stage.name) edits.push({ range: [stage.from.end, stage.from.end], text: ' AS build' });
  const before = stage.instructions.filter((i) => i.index < plan.run.index && i.index > stage.from.index);
  const env = before.filter((i) => i.keyword === 'ENV' && !/[\r\n]/.test(df.text.slice(i.start, i.end)));
  const wd = workdirAt(stage, plan.run.index);
  const lines = ['', `FROM ${plan.runtime}`];
  for (const e of env) lines.push(df.text.slice(e.start, e.end));
  if (wd !== '/' && !after.some((i) => i.keyword === 'WORKDIR')) lines.push(`WORKDIR ${wd}`);
  for (const out of plan.outputs) {
    const dest = out.endsWith('*.jar') ? `${posix.dirname(out)}/` : out;
    lines.push(`COPY --from=${buildName} ${out} ${dest}`);
  }
  if (!after.some((i) => i.keyword === 'USER')) lines.push('USER 65532'); // distroless/temurin: nonroot
  edits.push(insertLinesAfter(df, plan.run, lines));
  // a root USER in the runtime stage would undo the point of the small image: same as missing-user's fix
  for (const u of after)
    if (u.keyword === 'USER' && /^(root|0)(:(root|0))?$/.test(u.args.trim()))
      edits.push({ range: [u.start, u.end], text: 'USER 65532' });
  return { edits };
}
