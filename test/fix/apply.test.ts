import { applyEdits, overlaps } from '../../src/fix/apply.js';
import { selectFixes } from '../../src/fix/select.js';
import type { Finding } from '../../src/model/types.js';

describe('applyEdits', () => {
  test('no edits returns the text unchanged', () => {
    expect(applyEdits('abc', [])).toEqual({ text: 'abc', applied: [], skipped: [] });
  });

  test('edits are applied by position whatever their order', () => {
    const r = applyEdits('0123456789', [
      { range: [8, 9], text: 'X' },
      { range: [0, 1], text: 'A' },
      { range: [4, 4], text: '+' },
    ]);
    expect(r.text).toBe('A123+4567X9');
    expect(r.applied.map((e) => e.range[0])).toEqual([0, 4, 8]);
  });

  test('overlapping edit is skipped and reported', () => {
    const late = { range: [3, 6] as [number, number], text: 'y' };
    const r = applyEdits('0123456789', [{ range: [2, 5], text: 'x' }, late]);
    expect(r.text).toBe('01x56789');
    expect(r.skipped).toEqual([late]);
  });

  test('insertion strictly inside a replaced range overlaps; at its ends it does not', () => {
    expect(
      applyEdits('abcdef', [
        { range: [1, 4], text: '-' },
        { range: [2, 2], text: '!' },
      ]).skipped,
    ).toHaveLength(1);
    expect(
      applyEdits('abcdef', [
        { range: [1, 4], text: '-' },
        { range: [1, 1], text: '<' },
        { range: [4, 4], text: '>' },
      ]).text,
    ).toBe('a<->ef');
  });

  test('insertions at the same point keep their given order', () => {
    expect(
      applyEdits('ab', [
        { range: [1, 1], text: '1' },
        { range: [1, 1], text: '2' },
      ]).text,
    ).toBe('a12b');
  });

  test('adjacent replacements both apply', () => {
    expect(
      applyEdits('abcd', [
        { range: [2, 4], text: 'Y' },
        { range: [0, 2], text: 'X' },
      ]).text,
    ).toBe('XY');
  });

  test('out-of-range and inverted edits are skipped', () => {
    const r = applyEdits('abc', [
      { range: [2, 9], text: 'x' },
      { range: [2, 1], text: 'y' },
      { range: [-1, 0], text: 'z' },
    ]);
    expect(r.text).toBe('abc');
    expect(r.skipped).toHaveLength(3);
  });

  test('the input edits and text are not mutated', () => {
    const edits = [{ range: [1, 2] as [number, number], text: 'x' }];
    const copy = JSON.parse(JSON.stringify(edits));
    applyEdits('abc', edits);
    expect(edits).toEqual(copy);
  });

  test('overlaps is symmetric', () => {
    const pairs: [number, number][][] = [
      [
        [0, 2],
        [1, 3],
      ],
      [
        [0, 2],
        [2, 3],
      ],
      [
        [1, 1],
        [0, 3],
      ],
      [
        [1, 1],
        [1, 1],
      ],
    ];
    for (const [a, b] of pairs) expect(overlaps(a, b)).toBe(overlaps(b, a));
  });
});

describe('selectFixes', () => {
  const f = (ruleId: string, fix: [number, number, string][]): Finding => ({
    ruleId,
    severity: 'warning',
    message: ruleId,
    fix: fix.map(([s, e, text]) => ({ range: [s, e], text })),
  });

  test('a fix is taken whole or not at all', () => {
    const a = f('a', [[0, 2, 'x']]);
    const b = f('b', [
      [5, 5, '!'],
      [1, 3, 'y'],
    ]);
    const s = selectFixes([a, b]);
    expect(s.applied).toEqual([a]);
    expect(s.skipped).toEqual([b]);
    expect(s.edits).toEqual(a.fix);
  });

  test('identical edits from two findings are applied once', () => {
    const a = f('a', [[3, 3, ' && rm -rf /x']]);
    const b = f('b', [[3, 3, ' && rm -rf /x']]);
    const s = selectFixes([a, b]);
    expect(s.applied).toEqual([a, b]);
    expect(s.edits).toHaveLength(1);
  });

  test('restructuring fixes come after line-level ones', () => {
    const split = f('single-stage-build', [[9, 9, 'S']]);
    const line = f('apt-lists-not-removed', [[9, 9, 'L']]);
    expect(selectFixes([split, line]).edits.map((e) => e.text)).toEqual(['L', 'S']);
  });
});
