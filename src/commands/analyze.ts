import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FailOn } from '../config/types.js';
import type { DiffSide as BaselineSide } from '../diff/types.js';
import { runRules } from '../engine/run-rules.js';
import { isLayerlintError, LayerlintError } from '../errors.js';
import { attachFixes } from '../fix/attach.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { Finding, ImageAnalysis } from '../model/types.js';
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
  type UnreadableImage,
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
  lowestEfficiency?: string;
  highestWastedBytes?: string;
  highestUserWastedPercent?: string;
  /** BASE for baseline gating: a baseline file, a saved result or an image */
  baseline?: string;
  /** carry the final filesystem in the JSON result (for `layerlint diff` against it) */
  files?: boolean;
}

export async function runAnalyze(args: AnalyzeArgs, io: CommandIO): Promise<number> {
  const config = await configFor(args, io.cwd);
  const dockerfile = args.dockerfile ? readDockerfile(args.dockerfile) : undefined;
  if (args.refs.length === 0 && !dockerfile)
    throw new LayerlintError(
      'nothing to analyse: give an image (layerlint image.tar, layerlint docker://alpine:3.20, docker save app | layerlint -) or --dockerfile Dockerfile; see layerlint --help',
    );
  const outputs = planOutputs(args.format ?? [], args.output ?? [], io.cwd);
  const settings = reportSettings(config, dockerfile, args);
  // one pool and cache for every ref of the run: a layer shared by several images is walked once
  const pipeline = new ImagePipeline(args, io);
  const images: ImageReport[] = [];
  let baseline: BaselineSide | undefined;
  const progress = io.stderr.isTTY ? (text: string) => io.stderr.write(`\r\x1b[2K${text}`) : () => {};
  // an image that cannot be read does not hide the others: they are reported, then the run fails
  const unreadable: UnreadableImage[] = [];
  try {
    if (args.baseline) baseline = await openBaseline(args.baseline, pipeline, settings, io);
    for (const [i, ref] of args.refs.entries()) {
      progress(`layerlint: reading ${ref}…`);
      const lastImage = i === args.refs.length - 1;
      let analysis: ImageAnalysis;
      try {
        analysis = await pipeline.analyse(ref, { stderr: io.stderr, lastImage });
      } catch (err) {
        if (args.refs.length === 1 || !isLayerlintError(err)) throw err;
        unreadable.push({ ref, error: (err as Error).message });
        continue;
      }
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
  if (dockerfile && config.severities.shellcheck !== 'off') {
    const { shellcheckDockerfile } = await import('../analyzers/dockerfile/shellcheck.js');
    if (!shellcheckDockerfile(dockerfile).available)
      io.stderr.write(
        'layerlint: shellcheck is not on PATH: RUN scripts were not checked (install the shellcheck package)\n',
      );
  }
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
    ...(unreadable.length > 0 ? { unreadable } : {}),
    exitCode: unreadable.length > 0 ? 2 : failed ? 1 : 0,
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
  for (const u of unreadable) io.stderr.write(`layerlint: ${u.error}\n`);
  if (unreadable.length > 0) {
    io.stderr.write(
      `layerlint: ${unreadable.length} of ${args.refs.length} images could not be read (${unreadable.map((u) => u.ref).join(', ')}): the report covers the others\n`,
    );
  }
  return result.exitCode;
}

interface PlannedOutput {
  format: Format;
  file?: string;
}

/** The format a report file's name says, when it says one. */
const FORMAT_BY_EXTENSION: [RegExp, Format][] = [
  [/\.sarif(\.json)?$/i, 'sarif'],
  [/\.json$/i, 'json'],
  [/\.(md|markdown)$/i, 'markdown'],
  [/\.txt$/i, 'tty'],
];

function formatOfName(file: string): Format | undefined {
  return FORMAT_BY_EXTENSION.find(([re]) => re.test(file))?.[1];
}

/**
 * --format F (repeatable) and --output FORMAT=FILE or --output FILE. A bare FILE takes the single
 * --format, else the format its extension names (.json, .sarif, .md, .txt); an unknown FORMAT= and
 * a file whose directory does not exist are refused before any work is done.
 */
export function planOutputs(formats: string[], outputs: string[], cwd = process.cwd()): PlannedOutput[] {
  const plan: PlannedOutput[] = [];
  const bare: string[] = [];
  for (const o of outputs) {
    const m = /^([a-z][a-z0-9-]*)=(.*)$/.exec(o);
    if (!m) bare.push(o);
    else if (!isFormat(m[1] as string))
      throw new LayerlintError(
        `--output ${o}: unknown format "${m[1]}" (choose from ${FORMATS.join(', ')}; for a file name with "=", write ./${o})`,
      );
    else if (!m[2]) throw new LayerlintError(`--output ${o}: no file name after "="`);
    else plan.push({ format: m[1] as Format, file: m[2] });
  }
  const checked = formats.map((f) => {
    if (!isFormat(f)) throw new LayerlintError(`unknown format "${f}" (choose from ${FORMATS.join(', ')})`);
    return f;
  });
  if (checked.length > 1 && bare.length > 0)
    throw new LayerlintError('--output FILE goes with a single --format: use --output FORMAT=FILE for each format');
  for (const file of bare) {
    const format = checked[0] ?? formatOfName(file);
    if (!format) {
      throw new LayerlintError(
        `--output ${file}: cannot tell the format from the name: add --format, or write FORMAT=${file} (${FORMATS.join(', ')})`,
      );
    }
    plan.push({ format, file });
  }
  for (const p of plan) if (p.file) checkWritableTarget(p.file, cwd);
  const toStdout: Format[] = checked.length > 0 ? (bare.length > 0 ? [] : checked) : plan.length > 0 ? [] : ['tty'];
  const stdout = toStdout.filter((f) => !plan.some((p) => p.format === f && formats.length === 0));
  if (stdout.length > 1) {
    throw new LayerlintError(
      `only one format can go to standard output (${stdout.join(', ')}): send the others to files with --output FORMAT=FILE`,
    );
  }
  for (const f of stdout) plan.unshift({ format: f });
  return plan;
}

/** A report goes into an existing directory: layerlint never creates directories, nor replaces one. */
function checkWritableTarget(file: string, cwd: string): void {
  const path = resolve(cwd, file);
  const dir = dirname(path);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    throw new LayerlintError(
      `cannot write ${file}: directory ${dirname(file)} does not exist (layerlint does not create it)`,
    );
  try {
    if (statSync(path).isDirectory()) throw new LayerlintError(`cannot write ${file}: it is a directory`);
  } catch (err) {
    if (isLayerlintError(err)) throw err;
  }
}

/** Reports are written whole or not at all, by the one atomic writer (io/atomic-write.ts). */
export async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text, { create: true });
  } catch (err) {
    throw new LayerlintError(`cannot write ${file}: ${(err as Error).message}`);
  }
}
