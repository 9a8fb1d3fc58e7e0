import rule from '../../src/rules/secret-slack.js';
import { contentRuleTable, fake } from './content-table.js';

const D = '0123456789';
const bot = `xoxb-${fake(11, 51, D)}-${fake(13, 52, D)}-${fake(24, 53)}`;
const user = `xoxp-${fake(11, 54, D)}-${fake(11, 55, D)}-${fake(13, 56, D)}-${fake(32, 57, '0123456789abcdef')}`;
const hook = `https://hooks.slack.com/services/T${fake(10, 58, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/B${fake(10, 59, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}/${fake(24, 60)}`;

contentRuleTable(rule, {
  valid: [
    { name: 'the docs placeholder', text: 'SLACK_BOT_TOKEN=xoxb-your-token\n' },
    { name: 'a bot token of the wrong shape', text: `xoxb-123-456-${fake(10, 61)}\n` },
  ],
  invalid: [
    {
      name: 'a bot token exported by a shell script',
      path: '/app/run.sh',
      text: `#!/bin/sh\nexport SLACK_BOT_TOKEN=${bot}\nexec node server.js\n`,
      secret: bot.slice(5),
      findings: [{ kind: 'slack-bot-token', evidence: 'xoxb-****', line: 2 }],
    },
    {
      name: 'a user token and an incoming webhook',
      text: `user: ${user}\nhook: ${hook}\n`,
      secret: hook.slice(34),
      findings: [
        { kind: 'slack-user-token', evidence: 'xoxp-****', line: 1 },
        { kind: 'slack-webhook', evidence: 'https://hooks.slack.com/services/****', line: 2 },
      ],
    },
  ],
});
