import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { analyzeImage, EarlyStack } from '../analyzers/analyze.js';
import { mapHistoryToDockerfile } from '../analyzers/dockerfile/mapping.js';
import type { DockerfileModel } from '../analyzers/dockerfile/types.js';
import type { OnLayer } from '../analyzers/sources/all-in-order.js';
import { type LayerCache, openLayerCache } from '../analyzers/sources/cache/index.js';
import { openImage } from '../analyzers/sources/index.js';
import { DEFAULT_LIMITS, entryLimitMessage, imageLimits, type Limits } from '../analyzers/walk/limits.js';
import { WalkPool } from '../analyzers/walk/pool.js';
import { loadConfig, parseBytes } from '../config/load.js';
import type { FailOn, ResolvedConfig } from '../config/types.js';
import { runRules } from '../engine/run-rules.js';
import { evaluateThresholds } from '../engine/thresholds.js';
import { isLayerlintError, LayerlintError } from '../errors.js';
import { attachFixes } from '../fix/attach.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { Finding, ImageAnalysis, ImageModel, LayerWalk } from '../model/types.js';
import { printable } from '../printable.js';
import {
  buildImageReport,
  failsGate,
  type ImageReport,
  RESULT_SCHEMA_VERSION,
  type RunResult,
  sharedLayersOf,
  summarizeDockerfile,
  type UnreadableImage,
} from '../report/result.js';
import { FORMATS, type Format, isFormat, loadReporter } from '../reporters/index.js';
import { colorEnabled, type ImageArgs, parsePairsOption, parseRatio, readDockerfile, version } from './shared.js';

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
}

export interface CommandIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadableStream;
  cwd: string;
}

export function limitsFrom(args: { maxLayerBytes?: string; maxEntries?: number }): Limits {
  return imageLimits({
    ...DEFAULT_LIMITS,
    maxLayerBytes: args.maxLayerBytes ? parseBytes(args.maxLayerBytes) : DEFAULT_LIMITS.maxLayerBytes,
    maxEntries: args.maxEntries ?? DEFAULT_LIMITS.maxEntries,
  });
}

/** The layer cache as --cache-dir / --no-cache / --cache-max say. */
export function layerCacheFor(args: ImageArgs): LayerCache {
  return openLayerCache({
    cacheDir: args.cacheDir as string | undefined,
    cache: args.cache !== false,
    cacheMax: args.cacheMax ? parseBytes(String(args.cacheMax)) : undefined,
    toolVersion: version(),
  });
}

/** Open an image as every command does: the command's options, its walker pool and layer cache. */
export function openForCommand(
  ref: string,
  args: ImageArgs,
  io: CommandIO,
  pool: WalkPool,
  layerCache: LayerCache,
  extra: { stderr?: NodeJS.WriteStream; onLayer?: OnLayer } = {},
): Promise<ImageModel> {
  const limits = limitsFrom(args);
  return openImage(ref, {
    ...args,
    limits,
    pool,
    layerCache,
    ...extra,
    get stdin() {
      return io.stdin; // read only for an image on stdin or --password-stdin
    },
  }).then((model) => {
    // walks count against the budget as they go; layers from the cache are counted here
    const entries = model.layers.reduce((n, l) => n + l.entries.length, 0);
    if (entries > limits.maxEntries) throw new LayerlintError(entryLimitMessage(`image ${ref}`, limits.maxEntries));
    return model;
  });
}

export async function configFor(args: AnalyzeArgs, cwd: string): Promise<ResolvedConfig> {
  const config = loadConfig({ configPath: args.config, cwd });
  if (args.ciConfig) {
    const { applyDiveCi } = await import('../config/dive-ci.js');
    applyDiveCi(config, args.ciConfig);
  }
  if (args.failOn) config.failOn = args.failOn;
  if (args.lowestEfficiency !== undefined)
    config.thresholds.lowestEfficiency = parseRatio(args.lowestEfficiency, '--lowest-efficiency');
  if (args.highestUserWastedPercent !== undefined)
    config.thresholds.highestUserWastedPercent = parseRatio(
      args.highestUserWastedPercent,
      '--highest-user-wasted-percent',
    );
  if (args.highestWastedBytes !== undefined) config.thresholds.highestWastedBytes = parseBytes(args.highestWastedBytes);
  return config;
}

