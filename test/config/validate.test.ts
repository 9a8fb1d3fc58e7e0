import { validateConfig } from '../../src/config/validate.js';
import { LayerlintError } from '../../src/errors.js';
import { allRules } from '../../src/rules/index.js';

const check = (doc: unknown) => () => validateConfig(doc, '.layerlint.yaml');

describe('validateConfig', () => {
  it.each([
    ['empty', {}],
    ['null document (empty file)', null],
    ['a severity', { rules: { 'duplicate-content': 'off', 'runs-as-root': 'error' } }],
    ['[severity]', { rules: { 'duplicate-content': ['warning'] } }],
    ['[severity, options]', { rules: { 'duplicate-content': ['warning', { minBytes: 4096 }] } }],
    [
      '{ severity, options }',
      { rules: { 'exposed-sensitive-port': { severity: 'error', options: { ports: [22, 8080] } } } },
    ],
    ['{ options } only', { rules: { 'build-toolchain-in-final-image': { options: { allow: ['jdk'] } } } }],
    [
      'everything else',
      {
        $schema: './rules.schema.json',
        ignorePaths: ['/usr/share/doc/**'],
        failOn: 'warning',
        thresholds: { lowestEfficiency: 0.95, highestWastedBytes: '20MB', highestUserWastedPercent: 0.2 },
      },
    ],
    ['highestWastedBytes as a number and as 1GiB', { thresholds: { highestWastedBytes: 1000 } }],
    ['failOn none', { failOn: 'none' }],
  ])('accepts %s', (_, doc) => {
    expect(check(doc)).not.toThrow();
  });

  it.each([
    [
      { rules: { 'duplicate-content': ['warning', { minBytes: 'x' }] } },
      '/rules/duplicate-content/1/minBytes must be integer',
    ],
    [
      { rules: { 'duplicate-content': { severity: 'warning', options: { minBytes: 1.5 } } } },
      '/rules/duplicate-content/options/minBytes must be integer',
    ],
    [
      { rules: { 'duplicate-content': ['warning', { bytes: 1 }] } },
      '/rules/duplicate-content/1 has an unknown key "bytes"',
    ],
    [{ rules: { 'runs-as-root': 'fatal' } }, '/rules/runs-as-root must be one of "off", "note", "warning", "error"'],
    [
      { rules: { 'exposed-sensitive-port': ['warning', { ports: [70000] }] } },
      '/rules/exposed-sensitive-port/1/ports/0 must be <= 65535',
    ],
    [
      { rules: { 'build-toolchain-in-final-image': ['warning', { allow: ['cobol'] }] } },
      '/rules/build-toolchain-in-final-image/1/allow/0 must be one of',
    ],
    [{ failOn: 'critical' }, '/failOn must be one of "error", "warning", "note", "none"'],
    [{ thresholds: { lowestEfficiency: 90 } }, '/thresholds/lowestEfficiency must be <= 1'],
    [
      { thresholds: { highestWastedBytes: 'twenty megs' } },
      '/thresholds/highestWastedBytes must be a size like 20MB or 1GiB',
    ],
    [{ thresholds: { lowest: 0.9 } }, '/thresholds has an unknown key "lowest"'],
    [{ ignorePaths: '/usr/**' }, '/ignorePaths must be array'],
    [{ rule: {} }, '/ has an unknown key "rule"'],
    [['not', 'a', 'mapping'], '/ must be object'],
  ])('rejects %j with its JSON path', (doc, message) => {
    expect(check(doc)).toThrow(LayerlintError);
    expect(check(doc)).toThrow(`config .layerlint.yaml: ${message}`);
  });

  it('rejects unknown rule ids and lists the known ones', () => {
    expect(check({ rules: { 'no-such-rule': 'off' } })).toThrow(
      `config .layerlint.yaml: /rules/no-such-rule: unknown rule "no-such-rule" (known rules: ${allRules.map((r) => r.id).join(', ')})`,
    );
  });
});
