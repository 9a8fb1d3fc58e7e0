import type { Rule, ThresholdResult } from '../model/types.js';
import { percent } from '../report/format.js';
import { humanBytes, NO_OPTIONS } from './image-kit.js';

const TOP = 5;

function describe(t: ThresholdResult): string {
  switch (t.name) {
    case 'lowestEfficiency':
      return `image efficiency ${percent(t.actual, 2)} is below lowestEfficiency ${percent(t.limit, 2)}`;
    case 'highestWastedBytes':
      return `wasted bytes ${humanBytes(t.actual)} exceed highestWastedBytes ${humanBytes(t.limit)}`;
    case 'highestUserWastedPercent':
      return `wasted bytes are ${percent(t.actual, 2)} of the user layers, above highestUserWastedPercent ${percent(t.limit, 2)}`;
  }
}

/**
 * dive's CI gate as a finding, so failed thresholds show in every report. The gate is evaluated
 * once per image by the engine (engine/thresholds.ts gateOf, from the config, .dive-ci or flags);
 * this rule only presents it: ONE finding naming every failed threshold (they all measure the
 * same wasted bytes), with dive's figures and the paths that waste the most. `off` turns the gate
 * off as well.
 *
 * data: thresholds ([{ threshold, limit, actual }], the failed ones), wastedBytes, topPaths
 * ([{ path, count, cumulativeSize }]).
 */
export const rule: Rule = {
  id: 'image-efficiency',
  meta: {
    description: "dive's CI thresholds (lowest efficiency, highest wasted bytes / user wasted percent) as findings",
    category: 'size',
    defaultSeverity: 'error',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/image-efficiency.md',
    schema: NO_OPTIONS,
    defaultOptions: {},
  },
  check(ctx) {
    const efficiency = ctx.analysis?.efficiency;
    if (!efficiency) return [];
    const failed = ctx.gate.filter((t) => !t.passed);
    if (failed.length === 0) return [];
    const { dive } = efficiency;
    const topPaths = dive.inefficientPaths
      .slice(0, TOP)
      .map((p) => ({ path: p.path, count: p.count, cumulativeSize: p.cumulativeSize }));
    const most = topPaths
      .slice(0, 3)
      .map((p) => p.path)
      .join(', ');
    return [
      {
        message: `${failed.map(describe).join('; ')} (wasted ${humanBytes(dive.wastedBytes)}${most ? `; most: ${most}` : ''})`,
        bytes: dive.wastedBytes,
        data: {
          thresholds: failed.map((t) => ({ threshold: t.name, limit: t.limit, actual: t.actual })),
          wastedBytes: dive.wastedBytes,
          topPaths,
        },
        suggestion:
          'See the deleted-but-shipped, overwritten-file and duplicate-content findings for the layers that waste bytes.',
      },
    ];
  },
};
export default rule;
