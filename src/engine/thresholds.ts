import type { ResolvedConfig } from '../config/types.js';
import type { Efficiency, ThresholdResult, Thresholds } from '../model/types.js';

/**
 * The CI gate of one image, evaluated once per run: the report's verdict reads it and the
 * image-efficiency finding presents it. `image-efficiency: off` turns the gate off too.
 */
export function gateOf(
  efficiency: Efficiency,
  config: ResolvedConfig,
  globalIgnores: string[] = [],
): ThresholdResult[] {
  if (config.severities['image-efficiency'] === 'off' || globalIgnores.includes('image-efficiency')) return [];
  return evaluateThresholds(efficiency, config.thresholds);
}

/** dive's CI rules: fail when efficiency < lowest, wasted > highest, user-wasted% > highest. */
export function evaluateThresholds(efficiency: Efficiency, thresholds: Thresholds): ThresholdResult[] {
  const { dive } = efficiency;
  const out: ThresholdResult[] = [];
  if (thresholds.lowestEfficiency !== undefined) {
    out.push({
      name: 'lowestEfficiency',
      limit: thresholds.lowestEfficiency,
      actual: dive.efficiency,
      passed: dive.efficiency >= thresholds.lowestEfficiency,
    });
  }
  if (thresholds.highestWastedBytes !== undefined) {
    out.push({
      name: 'highestWastedBytes',
      limit: thresholds.highestWastedBytes,
      actual: dive.wastedBytes,
      passed: dive.wastedBytes <= thresholds.highestWastedBytes,
    });
  }
  if (thresholds.highestUserWastedPercent !== undefined) {
    out.push({
      name: 'highestUserWastedPercent',
      limit: thresholds.highestUserWastedPercent,
      actual: dive.userWastedPercent,
      // dive's test is `value > limit`: +Inf fails, NaN passes (see DiveMetrics.userWastedPercentReason)
      passed: !(dive.userWastedPercent > thresholds.highestUserWastedPercent),
    });
  }
  return out;
}