/** Analyse one loaded image and run the rules: everything up to presentation. */
export function reportImage(
  model: ImageModel,
  config: ResolvedConfig,
  dockerfile: DockerfileModel | undefined,
  args: Pick<AnalyzeArgs, 'target' | 'buildArg'>,
  early?: EarlyStack,
): ImageReport {
  return reportAnalysis(analyzeImage(model, early), config, dockerfile, args);
}

/** The same, from an analysis the caller keeps (the explorer needs its stacked filesystem too). */
export function reportAnalysis(
  analysis: ImageAnalysis,
  config: ResolvedConfig,
  dockerfile: DockerfileModel | undefined,
  args: Pick<AnalyzeArgs, 'target' | 'buildArg'>,
): ImageReport {
  const model = analysis.image;
  const mapping = dockerfile
    ? mapHistoryToDockerfile(model.history, model.layers.length, dockerfile, {
        target: args.target,
        buildArgs: parsePairsOption(args.buildArg, '--build-arg'),
      })
    : undefined;
  let findings = runRules({ analysis, dockerfile, mapping, config });
  if (dockerfile) findings = attachFixes(findings, dockerfile, { analysis, mapping });
  const thresholds = evaluateThresholds(analysis.efficiency, config.thresholds);
  return buildImageReport(analysis, findings, thresholds, config.failOn, dockerfile, mapping);
}

export async function runAnalyze(args: AnalyzeArgs, io: CommandIO): Promise<number> {
  const config = await configFor(args, io.cwd);
  const dockerfile = args.dockerfile ? readDockerfile(args.dockerfile) : undefined;
  if (args.refs.length === 0 && !dockerfile)
    throw new LayerlintError(
      'nothing to analyse: give an image (layerlint image.tar, layerlint docker://alpine:3.20, docker save app | layerlint -) or --dockerfile Dockerfile; see layerlint --help',
    );
  const outputs = planOutputs(args.format ?? [], args.output ?? [], io.cwd);
  const pool = new WalkPool(args.jobs);
  // one cache for every ref of the run: a layer shared by several images is walked once
  const layerCache = layerCacheFor(args);
  const images: ImageReport[] = [];
  const progress = io.stderr.isTTY ? (text: string) => io.stderr.write(`\r\x1b[2K${printable(text)}`) : () => {};
  // an image that cannot be read does not hide the others: they are reported, then the run fails
  const unreadable: UnreadableImage[] = [];
  try {
    for (const [i, ref] of args.refs.entries()) {
      progress(`layerlint: reading ${ref}…`);
      // layers are stacked here as their walks finish, while the workers walk the rest
      const early = new EarlyStack();
      const onLayer = (index: number, walk: LayerWalk) => early.offer(index, walk.entries);
      let model: ImageModel;
      try {
        model = await openForCommand(ref, args, io, pool, layerCache, { stderr: io.stderr, onLayer });
      } catch (err) {
        if (args.refs.length === 1 || !isLayerlintError(err)) throw err;
        unreadable.push({ ref, error: (err as Error).message });
        continue;
      }
      // the walks are done: give the workers' memory back before the analysis needs its own
      if (i === args.refs.length - 1) await pool.close();
      progress(`layerlint: analysing ${ref}…`);
      images.push(reportImage(model, config, dockerfile, args, early));
    }
  } finally {
    progress('');
    await pool.close();
    await layerCache.flush();
  }
  let dockerfileFindings: Finding[] | undefined;
  if (images.length === 0 && dockerfile) {
    dockerfileFindings = attachFixes(runRules({ dockerfile, config }), dockerfile, {});
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
  for (const u of unreadable) io.stderr.write(`layerlint: ${printable(u.error)}\n`);
  if (unreadable.length > 0) {
    io.stderr.write(
      `layerlint: ${unreadable.length} of ${args.refs.length} images could not be read (${unreadable.map((u) => printable(u.ref)).join(', ')}): the report covers the others\n`,
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
async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text, { create: true });
  } catch (err) {
    throw new LayerlintError(`cannot write ${file}: ${(err as Error).message}`);
  }
}
