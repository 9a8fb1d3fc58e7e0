// The one pipeline every command runs: open (source) -> walk (pool + layer cache) -> analyse ->
// rules -> report. analyze, diff, fix and explore build it from their options; none imports
// another command.
import { analyzeImage, EarlyStack } from '../analyzers/analyze.js';
import { mapHistoryToDockerfile } from '../analyzers/dockerfile/mapping.js';
import type { DockerfileModel, LayerMapping } from '../analyzers/dockerfile/types.js';
import type { OnLayer } from '../analyzers/sources/all-in-order.js';
import { type LayerCache, openLayerCache } from '../analyzers/sources/cache/index.js';
import { openImage } from '../analyzers/sources/index.js';
import { DEFAULT_LIMITS, type Limits } from '../analyzers/walk/limits.js';
import { WalkPool } from '../analyzers/walk/pool.js';
import { type ImageArgs, parsePairsOption, parseRatio, version } from '../commands/shared.js';
import { loadConfig, parseBytes } from '../config/load.js';
import type { FailOn, ResolvedConfig } from '../config/types.js';
import { runRules } from '../engine/run-rules.js';
import { gateOf } from '../engine/thresholds.js';
import { attachFixes } from '../fix/attach.js';
import type { ImageAnalysis, ImageModel, LayerWalk } from '../model/types.js';
import { buildImageReport, type ImageReport } from '../report/result.js';

export interface CommandIO {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  stdin: NodeJS.ReadableStream;
  cwd: string;
}

/** The options that shape the config: the file, dive's CI file, and the flags that override it. */
export interface ConfigArgs {
  config?: string;
  ciConfig?: string;
  failOn?: FailOn;
  lowestEfficiency?: string;
  highestWastedBytes?: string;
  highestUserWastedPercent?: string;
}

/** What turns an analysis into a report: the config, and the Dockerfile with how it was built. */
export interface ReportSettings {
  config: ResolvedConfig;
  dockerfile?: DockerfileModel;
  target?: string;
  buildArgs?: Record<string, string>;
}

export function limitsFrom(args: { maxLayerBytes?: string; maxEntries?: number }): Limits {
  return {
    ...DEFAULT_LIMITS,
    maxLayerBytes: args.maxLayerBytes ? parseBytes(args.maxLayerBytes) : DEFAULT_LIMITS.maxLayerBytes,
    maxLayerEntries: args.maxEntries ?? DEFAULT_LIMITS.maxLayerEntries,
  };
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

export async function configFor(args: ConfigArgs, cwd: string): Promise<ResolvedConfig> {
  const config = loadConfig({ configPath: args.config, cwd });
  if (args.ciConfig) {
    const { applyDiveCi } = await import('../config/dive-ci.js');
    applyDiveCi(config, args.ciConfig);
  }
  if (args.failOn) {
    config.failOn = args.failOn;
    config.failOnSet = true;
  }
  // hadolint's and Trivy's own config files beside the Dockerfile (layerlint's own config wins)
  const { applyPeerConfigs } = await import('../config/peer-configs.js');
  applyPeerConfigs(config, cwd, config.failOnSet === true);
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

/** --target and --build-arg as the Dockerfile mapping takes them. */
export function reportSettings(
  config: ResolvedConfig,
  dockerfile: DockerfileModel | undefined,
  args: { target?: string; buildArg?: string[] },
): ReportSettings {
  return { config, dockerfile, target: args.target, buildArgs: parsePairsOption(args.buildArg, '--build-arg') };
}

export function mappingFor(analysis: ImageAnalysis, s: ReportSettings): LayerMapping | undefined {
  const model = analysis.image;
  return s.dockerfile
    ? mapHistoryToDockerfile(model.history, model.layers.length, s.dockerfile, {
        target: s.target,
        buildArgs: s.buildArgs ?? {},
      })
    : undefined;
}

/** Rules, fixes and thresholds over one analysis: everything up to presentation. */
export function reportAnalysis(analysis: ImageAnalysis, s: ReportSettings): ImageReport {
  const mapping = mappingFor(analysis, s);
  // the CI gate is evaluated once: the image-efficiency rule presents it, `off` turns both off
  const gate = gateOf(analysis.efficiency, s.config, s.dockerfile?.globalIgnores);
  let findings = runRules({ analysis, dockerfile: s.dockerfile, mapping, config: s.config, gate });
  if (s.dockerfile) findings = attachFixes(findings, s.dockerfile, { analysis, mapping });
  return buildImageReport(analysis, findings, gate, s.config.failOn, s.dockerfile, mapping);
}

/** The same from a loaded model (tests, and callers that keep no analysis). */
export function reportImage(model: ImageModel, s: ReportSettings, early?: EarlyStack): ImageReport {
  return reportAnalysis(analyzeImage(model, early), s);
}

/** The layer cache, counting the layers that had to be walked (a fresh, verified walk is stored). */
class CountingCache implements LayerCache {
  constructor(
    private readonly inner: LayerCache,
    readonly count: { walked: number } = { walked: 0 },
  ) {}
  get(diffId: string) {
    return this.inner.get(diffId);
  }
  put(walk: LayerWalk) {
    this.count.walked++;
    this.inner.put(walk);
  }
  getConfig(digest: string) {
    return this.inner.getConfig(digest);
  }
  putConfig(digest: string, bytes: Buffer) {
    this.inner.putConfig(digest, bytes);
  }
  flush() {
    return this.inner.flush();
  }
  /** The same count across the cache's namespaces (a daemon's vouched walks are walks too). */
  vouchedBy(endpoint: string): LayerCache {
    return new CountingCache(this.inner.vouchedBy(endpoint), this.count);
  }
}

export interface OpenOptions {
  stderr?: NodeJS.WriteStream;
  onLayer?: OnLayer;
}

/**
 * One run's walker pool and layer cache, shared by every image the command opens (a layer shared
 * by two images is walked once). close() when done.
 */
export class ImagePipeline {
  readonly pool: WalkPool;
  private readonly cache: CountingCache;

  constructor(
    private readonly args: ImageArgs,
    private readonly io: CommandIO,
    pool?: WalkPool,
  ) {
    this.pool = pool ?? new WalkPool(args.jobs);
    this.cache = new CountingCache(layerCacheFor(args));
  }

  /** Layers read and walked so far (not found in the layer cache). */
  get walkedLayers(): number {
    return this.cache.count.walked;
  }

  open(ref: string, extra: OpenOptions = {}): Promise<ImageModel> {
    const io = this.io;
    return openImage(ref, {
      ...this.args,
      limits: limitsFrom(this.args),
      pool: this.pool,
      layerCache: this.cache,
      ...extra,
      get stdin() {
        return io.stdin; // read only for an image on stdin or --password-stdin
      },
    });
  }

  /**
   * Open, walk (stacking layers as their walks finish, while the workers walk the rest) and
   * analyse one image. `lastImage`: give the workers' memory back before the analysis needs its own.
   */
  async analyse(ref: string, extra: OpenOptions & { lastImage?: boolean } = {}): Promise<ImageAnalysis> {
    const early = new EarlyStack();
    const onLayer = (index: number, walk: LayerWalk) => {
      early.offer(index, walk.entries);
      extra.onLayer?.(index, walk);
    };
    const model = await this.open(ref, { stderr: extra.stderr, onLayer });
    if (extra.lastImage) await this.pool.close();
    return analyzeImage(model, early);
  }

  async close(): Promise<void> {
    await this.pool.close();
    await this.cache.flush();
  }
}
