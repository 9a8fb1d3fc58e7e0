// Words and numbers every diff format shares.
import type { FileChange, FileGroup, TotalDelta, TotalName } from '../../diff/types.js';
import { humanBytes, percent } from '../../report/format.js';

export const TOTAL_LABEL: Record<TotalName, string> = {
  size: 'image size',
  compressedSize: 'compressed',
  tarSize: 'layer tars',
  finalSize: 'final filesystem',
  files: 'files',
  layers: 'layers',
  efficiency: 'efficiency (dive)',
  correctedEfficiency: 'efficiency (corrected)',
  wastedBytes: 'wasted (dive)',
  reclaimableBytes: 'reclaimable',
  waste: 'waste (deleted + overwritten + duplicates)',
};

const COUNTS: ReadonlySet<TotalName> = new Set(['files', 'layers']);
const RATIOS: ReadonlySet<TotalName> = new Set(['efficiency', 'correctedEfficiency']);

export function totalValue(name: TotalName, v: number): string {
  if (COUNTS.has(name)) return String(v);
  if (RATIOS.has(name)) return percent(v, 2);
  return humanBytes(v);
}

export function signedBytes(delta: number): string {
  if (delta === 0) return '0 B';
  return `${delta > 0 ? '+' : '-'}${humanBytes(Math.abs(delta))}`;
}

/** "+300 kB (+60.0%)", "+1", "-2.10 pts" for efficiencies. */
export function totalDelta(t: TotalDelta): string {
  if (RATIOS.has(t.name)) {
    const pts = (t.delta * 100).toFixed(2);
    return t.delta === 0 ? '0' : `${t.delta > 0 ? '+' : ''}${pts} pts`;
  }
  const abs = COUNTS.has(t.name) ? `${t.delta > 0 ? '+' : ''}${t.delta}` : signedBytes(t.delta);
  if (t.delta === 0) return COUNTS.has(t.name) ? '0' : '0 B';
  return t.ratio !== undefined ? `${abs} (${t.ratio > 0 ? '+' : ''}${(t.ratio * 100).toFixed(1)}%)` : abs;
}

const CHANGE_WORD: Record<FileChange, string> = {
  added: 'added',
  removed: 'removed',
  grown: 'grown',
  shrunk: 'shrunk',
  changed: 'changed',
  metadata: 'mode/owner only',
};

/** "3 added, 1 grown" */
export function changeCounts(counts: Record<FileChange, number>): string {
  const parts = (Object.keys(CHANGE_WORD) as FileChange[])
    .filter((c) => counts[c] > 0)
    .map((c) => `${counts[c]} ${CHANGE_WORD[c]}`);
  return parts.length > 0 ? parts.join(', ') : 'no change';
}

/** A group's one-line description: a file's change, or a directory's counts. */
export function groupWhat(g: FileGroup): string {
  if (g.file) {
    const c = (Object.keys(g.counts) as FileChange[]).find((k) => g.counts[k] > 0);
    return c ? CHANGE_WORD[c] : '';
  }
  return changeCounts(g.counts);
}

export function shortDiffId(diffId: string): string {
  return diffId.replace(/^sha256:/, '').slice(0, 12);
}
