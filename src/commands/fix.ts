import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseDockerfile } from '../analyzers/dockerfile/parse.js';
import type { DockerfileModel, LayerMapping } from '../analyzers/dockerfile/types.js';
import { loadConfig } from '../config/load.js';
import type { ResolvedConfig } from '../config/types.js';
import { runRules } from '../engine/run-rules.js';
import { LayerlintError } from '../errors.js';
import { runFix } from '../fix/command.js';
import { buildAndSave, pickBuilder, removeImage, runDefaultCommand } from '../fix/prove-build.js';
import { proveReport } from '../fix/prove-report.js';
import { totalSavings } from '../fix/savings.js';
import type { Finding, ImageAnalysis } from '../model/types.js';
import { type CommandIO, ImagePipeline, mappingFor, reportSettings } from '../pipeline/index.js';
import { allRules } from '../rules/index.js';
import { type ImageArgs, readDockerfile } from './shared.js';

export interface FixArgs extends ImageArgs {
  dockerfile?: string;
  image?: string;
  write: boolean;
  /** build the original and the fixed Dockerfile and compare them */
  prove?: boolean;
  /** with --prove: also run both images' default command and compare */
  proveRun?: boolean;
}

export async function runFixCommand(args: FixArgs, io: CommandIO): Promise<number> {
  if (!args.dockerfile) {
    throw new LayerlintError(
      'fix needs the Dockerfile: layerlint fix Dockerfile [--image IMAGE] [--write] (see layerlint fix --help)',
    );
  }
  if (args.proveRun && !args.prove) throw new LayerlintError('--prove-run needs --prove');
  if (args.prove) return proveFix({ ...args, dockerfile: args.dockerfile }, io);
  const config = loadConfig({ configPath: args.config, cwd: io.cwd });
  const dockerfile = readDockerfile(args.dockerfile);
  const { analysis, mapping } = args.image ? await analyzeFor(args.image, dockerfile, config, args, io) : {};
  const findings = runRules({ analysis, dockerfile, mapping, config });
  const needImage = allRules.filter((r) => r.meta.requires === 'image' && r.meta.fixable).map((r) => r.id);
  return runFix({
    dockerfilePath: args.dockerfile,
    write: args.write,
    findings,
    dockerfile,
    stdout: io.stdout,
    stderr: io.stderr,
    ctx: { analysis, mapping },
    notes: args.image
      ? []
      : [`without --image, the fixes that need the built image are not tried: ${needImage.join(', ')}`],
  });
}

/** The image's analysis and its layers mapped to the Dockerfile's instructions. */
async function analyzeFor(
  image: string,
  dockerfile: DockerfileModel,
  config: ResolvedConfig,
  args: FixArgs,
  io: CommandIO,
): Promise<{ analysis: ImageAnalysis; mapping?: LayerMapping }> {
  const pipeline = new ImagePipeline(args, io);
  try {
    const analysis = await pipeline.analyse(image, { stderr: io.stderr });
    return { analysis, mapping: mappingFor(analysis, reportSettings(config, dockerfile, args)) };
  } finally {
    await pipeline.close();
  }
}

/**
 * `fix --prove`: builds the original Dockerfile (its image is the evidence unless --image names
 * one), fixes it (printing the diff, or writing it with --write), builds the fixed text from a
 * temporary file with the same context, analyses both images, optionally runs both, and prints
 * the report. Exit 1 when not proved, else the fix's own code. Images and files are removed.
 */
async function proveFix(args: FixArgs & { dockerfile: string }, io: CommandIO): Promise<number> {
  const config = loadConfig({ configPath: args.config, cwd: io.cwd });
  const dockerfile = readDockerfile(args.dockerfile);
  const builder = await pickBuilder(process.env);
  const tmp = mkdtempSync(join(tmpdir(), 'layerlint-prove-'));
  const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tags = { before: `layerlint-prove:${id}-original`, after: `layerlint-prove:${id}-fixed` };
  const context = dirname(args.dockerfile);
  try {
    const beforeTar = join(tmp, 'original.tar');
    await buildAndSave(builder, args.dockerfile, context, tags.before, beforeTar);
    const before = await analyzeFor(args.image ?? beforeTar, dockerfile, config, args, io);
    const findings = runRules({ ...before, dockerfile, config });
    const result: { text?: string; fixed?: Finding[] } = {};
    const code = await runFix({
      dockerfilePath: args.dockerfile,
      write: args.write,
      findings,
      dockerfile,
      stdout: io.stdout,
      stderr: io.stderr,
      ctx: before,
      result,
    });
    if (code === 2 || result.text === undefined) return 2;
    const fixedPath = join(tmp, 'Dockerfile.fixed');
    writeFileSync(fixedPath, result.text);
    const afterTar = join(tmp, 'fixed.tar');
    await buildAndSave(builder, fixedPath, context, tags.after, afterTar);
    const fixedModel = parseDockerfile(result.text, args.dockerfile);
    const after = await analyzeFor(afterTar, fixedModel, config, args, io);
    const afterFindings = runRules({ ...after, dockerfile: fixedModel, config });
    const count = (list: Finding[], rule: string) => list.filter((f) => f.ruleId === rule).length;
    const fixed = result.fixed ?? [];
    const run = args.proveRun
      ? { before: await runDefaultCommand(builder, tags.before), after: await runDefaultCommand(builder, tags.after) }
      : undefined;
    const report = proveReport({
      builder,
      before: before.analysis.efficiency.corrected,
      after: after.analysis.efficiency.corrected,
      fixes: fixed.map((f) => ({
        finding: f,
        reportedBefore: count(findings, f.ruleId),
        reportedAfter: count(afterFindings, f.ruleId),
      })),
      expectedTotal: totalSavings(fixed),
      run,
    });
    io.stdout.write(report.text);
    return report.proved ? code : 1;
  } finally {
    await removeImage(builder, tags.before);
    await removeImage(builder, tags.after);
    rmSync(tmp, { recursive: true, force: true });
  }
}
