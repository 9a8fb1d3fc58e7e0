import { planFixes } from '../../src/fix/plan.js';
import { verifyFixed } from '../../src/fix/validate.js';
import type { Finding } from '../../src/model/types.js';
import { model } from './helpers/pipeline.js';

const finding = (ruleId: string, fix: [number, number, string][]): Finding => ({
  ruleId,
  severity: 'warning',
  message: ruleId,
  fix: fix.map(([s, e, text]) => ({ range: [s, e], text })),
});

describe('planFixes safety check', () => {
  const text = 'FROM alpine\nRUN echo a\nCMD ["x"]\n';
  const df = model(text);

  test('a fix that would merge the next instruction into a continuation is dropped and reported', () => {
    const good = finding('good', [[0, 0, '# top\n']]);
    const bad = finding('bad', [[text.indexOf('\nCMD'), text.indexOf('\nCMD'), ' \\']]);
    const plan = planFixes([good, bad], df);
    expect(plan.text).toBe(`# top\n${text}`);
    expect(plan.fixed).toEqual([good]);
    expect(plan.unfixed).toEqual([bad]);
    expect(plan.problems[0]).toMatch(/^bad: fix not applied: .*CMD on line 3/);
  });

  test('a fix that produces an unknown instruction is dropped', () => {
    const bad = finding('bad', [[text.indexOf('RUN'), text.indexOf('RUN'), 'BOGUS x\n']]);
    const plan = planFixes([bad], df);
    expect(plan.text).toBe(text);
    expect(plan.problems[0]).toMatch(/unknown instruction BOGUS/);
  });

  test('verifyFixed accepts the untouched text', () => {
    expect(verifyFixed(df, [], text)).toBeUndefined();
  });

  test('changing the escape directive is refused', () => {
    const d = model('# escape=`\nFROM a\n');
    expect(verifyFixed(d, [{ range: [0, 11], text: '' }], 'FROM a\n')).toMatch(/escape/);
  });
});
