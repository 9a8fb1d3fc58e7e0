import rule from '../../src/rules/secret-huggingface.js';
import { contentRuleTable, fake } from './content-table.js';

const token = `hf_${fake(34, 131, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz')}`;

contentRuleTable(rule, {
  valid: [
    { name: 'an identifier of the same length', text: 'hf_tokenizerconfigurationloaderfoo = 1\n' },
    { name: 'digits are not in the format', text: `hf_${fake(34, 132, '0123456789abcdef')}\n` },
  ],
  invalid: [
    {
      name: 'a token in a notebook',
      path: '/home/app/train.py',
      text: `from huggingface_hub import login\nlogin(token="${token}")\n`,
      secret: token.slice(3),
      findings: [{ kind: 'huggingface-token', evidence: 'hf_****', line: 2 }],
    },
  ],
});
