import rule from '../../src/rules/secret-twilio.js';
import { contentRuleTable, fake } from './content-table.js';

const key = `SK${fake(32, 81, '0123456789abcdef')}`;

contentRuleTable(rule, {
  valid: [
    { name: 'a run of one hex digit', text: `SK${'0'.repeat(32)}\n` },
    { name: 'part of a longer identifier', text: `TASK${fake(32, 82, '0123456789abcdef')}\n` },
  ],
  invalid: [
    {
      name: 'an API key SID in an env file',
      path: '/app/twilio.env',
      text: `TWILIO_API_KEY=${key}\n`,
      secret: key.slice(2),
      findings: [{ kind: 'twilio-api-key', evidence: 'SK****', line: 1 }],
    },
  ],
});
