// The one result object every reporter reads. Versioned: schemas/result.schema.json describes it.
import type { DockerfileModel, LayerMapping } from '../analyzers/dockerfile/types.js';
import type { FailOn } from '../config/types.js';
import type {
  CorrectedMetrics,
  DiveMetrics,
  DuplicateGroup,
  Finding,
  ImageAnalysis,
  ThresholdResult,
} from '../model/types.js';

export const RESULT_SCHEMA_VERSION = '1.0';

export interface LayerSummary {
  index: number;
  digest?: string;
  diffId: string;
  mediaType?: string;
  compression: string;
  blobSize?: number;
  size: number; // regular-file bytes (dive's layer size)
  tarSize: number;
  fileCount: number;
  createdBy?: string;
  emptyLayer?: boolean;
  dockerfileLine?: number;
  instruction?: string; // the Dockerfile instruction's first line, when mapped
  wastedBytes: number; // bytes this layer ships that later layers hide (removed or overwritten)
}

export interface WasteItem {
  path: string;
  bytes: number;
  layer: number; // layer that shipped the bytes
  byLayer: number; // layer that hid them
  how: 'whiteout' | 'parent' | 'opaque' | 'overwritten' | 'metadata-only';
}

export interface ImageReport {
  ref: string;
  source: string;
  format: string;
  platform: string;
  manifestDigest?: string;
  configDigest?: string;
  repoTags?: string[];
  notices: string[];
  config: {
    user?: string;
    exposedPorts: string[];
    entrypoint?: string[] | null;
    cmd?: string[] | null;
    workingDir?: string;
    healthcheck: boolean;
  };
  layers: LayerSummary[];
  metrics: { dive: DiveMetrics; corrected: CorrectedMetrics };
  waste: WasteItem[]; // largest first
  duplicates: DuplicateGroup[];
  findings: Finding[];
  thresholds: ThresholdResult[];
  dockerfile?: { path: string; targetStage: number; unmappedLayers: number[] };
  passed: boolean;
}

export interface RunResult {
  schemaVersion: string;
  tool: { name: 'layerlint'; version: string };
  failOn: FailOn;
  images: ImageReport[];
  /** findings of a Dockerfile linted without an image */
  dockerfileFindings?: Finding[];
  sharedLayers?: { diffId: string; size: number; images: string[] }[];
  exitCode: 0 | 1;
}

const FAIL_RANK: Record<FailOn, number> = { error: 0, warning: 1, note: 2, none: -1 };
const SEV_RANK = { error: 0, warning: 1, note: 2 } as const;

export function failsGate(findings: Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return findings.some((f) => SEV_RANK[f.severity] <= FAIL_RANK[failOn]);
}

export function buildImageReport(
  analysis: ImageAnalysis,
  findings: Finding[],
  thresholds: ThresholdResult[],
  failOn: FailOn,
  dockerfile?: DockerfileModel,
  mapping?: LayerMapping,
): ImageReport {
  const { image, stack, efficiency } = analysis;
  const wastedPerLayer = new Array<number>(image.layers.length).fill(0);
  const waste: WasteItem[] = [];
  for (const r of stack.removals) {
    if (r.entry.kind !== 'file' || r.entry.size === 0) continue;
    wastedPerLayer[r.createdLayer] += r.entry.size;
    waste.push({ path: r.path, bytes: r.entry.size, layer: r.createdLayer, byLayer: r.removedLayer, how: r.by });
  }
  for (const o of stack.overwrites) {
    if (o.entry.size === 0) continue;
    wastedPerLayer[o.layer] += o.entry.size;
    waste.push({ path: o.path, bytes: o.entry.size, layer: o.layer, byLayer: o.byLayer, how: o.metadataOnly ? 'metadata-only' : 'overwritten' });
  }
  waste.sort((a, b) => b.bytes - a.bytes || a.layer - b.layer || (a.path < b.path ? -1 : 1));
  const cfg = image.config.config ?? {};
  const layers: LayerSummary[] = image.layers.map((l) => {
    const line = mapping?.layerLines[l.index];
    const instruction = line === undefined ? undefined : dockerfile?.instructions.find((i) => i.range.line === line);
    return {
      index: l.index,
      digest: l.digest,
      diffId: l.diffId,
      mediaType: l.mediaType,
      compression: l.compression,
      blobSize: l.blobSize,
      size: l.size,
      tarSize: l.tarSize,
      fileCount: l.entries.length,
      createdBy: l.createdBy,
      dockerfileLine: line,
      instruction: instruction ? `${instruction.keyword} ${instruction.args}`.slice(0, 200) : undefined,
      wastedBytes: wastedPerLayer[l.index],
    };
  });
  return {
    ref: image.ref,
    source: image.source,
    format: image.format,
    platform: image.platform,
    manifestDigest: image.manifestDigest,
    configDigest: image.configDigest,
    repoTags: image.repoTags,
    notices: image.notices,
    config: {
      user: cfg.User || undefined,
      exposedPorts: Object.keys(cfg.ExposedPorts ?? {}),
      entrypoint: cfg.Entrypoint,
      cmd: cfg.Cmd,
      workingDir: cfg.WorkingDir || undefined,
      healthcheck: Boolean(cfg.Healthcheck?.Test?.length && cfg.Healthcheck.Test[0] !== 'NONE'),
    },
    layers,
    metrics: { dive: efficiency.dive, corrected: efficiency.corrected },
    waste,
    duplicates: efficiency.duplicates,
    findings,
    thresholds,
    dockerfile: dockerfile
      ? {
          path: dockerfile.path,
          targetStage: mapping?.targetStage ?? dockerfile.stages.length - 1,
          unmappedLayers: layers.filter((l) => l.dockerfileLine === undefined).map((l) => l.index),
        }
      : undefined,
    passed: !failsGate(findings, failOn) && thresholds.every((t) => t.passed),
  };
}
