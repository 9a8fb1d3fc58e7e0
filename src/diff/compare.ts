// `layerlint diff`: two sides (live or saved) -> totals, layers, files, findings, budgets, verdict.
// Pure: every input is already loaded.

import { instructionOfCreatedBy } from '../report/fingerprint.js';
import { humanBytes } from '../report/format.js';
import type { ImageReport, LayerSummary } from '../report/result.js';
import { evaluateBudgets } from './budgets.js';
import { compareFiles } from './files.js';
import { compareFindings } from './findings.js';
import { comparePackages } from './packages.js';
import {
  type Budgets,
  DIFF_SCHEMA_VERSION,
  type DiffResult,
  type DiffSide,
  type LayerDiff,
  type LayerRow,
  type TotalDelta,
  type Totals,
} from './types.js';

export function totalsOf(image: ImageReport): Totals {
  const { dive, corrected } = image.metrics;
  const blobs = image.layers.map((l) => (l.compression !== 'none' ? l.blobSize : undefined));
  const compressedKnown = image.layers.length > 0 && blobs.every((b) => b !== undefined);
  return {
    size: dive.imageSize,
    tarSize: image.layers.reduce((a, l) => a + l.tarSize, 0),
    ...(compressedKnown ? { compressedSize: blobs.reduce((a: number, b) => a + (b ?? 0), 0) } : {}),
    finalSize: corrected.finalSize,
    ...(image.fileCount !== undefined ? { files: image.fileCount } : {}),
    layers: image.layers.length,
    efficiency: dive.efficiency,
    correctedEfficiency: corrected.efficiency,
    wastedBytes: dive.wastedBytes,
    reclaimableBytes: corrected.reclaimableBytes,
    waste: corrected.deletedButShippedBytes + corrected.overwrittenBytes + corrected.duplicateBytes,
  };
}

const TOTAL_ORDER: (keyof Totals)[] = [
  'size',
  'compressedSize',
  'tarSize',
  'finalSize',
  'files',
  'layers',
  'efficiency',
  'correctedEfficiency',
  'wastedBytes',
  'reclaimableBytes',
  'waste',
];

export function compareTotals(base: Totals, head: Totals): TotalDelta[] {
  const out: TotalDelta[] = [];
  for (const name of TOTAL_ORDER) {
    const b = base[name];
    const h = head[name];
    if (b === undefined || h === undefined) continue;
    const delta = h - b;
    out.push({ name, base: b, head: h, delta, ...(b !== 0 ? { ratio: delta / b } : {}) });
  }
  return out;
}

function layerRow(l: LayerSummary, side: 'baseIndex' | 'headIndex'): LayerRow {
  return {
    diffId: l.diffId,
    size: l.size,
    ...(l.blobSize !== undefined && l.compression !== 'none' ? { blobSize: l.blobSize } : {}),
    ...(l.instruction || l.createdBy
      ? { instruction: l.instruction ?? instructionOfCreatedBy(l.createdBy as string).slice(0, 200) }
      : {}),
    [side]: l.index,
  };
}

/** Layers matched by diffID (content), in HEAD's order; a layer twice in an image matches twice. */
export function compareLayers(base: LayerSummary[], head: LayerSummary[]): LayerDiff {
  const pool = new Map<string, LayerSummary[]>();
  for (const l of base) pool.set(l.diffId, [...(pool.get(l.diffId) ?? []), l]);
  const shared: LayerRow[] = [];
  const added: LayerRow[] = [];
  for (const h of head) {
    const b = pool.get(h.diffId)?.shift();
    if (b) shared.push({ ...layerRow(h, 'headIndex'), baseIndex: b.index });
    else added.push(layerRow(h, 'headIndex'));
  }
  const removed = [...pool.values()].flat().map((l) => layerRow(l, 'baseIndex'));
  removed.sort((a, b) => (a.baseIndex ?? 0) - (b.baseIndex ?? 0));
  return { shared, added, removed };
}

export interface CompareOptions {
  budgets: Budgets;
  /** directories whose file changes are listed one by one ("/" for all) */
  paths?: string[];
  version: string;
}

function describe(side: DiffSide): DiffResult['base'] {
  const { findings: _f, files, layers: _l, dockerfile: _d, report: _r, packages: _p, ...rest } = side;
  return { ...rest, hasFiles: files !== undefined };
}

export function compareSides(base: DiffSide, head: DiffSide, opts: CompareOptions): DiffResult {
  const notes: string[] = [];
  const totals = base.totals && head.totals ? compareTotals(base.totals, head.totals) : undefined;
  if (!totals) notes.push(`sizes: ${base.totals ? 'HEAD' : 'BASE'} is a baseline file (findings only)`);
  const layers = base.layers && head.layers ? compareLayers(base.layers, head.layers) : undefined;
  let files: DiffResult['files'];
  if (base.files && head.files) files = compareFiles(base.files, head.files, opts.paths);
  else if (base.from !== 'baseline')
    notes.push('files: BASE is a saved result without its file list (write it with `layerlint analyze --files`)');
  const packages = base.packages && head.packages ? comparePackages(base.packages, head.packages) : undefined;
  const { diff: findings } = compareFindings(base.findings, head.findings);
  const budgets = evaluateBudgets(opts.budgets, totals, findings);
  const failed = budgets.filter((b) => !b.passed);
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    tool: { name: 'layerlint', version: opts.version },
    base: describe(base),
    head: describe(head),
    ...(totals ? { totals } : {}),
    ...(layers ? { layers } : {}),
    ...(files ? { files } : {}),
    ...(packages ? { packages } : {}),
    notes,
    findings,
    budgets,
    verdict: { passed: failed.length === 0, text: verdictText(totals, findings, failed) },
    exitCode: failed.length === 0 ? 0 : 1,
  };
}

function verdictText(
  totals: TotalDelta[] | undefined,
  findings: DiffResult['findings'],
  failed: DiffResult['budgets'],
): string {
  const size = totals?.find((t) => t.name === 'size');
  const grew = size
    ? `${size.delta === 0 ? 'same size' : `${size.delta > 0 ? '+' : '-'}${humanBytes(Math.abs(size.delta))}${size.ratio !== undefined ? ` (${size.ratio > 0 ? '+' : ''}${(size.ratio * 100).toFixed(1)}%)` : ''}`}, `
    : '';
  const counts = `${findings.new.length} new, ${findings.fixed.length} fixed finding${findings.fixed.length === 1 ? '' : 's'}`;
  if (failed.length === 0) return `passed: ${grew}${counts}`;
  return `failed: ${failed.map((b) => b.message).join('; ')} (${counts})`;
}
