// The size figures every output shows, defined once: the tty and markdown reports, the explorer,
// `--help` and docs read their names and one-line meanings from here, and their values from
// figuresOf(), so no output can show a total that is not the sum of the parts it shows.
import { humanBytes, percent } from './format.js';
import type { ImageReport } from './result.js';

export type FigureName =
  | 'size'
  | 'efficiency'
  | 'wasted'
  | 'deleted but shipped'
  | 'overwritten'
  | 'duplicates'
  | 'reclaimable'
  | 'dive efficiency'
  | 'dive wasted';

/** Each figure's one-line meaning, in the order a report shows them. */
export const FIGURE_MEANINGS: Readonly<Record<FigureName, string>> = {
  size: 'bytes of the regular files in all layers (what dive calls the image size)',
  efficiency: 'final filesystem bytes / size: rises as wasted bytes go; duplicates do not lower it',
  wasted: 'bytes a layer ships that a later layer deletes or overwrites = deleted but shipped + overwritten',
  'deleted but shipped': 'bytes a later layer deletes (whiteouts, parent directories, opaque directories)',
  overwritten: 'bytes a later layer replaces, a chmod/chown included (it ships the file again)',
  duplicates: 'extra copies of identical content (sha256) in the final filesystem',
  reclaimable: 'wasted + duplicates: what a better build can save',
  'dive efficiency': "dive's score, exact: per path the smallest size over all sizes shipped",
  'dive wasted': "dive's figure: every size of a path shipped by 2+ layers, the kept copy included",
};

export interface Figures {
  size: number;
  finalSize: number;
  efficiency: number;
  wasted: number;
  deletedButShipped: number;
  overwritten: number;
  duplicates: number;
  reclaimable: number;
  diveEfficiency: number;
  diveWasted: number;
  diveUserWastedPercent: number;
  /** why diveUserWastedPercent is +Inf or NaN (no user bytes), and what dive's gate concludes */
  diveUserWastedPercentReason?: string;
}

/** The figures of one image, from its metrics: the only place reporters take them from. */
export function figuresOf(image: ImageReport): Figures {
  const { dive, corrected } = image.metrics;
  return {
    size: corrected.imageSize,
    finalSize: corrected.finalSize,
    efficiency: corrected.efficiency,
    wasted: corrected.wastedBytes,
    deletedButShipped: corrected.deletedButShippedBytes,
    overwritten: corrected.overwrittenBytes,
    duplicates: corrected.duplicateBytes,
    reclaimable: corrected.reclaimableBytes,
    diveEfficiency: dive.efficiency,
    diveWasted: dive.wastedBytes,
    diveUserWastedPercent: dive.userWastedPercent,
    ...(dive.userWastedPercentReason ? { diveUserWastedPercentReason: dive.userWastedPercentReason } : {}),
  };
}

/** The definitions, one a line ("name: meaning"), for `--help` and docs. */
export function figureGlossary(indent = '  '): string {
  return Object.entries(FIGURE_MEANINGS)
    .map(([name, meaning]) => `${indent}${name}: ${meaning}`)
    .join('\n');
}

/**
 * The figures as the reports print them, one line each, every total beside the parts it is the
 * sum of (values are rounded for display; JSON carries the exact bytes).
 */
export function figureLines(f: Figures): string[] {
  return [
    `efficiency ${percent(f.efficiency, 2)} (final ${humanBytes(f.finalSize)} of ${humanBytes(f.size)}) · dive efficiency ${percent(f.diveEfficiency, 2)}`,
    `wasted ${humanBytes(f.wasted)} = deleted but shipped ${humanBytes(f.deletedButShipped)} + overwritten ${humanBytes(f.overwritten)}`,
    `reclaimable ${humanBytes(f.reclaimable)} = wasted ${humanBytes(f.wasted)} + duplicates ${humanBytes(f.duplicates)}`,
    `dive wasted ${humanBytes(f.diveWasted)} (${f.diveUserWastedPercentReason ?? `${percent(f.diveUserWastedPercent)} of user size`}; kept copies included)`,
  ];
}
