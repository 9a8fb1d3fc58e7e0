import { evaluateBudgets, parseBudgets, parseGrowth } from '../../src/diff/budgets.js';
import type { FindingDiff, TotalDelta } from '../../src/diff/types.js';

const totals = (base: number, head: number, wasteBase = 0, wasteHead = 0): TotalDelta[] => [
  { name: 'size', base, head, delta: head - base, ratio: (head - base) / base },
  { name: 'waste', base: wasteBase, head: wasteHead, delta: wasteHead - wasteBase },
];
const none: FindingDiff = { new: [], fixed: [], unchanged: [], updated: [] };

test('growth is a percentage or a size', () => {
  expect(parseGrowth('5%')).toEqual({ ratio: 0.05 });
  expect(parseGrowth('20MB')).toEqual({ bytes: 20_000_000 });
  expect(parseGrowth(1000)).toEqual({ bytes: 1000 });
  expect(() => parseGrowth('x%')).toThrow('is not a growth');
  expect(() => parseGrowth('big')).toThrow('"big" is not a growth (examples: 5%, 20MB)');
});

test('each budget passes at its limit and fails one past it, saying by how much', () => {
  const b = parseBudgets({ maxGrowth: '10%', maxSize: '1100', maxNewWaste: '50', failOnNew: 'warning' });
  const ok = evaluateBudgets(b, totals(1000, 1100, 0, 50), none);
  expect(ok.map((r) => [r.name, r.passed])).toEqual([
    ['maxGrowth', true],
    ['maxSize', true],
    ['maxNewWaste', true],
    ['failOnNew', true],
  ]);
  const bad = evaluateBudgets(b, totals(1000, 1101, 0, 51), {
    ...none,
    new: [{ ruleId: 'x', severity: 'warning', message: 'm' }],
  });
  expect(bad.map((r) => [r.name, r.passed, r.over])).toEqual([
    ['maxGrowth', false, 1],
    ['maxSize', false, 1],
    ['maxNewWaste', false, 1],
    ['failOnNew', false, 1],
  ]);
  expect(bad[0]?.message).toBe('size grew +101 B (+10.1%), budget 10% (100 B): 1 B over');
  expect(bad[3]?.message).toBe('1 new finding at warning or worse: x');
});

test('notes do not fail --fail-on-new warning; none turns it off; size budgets need sizes', () => {
  const note: FindingDiff = { ...none, new: [{ ruleId: 'n', severity: 'note', message: 'm' }] };
  expect(evaluateBudgets(parseBudgets({ failOnNew: 'warning' }), undefined, note)[0]?.passed).toBe(true);
  expect(evaluateBudgets(parseBudgets({ failOnNew: 'none' }), undefined, note)).toEqual([]);
  expect(() => evaluateBudgets(parseBudgets({ maxSize: 1 }), undefined, none)).toThrow('needs sizes on both sides');
});
