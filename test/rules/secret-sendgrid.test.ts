import rule from '../../src/rules/secret-sendgrid.js';
import { contentRuleTable, fake } from './content-table.js';

const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const key = `SG.${fake(22, 91, A)}.${fake(43, 92, A)}`;

contentRuleTable(rule, {
  valid: [
    { name: 'a key of the wrong shape', text: `SG.${fake(22, 93)}\n` },
    { name: 'a file extension after SG', text: 'see IMG_SG.jpg\n' },
  ],
  invalid: [
    {
      name: 'an API key in a YAML config',
      path: '/etc/app/mail.yaml',
      text: `mail:\n  provider: sendgrid\n  key: ${key}\n`,
      secret: key.slice(3),
      findings: [{ kind: 'sendgrid-api-key', evidence: 'SG.****', line: 3 }],
    },
  ],
});
