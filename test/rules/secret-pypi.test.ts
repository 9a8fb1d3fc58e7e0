import rule from '../../src/rules/secret-pypi.js';
import { contentRuleTable, fake } from './content-table.js';

const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const token = `pypi-AgEIcHlwaS5vcmc${fake(150, 111, A)}`;
const test = `pypi-AgENdGVzdC5weXBpLm9yZw${fake(120, 112, A)}`;

contentRuleTable(rule, {
  valid: [
    { name: 'the prefix alone', text: 'password = pypi-AgEIcHlwaS5vcmc\n' },
    { name: 'a token for another index', text: `pypi-AgEIZXhhbXBsZS5vcmc${fake(100, 113)}\n` },
  ],
  invalid: [
    {
      name: 'a PyPI token in a release script',
      path: '/app/release.py',
      text: `TOKEN = "${token}"\n`,
      secret: token.slice(20),
      findings: [{ kind: 'pypi-api-token', evidence: 'pypi-AgEIcHlwaS5vcmc****', line: 1 }],
    },
    {
      name: 'a TestPyPI token',
      text: `\n\n${test}\n`,
      secret: test.slice(27),
      findings: [{ kind: 'testpypi-api-token', evidence: 'pypi-AgENdGVzdC5weXBpLm9yZw****', line: 3 }],
    },
  ],
});
