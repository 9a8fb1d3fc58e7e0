import rule from '../../src/rules/secret-stripe.js';
import { contentRuleTable, fake } from './content-table.js';

const live = `sk_live_${fake(24, 71)}`;
const restricted = `rk_live_${fake(99, 72)}`;

contentRuleTable(rule, {
  valid: [
    { name: 'a publishable key is not a secret', text: `pk_live_${fake(24, 73)}\n` },
    { name: 'a test-mode key', text: `sk_test_${fake(24, 74)}\n` },
    { name: 'a placeholder', text: 'STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\n' },
  ],
  invalid: [
    {
      name: 'a live secret key in a Python settings file',
      path: '/app/settings.py',
      text: `import os\n\nSTRIPE_SECRET_KEY = "${live}"\n`,
      secret: live.slice(8),
      findings: [{ kind: 'stripe-secret-key', evidence: 'sk_live_****', line: 3 }],
    },
    {
      name: 'a restricted key',
      text: `${restricted}\n`,
      secret: restricted.slice(8),
      findings: [{ kind: 'stripe-restricted-key', evidence: 'rk_live_****', line: 1 }],
    },
  ],
});
