// What `layerlint diff BASE HEAD` finds: the result every diff reporter reads. Versioned:
// schemas/diff.schema.json describes it.
import type { PackageUsage } from '../analyzers/packages/index.js';
import type { FailOn } from '../config/types.js';
import type { Finding, Severity } from '../model/types.js';
import type { DockerfileSummary, FileRow, ImageReport, LayerSummary } from '../report/result.js';
import type { PackageDiff } from './packages.js';

export const DIFF_SCHEMA_VERSION = '1.0';

/** One side of a comparison, from a live analysis or a saved result. */
export interface DiffSide {
  ref: string;
  source: string;
  /** 'image': analysed in this run; 'result': a saved `analyze --format json`; 'baseline': fingerprints only */
  from: 'image' | 'result' | 'baseline';
  platform?: string;
  configDigest?: string;
  /** absent for a baseline file */
  totals?: Totals;
  layers?: LayerSummary[];
  files?: FileRow[];
  /** the packages of the image (analyzers/packages), when its side carries them */
  packages?: PackageUsage[];
  findings: Finding[];
  dockerfile?: DockerfileSummary;
  /** layers read and walked in this run (not from the layer cache); 0 for a saved result */
  walkedLayers: number;
  /** the whole report (not in the diff's JSON): SARIF and annotations are made from HEAD's */
  report?: ImageReport;
}

export interface Totals {
  size: number; // dive's image size: regular-file bytes of every layer
  tarSize: number; // uncompressed layer tars
  compressedSize?: number; // layer blobs as stored, when every layer's is known and compressed
  finalSize: number; // bytes in the final filesystem
  files?: number; // regular files in the final filesystem (absent in a result of schema 1.0)
  layers: number;
  efficiency: number; // dive's
  correctedEfficiency: number;
  wastedBytes: number; // dive's
  reclaimableBytes: number; // corrected: removed + overwritten copies
  waste: number; // deleted-but-shipped + overwritten + duplicates (what --max-new-waste watches)
}

export type TotalName = keyof Totals;

export interface TotalDelta {
  name: TotalName;
  base: number;
  head: number;
  delta: number;
  /** delta / base; absent when base is 0 */
  ratio?: number;
}

export interface LayerRow {
  diffId: string;
  size: number;
  blobSize?: number;
  instruction?: string; // the Dockerfile line, else the history entry
  baseIndex?: number;
  headIndex?: number;
}

export interface LayerDiff {
  shared: LayerRow[];
  added: LayerRow[];
  removed: LayerRow[];
}

export type FileChange = 'added' | 'removed' | 'grown' | 'shrunk' | 'changed' | 'metadata';

export interface FileDelta {
  path: string;
  change: FileChange;
  baseSize: number;
  headSize: number;
  delta: number;
  /** for metadata: what changed, e.g. "mode 644 -> 600", "owner 0:0 -> 1000:1000" */
  detail?: string;
}

/** A directory's changes summed (or one file's, when `file`), largest |delta| first. */
export interface FileGroup {
  path: string; // a directory ends with "/"
  file: boolean;
  counts: Record<FileChange, number>;
  delta: number;
  added: number; // bytes in added and grown files
  removed: number; // bytes in removed and shrunk files
}

export interface FileDiff {
  counts: Record<FileChange, number>;
  delta: number;
  groups: FileGroup[];
  /** every change under the directories asked for with --paths, largest first */
  paths?: FileDelta[];
}

export interface FindingDiff {
  new: Finding[];
  fixed: Finding[];
  unchanged: Finding[];
  updated: Finding[];
}

export type BudgetName = 'maxGrowth' | 'maxSize' | 'maxNewWaste' | 'failOnNew';

export interface Budgets {
  maxGrowth?: { bytes?: number; ratio?: number };
  maxSize?: number;
  maxNewWaste?: number;
  failOnNew?: FailOn;
}

export interface BudgetResult {
  name: BudgetName;
  limit: string; // as the user wrote it: "5%", "20 MB", "warning"
  actual: string;
  passed: boolean;
  /** what a person reads: "grew 412 kB (+83.1%), budget 5%: 387 kB over" */
  message: string;
  /** how far over (bytes, or new findings) */
  over?: number;
}

export interface DiffResult {
  schemaVersion: string;
  tool: { name: 'layerlint'; version: string };
  base: Omit<DiffSide, 'findings' | 'files' | 'layers' | 'packages'> & { hasFiles: boolean };
  head: Omit<DiffSide, 'findings' | 'files' | 'layers' | 'packages'> & { hasFiles: boolean };
  totals?: TotalDelta[];
  layers?: LayerDiff;
  files?: FileDiff;
  /** packages added, removed, upgraded: when both sides carry packages */
  packages?: PackageDiff;
  /** why a section is missing, e.g. "BASE is a saved result without files (analyze --files)" */
  notes: string[];
  findings: FindingDiff;
  budgets: BudgetResult[];
  verdict: { passed: boolean; text: string };
  exitCode: 0 | 1;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };
