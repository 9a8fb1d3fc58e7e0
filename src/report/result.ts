// The one result object every reporter reads. Versioned: schemas/result.schema.json describes it.

import { createHash } from 'node:crypto';
import type { DockerfileModel, LayerMapping } from '../analyzers/dockerfile/types.js';
import type { PackageReport } from '../analyzers/packages/index.js';
import type { FailOn } from '../config/types.js';
import type {
  CorrectedMetrics,
  DiveMetrics,
  DuplicateGroup,
  Finding,
  ImageAnalysis,
  ThresholdResult,
} from '../model/types.js';
import { withFingerprints } from './fingerprint.js';

export const RESULT_SCHEMA_VERSION = '1.2'; // 1.1: packages; 1.2: fingerprints, baselines, files

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
  created?: string; // the history entry's time (RFC 3339), when the image records one
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

/** One Dockerfile instruction, enough for reporters to place, quote and fingerprint findings. */
export interface InstructionSummary {
  index: number;
  keyword: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number; // exclusive, like SARIF
  start: number; // offsets into the Dockerfile text (UTF-16 code units)
  end: number;
  stage: number;
  text: string; // "KEYWORD args" on one line, at most 200 characters
  textHash: string; // sha256 (hex, 16 chars) of the full "KEYWORD args": stable when other lines move
}

export interface DockerfileSummary {
  path: string; // as given by the user
  targetStage: number;
  unmappedLayers: number[];
  instructions?: InstructionSummary[];
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
  /** regular files in the final filesystem */
  fileCount?: number;
  /** the final filesystem, when asked for (analyze --files): what `layerlint diff` compares files with */
  files?: FileRow[];
  /** which package owns which bytes (analyzers/packages) */
  packages?: PackageReport;
  findings: Finding[];
  /** with a baseline: its findings this image no longer has (baselineState "absent") */
  absentFindings?: Finding[];
  thresholds: ThresholdResult[];
  dockerfile?: DockerfileSummary;
  passed: boolean;
}

/** One final-filesystem entry: [path, kind, size, mode, uid, gid, content digest (regular files)]. */
export type FileRow = [
  path: string,
  kind: string,
  size: number,
  mode: number,
  uid: number,
  gid: number,
  digest?: string,
];

export interface RunResult {
  schemaVersion: string;
  tool: { name: 'layerlint'; version: string };
  failOn: FailOn;
  images: ImageReport[];
  /** findings of a Dockerfile linted without an image */
  dockerfileFindings?: Finding[];
  /** the Dockerfile of a run without an image (images carry their own in ImageReport.dockerfile) */
  dockerfile?: DockerfileSummary;
  sharedLayers?: SharedLayer[];
  /** per image, like `docker system df -v`: bytes it shares with the other images and bytes only it has */
  sharing?: ImageSharing[];
  /** with --baseline: what the findings were compared with, and how many are new */
  baseline?: { ref: string; from: string; new: number; unchanged: number; updated: number; absent: number };
  /** images named on the command line that could not be read (the run exits 2) */
  unreadable?: UnreadableImage[];
  exitCode: 0 | 1 | 2;
}

export interface UnreadableImage {
  ref: string;
  error: string; // the one-line reason, as printed on stderr
}

/** A layer (by diffID) that two or more of the analysed images contain. */
export interface SharedLayer {
  diffId: string;
  size: number; // regular-file bytes, as LayerSummary.size
  tarSize?: number;
  images: string[]; // refs, in the order analysed
}

export interface ImageSharing {
  ref: string;
  size: number; // sum of its distinct layers' sizes
  sharedSize: number; // of which in layers another analysed image also has
  uniqueSize: number;
}

/** Layers shared between the analysed images, largest first, and each image's shared/unique bytes. */
export function sharedLayersOf(images: ImageReport[]): { sharedLayers: SharedLayer[]; sharing: ImageSharing[] } {
  const byDiffId = new Map<string, { size: number; tarSize: number; images: string[] }>();
  for (const image of images) {
    for (const l of image.layers) {
      const seen = byDiffId.get(l.diffId) ?? { size: l.size, tarSize: l.tarSize, images: [] };
      if (!seen.images.includes(image.ref)) seen.images.push(image.ref);
      byDiffId.set(l.diffId, seen);
    }
  }
  const sharedLayers = [...byDiffId.entries()]
    .filter(([, v]) => v.images.length > 1)
    .map(([diffId, v]) => ({ diffId, size: v.size, tarSize: v.tarSize, images: v.images }))
    .sort((a, b) => b.size - a.size || (a.diffId < b.diffId ? -1 : 1));
  const shared = new Set(sharedLayers.map((l) => l.diffId));
  const sharing = images.map((image) => {
    const distinct = new Map(image.layers.map((l) => [l.diffId, l.size]));
    let size = 0;
    let sharedSize = 0;
    for (const [diffId, bytes] of distinct) {
      size += bytes;
      if (shared.has(diffId)) sharedSize += bytes;
    }
    return { ref: image.ref, size, sharedSize, uniqueSize: size - sharedSize };
  });
  return { sharedLayers, sharing };
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
    waste.push({
      path: o.path,
      bytes: o.entry.size,
      layer: o.layer,
      byLayer: o.byLayer,
      how: o.metadataOnly ? 'metadata-only' : 'overwritten',
    });
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
      created: l.historyIndex === undefined ? undefined : image.history[l.historyIndex]?.created,
      dockerfileLine: line,
      instruction: instruction ? `${instruction.keyword} ${instruction.args}`.slice(0, 200) : undefined,
      wastedBytes: wastedPerLayer[l.index],
    };
  });
  const dockerfileSummary: DockerfileSummary | undefined = dockerfile
    ? {
        ...summarizeDockerfile(dockerfile, mapping?.targetStage),
        unmappedLayers: layers.filter((l) => l.dockerfileLine === undefined).map((l) => l.index),
      }
    : undefined;
  let fileCount = 0;
  for (const e of stack.final.values()) if (e.kind === 'file') fileCount++;
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
    fileCount,
    packages: analysis.packages,
    findings: withFingerprints(findings, { dockerfile: dockerfileSummary, layers }),
    thresholds,
    dockerfile: dockerfileSummary,
    passed: !failsGate(findings, failOn) && thresholds.every((t) => t.passed),
  };
}

/** The Dockerfile as reporters need it: path, target stage and each instruction's place and hash. */
export function summarizeDockerfile(dockerfile: DockerfileModel, targetStage?: number): DockerfileSummary {
  return {
    path: dockerfile.path,
    targetStage: targetStage ?? dockerfile.stages.length - 1,
    unmappedLayers: [],
    instructions: dockerfile.instructions.map((i) => {
      const full = `${i.keyword} ${i.args}`.replace(/\s+/g, ' ').trim();
      return {
        index: i.index,
        keyword: i.keyword,
        line: i.range.line,
        column: i.range.column,
        endLine: i.range.endLine,
        endColumn: i.range.endColumn,
        start: i.start,
        end: i.end,
        stage: i.stage,
        text: full.length > 200 ? `${full.slice(0, 199)}…` : full,
        textHash: createHash('sha256').update(full).digest('hex').slice(0, 16),
      };
    }),
  };
}
