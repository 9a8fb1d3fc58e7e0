import { mkdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { analyzeImage, EarlyStack } from '../analyzers/analyze.js';
import { mapHistoryToDockerfile } from '../analyzers/dockerfile/mapping.js';
import type { DockerfileModel } from '../analyzers/dockerfile/types.js';
import type { OnLayer } from '../analyzers/sources/all-in-order.js';
import { type LayerCache, openLayerCache } from '../analyzers/sources/cache/index.js';
import { openImage } from '../analyzers/sources/index.js';
import { DEFAULT_LIMITS, imageLimits, type Limits } from '../analyzers/walk/limits.js';
import { WalkPool } from '../analyzers/walk/pool.js';
import { loadConfig, parseBytes } from '../config/load.js';
import type { FailOn, ResolvedConfig } from '../config/types.js';
import { runRules } from '../engine/run-rules.js';
import { evaluateThresholds } from '../engine/thresholds.js';
import { LayerlintError } from '../errors.js';
import { attachFixes } from '../fix/attach.js';
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
} from '../report/result.js';
import { FORMATS, type Format, isFormat, loadReporter } from '../reporters/index.js';
import { colorEnabled, type ImageArgs, parsePairsOption, readDockerfile, version } from './shared.js';

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
  return openImage(ref, {
    ...args,
    limits: limitsFrom(args),
    pool,
    layerCache,
    ...extra,
    get stdin() {
      return io.stdin; // read only for an image on stdin or --password-stdin
    },
  });
}

export async function configFor(args: AnalyzeArgs, cwd: string): Promise<ResolvedConfig> {
  const config = loadConfig({ configPath: args.config, cwd });
  if (args.ciConfig) {
    const { applyDiveCi } = await import('../config/dive-ci.js');
    applyDiveCi(config, args.ciConfig);
  }
  if (args.failOn) config.failOn = args.failOn;
  if (args.lowestEfficiency !== undefined) config.thresholds.lowestEfficiency = args.lowestEfficiency;
  if (args.highestUserWastedPercent !== undefined)
    config.thresholds.highestUserWastedPercent = args.highestUserWastedPercent;
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
    throw new LayerlintError('nothing to analyse: give an image reference or --dockerfile');
  const outputs = planOutputs(args.format ?? [], args.output ?? []);
  const pool = new WalkPool(args.jobs);
  // one cache for every ref of the run: a layer shared by several images is walked once
  const layerCache = layerCacheFor(args);
  const images: ImageReport[] = [];
  const progress = io.stderr.isTTY ? (text: string) => io.stderr.write(`\r\x1b[2K${printable(text)}`) : () => {};
  try {
    for (const [i, ref] of args.refs.entries()) {
      progress(`layerlint: reading ${ref}…`);
      // layers are stacked here as their walks finish, while the workers walk the rest
      const early = new EarlyStack();
      const onLayer = (index: number, walk: LayerWalk) => early.offer(index, walk.entries);
      const model = await openForCommand(ref, args, io, pool, layerCache, { stderr: io.stderr, onLayer });
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
    if (out.file) writeOutput(out.file, text);
    else io.stdout.write(text);
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

/**
 * Reports are written whole or not at all: a temp file beside the target, then rename. Only for a
 * regular file (or a new one): a device, FIFO or socket (`-o /dev/null`) is written to directly,
 * and a symlink is followed so that the link itself stays.
 */
function writeOutput(file: string, text: string): void {
  try {
    let target = file;
    try {
      target = realpathSync(file);
      if (!statSync(target).isFile()) {
        writeFileSync(target, text);
        return;
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      mkdirSync(dirname(file), { recursive: true });
    }
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, text);
      renameSync(tmp, target);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  } catch (err) {
    throw new LayerlintError(`cannot write ${file}: ${(err as Error).message}`);
  }
}
