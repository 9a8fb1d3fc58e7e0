import type { FailOn } from '../config/types.js';
import type { DiffSide as BaselineSide } from '../diff/types.js';
import { runRules } from '../engine/run-rules.js';
import { LayerlintError } from '../errors.js';
import { attachFixes } from '../fix/attach.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { Finding } from '../model/types.js';
import { type CommandIO, configFor, ImagePipeline, reportAnalysis, reportSettings } from '../pipeline/index.js';
import { fileRowsOf } from '../report/files.js';
import { withFingerprints } from '../report/fingerprint.js';
import {
  failsGate,
  type ImageReport,
  RESULT_SCHEMA_VERSION,
  type RunResult,
  sharedLayersOf,
  summarizeDockerfile,
} from '../report/result.js';
import { FORMATS, type Format, isFormat, loadReporter } from '../reporters/index.js';
import { applyBaseline, openBaseline } from './baseline.js';
import { colorEnabled, type ImageArgs, readDockerfile, version } from './shared.js';

export interface AnalyzeArgs extends ImageArgs {
  refs: string[];
  format?: string[];
  output?: string[];
  dockerfile?: string;
  ciConfig?: string;
  failOn?: FailOn;
  color?: boolean;
  sarifUri?: string;
  lowestEfficiency?: number;
  highestWastedBytes?: string;
  highestUserWastedPercent?: number;
  /** BASE for baseline gating: a baseline file, a saved result or an image */
  baseline?: string;
  /** carry the final filesystem in the JSON result (for `layerlint diff` against it) */
  files?: boolean;
}

export async function runAnalyze(args: AnalyzeArgs, io: CommandIO): Promise<number> {
  const config = await configFor(args, io.cwd);
  const dockerfile = args.dockerfile ? readDockerfile(args.dockerfile) : undefined;
  if (args.refs.length === 0 && !dockerfile)
    throw new LayerlintError('nothing to analyse: give an image reference or --dockerfile');
  const outputs = planOutputs(args.format ?? [], args.output ?? []);
  const settings = reportSettings(config, dockerfile, args);
  // one pool and cache for every ref of the run: a layer shared by several images is walked once
  const pipeline = new ImagePipeline(args, io);
  const images: ImageReport[] = [];
  let baseline: BaselineSide | undefined;
  const progress = io.stderr.isTTY ? (text: string) => io.stderr.write(`\r\x1b[2K${text}`) : () => {};
  try {
    if (args.baseline) baseline = await openBaseline(args.baseline, pipeline, settings, io);
    for (const [i, ref] of args.refs.entries()) {
      progress(`layerlint: reading ${ref}…`);
      const lastImage = i === args.refs.length - 1;
      const analysis = await pipeline.analyse(ref, { stderr: io.stderr, lastImage });
      progress(`layerlint: analysing ${ref}…`);
      const report = reportAnalysis(analysis, settings);
      images.push(args.files ? { ...report, files: fileRowsOf(analysis.stack) } : report);
    }
  } finally {
    progress('');
    await pipeline.close();
  }
  let dockerfileFindings: Finding[] | undefined;
  if (images.length === 0 && dockerfile) {
    dockerfileFindings = withFingerprints(attachFixes(runRules({ dockerfile, config }), dockerfile, {}), {
      dockerfile: summarizeDockerfile(dockerfile),
    });
  }
  const baselineSummary = baseline ? applyBaseline(images, baseline, config.failOn) : undefined;
  const failed =
    images.some((i) => !i.passed) || (dockerfileFindings ? failsGate(dockerfileFindings, config.failOn) : false);
  const result: RunResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'layerlint', version: version() },
    failOn: config.failOn,
    images,
    dockerfileFindings,
    ...(dockerfileFindings && dockerfile ? { dockerfile: summarizeDockerfile(dockerfile) } : {}),
    ...(images.length > 1 ? sharedLayersOf(images) : {}),
    ...(baselineSummary ? { baseline: baselineSummary } : {}),
    exitCode: failed ? 1 : 0,
  };
  for (const out of outputs) {
    const stream = out.file ? undefined : io.stdout;
    const renderOpts = {
      color: out.file ? false : colorEnabled(args.color, io.stdout),
      width: stream?.columns ?? 80,
      sarifUri: args.sarifUri,
    };
    const text = (await loadReporter(out.format))(result, renderOpts);
    if (out.file) await writeOutput(out.file, text);
    else io.stdout.write(text);
  }
  if (baselineSummary) {
    const b = baselineSummary;
    io.stderr.write(
      `layerlint: against ${b.ref}: ${b.new} new, ${b.unchanged} unchanged, ${b.updated} updated, ${b.absent} fixed (only new findings fail the run)\n`,
    );
  }
  return result.exitCode;
}

interface PlannedOutput {
  format: Format;
  file?: string;
}

/** --format F (repeatable) and --output FORMAT=FILE or --output FILE (for the single --format). */
export function planOutputs(formats: string[], outputs: string[]): PlannedOutput[] {
  const plan: PlannedOutput[] = [];
  const bare: string[] = [];
  for (const o of outputs) {
    const m = /^([a-z]+)=(.+)$/.exec(o);
    if (m?.[1] && m[2] && isFormat(m[1])) plan.push({ format: m[1], file: m[2] });
    else bare.push(o);
  }
  const checked = formats.map((f) => {
    if (!isFormat(f)) throw new LayerlintError(`unknown format "${f}" (choose from ${FORMATS.join(', ')})`);
    return f;
  });
  if (bare.length > 1) throw new LayerlintError('give --output FILE once, or --output FORMAT=FILE for each format');
  const stdoutFormats: Format[] = checked.length > 0 ? checked : plan.length > 0 ? [] : ['tty'];
  if (bare.length === 1) {
    if (stdoutFormats.length !== 1)
      throw new LayerlintError('--output FILE needs exactly one --format (or use --output FORMAT=FILE)');
    plan.push({ format: stdoutFormats[0] as Format, file: bare[0] });
    return plan;
  }
  const toStdout = stdoutFormats.filter((f) => !plan.some((p) => p.format === f && formats.length === 0));
  if (toStdout.length > 1) {
    throw new LayerlintError(
      `only one format can go to standard output (${toStdout.join(', ')}): send the others to files with --output FORMAT=FILE`,
    );
  }
  for (const f of toStdout) plan.unshift({ format: f });
  return plan;
}

/** Reports are written whole or not at all, by the one atomic writer (io/atomic-write.ts). */
export async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text, { create: true });
  } catch (err) {
    throw new LayerlintError(`cannot write ${file}: ${(err as Error).message}`);
  }
}
