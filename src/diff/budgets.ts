// The CI gate of a comparison: growth, absolute size, new waste and new findings. Pure: the
// verdict names each budget that failed and by how much.
import { parseBytes } from '../config/load.js';
import type { BudgetSettings } from '../config/types.js';
import { LayerlintError } from '../errors.js';
import { humanBytes } from '../report/format.js';
import type { BudgetResult, Budgets, FindingDiff, TotalDelta } from './types.js';
import { SEVERITY_RANK } from './types.js';

/** "5%" is a ratio of BASE's size; "20MB" (or a number of bytes) an absolute growth. */
export function parseGrowth(value: string | number): { bytes?: number; ratio?: number } {
  if (typeof value === 'string' && /%\s*$/.test(value)) {
    const n = Number(value.replace(/%\s*$/, '').trim());
    if (!Number.isFinite(n) || n < 0) throw new LayerlintError(`"${value}" is not a growth (examples: 5%, 20MB)`);
    return { ratio: n / 100 };
  }
  try {
    return { bytes: parseBytes(value) };
  } catch {
    throw new LayerlintError(`"${value}" is not a growth (examples: 5%, 20MB)`);
  }
}

export function parseBudgets(s: BudgetSettings): Budgets {
  return {
    ...(s.maxGrowth !== undefined ? { maxGrowth: parseGrowth(s.maxGrowth) } : {}),
    ...(s.maxSize !== undefined ? { maxSize: parseBytes(s.maxSize) } : {}),
    ...(s.maxNewWaste !== undefined ? { maxNewWaste: parseBytes(s.maxNewWaste) } : {}),
    ...(s.failOnNew !== undefined && s.failOnNew !== 'none' ? { failOnNew: s.failOnNew } : {}),
  };
}

const signed = (bytes: number) => (bytes === 0 ? '0 B' : `${bytes < 0 ? '-' : '+'}${humanBytes(Math.abs(bytes))}`);
const pct = (ratio: number) => `${ratio < 0 ? '' : '+'}${(ratio * 100).toFixed(1)}%`;

/** Budgets on sizes need BASE's and HEAD's totals; a baseline file has none. */
export function evaluateBudgets(
  budgets: Budgets,
  totals: TotalDelta[] | undefined,
  findings: FindingDiff,
): BudgetResult[] {
  const out: BudgetResult[] = [];
  const total = (name: TotalDelta['name']) => {
    const t = totals?.find((x) => x.name === name);
    if (!t) throw new LayerlintError(`a size budget needs sizes on both sides: BASE is a baseline file without them`);
    return t;
  };
  /** A byte budget: `value` against `limit`; the messages name what was measured. */
  const bytesBudget = (
    name: BudgetResult['name'],
    value: number,
    limit: number,
    text: { actual: string; limit: string; passed: string; failed: string },
  ) => {
    const passed = value <= limit;
    out.push({
      name,
      limit: text.limit,
      actual: text.actual,
      passed,
      over: passed ? undefined : value - limit,
      message: passed ? text.passed : `${text.failed}: ${humanBytes(value - limit)} over`,
    });
  };
  if (budgets.maxGrowth) {
    const { bytes, ratio } = budgets.maxGrowth;
    const t = total('size');
    const limitBytes = bytes ?? Math.floor((ratio ?? 0) * t.base);
    const limit = bytes !== undefined ? humanBytes(bytes) : `${((ratio ?? 0) * 100).toFixed(4).replace(/\.?0+$/, '')}%`;
    const growth = `${signed(t.delta)}${t.ratio !== undefined ? ` (${pct(t.ratio)})` : ''}`;
    bytesBudget('maxGrowth', t.delta, limitBytes, {
      actual: growth,
      limit,
      passed: `size ${growth}, within the growth budget of ${limit}`,
      failed: `size grew ${growth}, budget ${limit}${ratio !== undefined ? ` (${humanBytes(limitBytes)})` : ''}`,
    });
  }
  if (budgets.maxSize !== undefined) {
    const t = total('size');
    const [size, limit] = [humanBytes(t.head), humanBytes(budgets.maxSize)];
    bytesBudget('maxSize', t.head, budgets.maxSize, {
      actual: size,
      limit,
      passed: `size ${size}, within the size budget of ${limit}`,
      failed: `size ${size}, budget ${limit}`,
    });
  }
  if (budgets.maxNewWaste !== undefined) {
    const t = total('waste');
    const limit = humanBytes(budgets.maxNewWaste);
    bytesBudget('maxNewWaste', t.delta, budgets.maxNewWaste, {
      actual: signed(t.delta),
      limit,
      passed: `waste ${signed(t.delta)}, within the new-waste budget of ${limit}`,
      failed: `waste grew ${signed(t.delta)} (deleted-but-shipped + overwritten + duplicates), budget ${limit}`,
    });
  }
  if (budgets.failOnNew && budgets.failOnNew !== 'none') {
    const floor = SEVERITY_RANK[budgets.failOnNew];
    const hits = findings.new.filter((f) => SEVERITY_RANK[f.severity] <= floor);
    const passed = hits.length === 0;
    const what = budgets.failOnNew === 'error' ? 'error' : `${budgets.failOnNew} or worse`;
    out.push({
      name: 'failOnNew',
      limit: budgets.failOnNew,
      actual: String(hits.length),
      passed,
      over: passed ? undefined : hits.length,
      message: passed
        ? `no new finding at ${what}`
        : `${hits.length} new finding${hits.length === 1 ? '' : 's'} at ${what}: ${[...new Set(hits.map((f) => f.ruleId))].join(', ')}`,
    });
  }
  return out;
}
