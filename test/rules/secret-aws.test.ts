import rule from '../../src/rules/secret-aws.js';
import { contentRuleTable, fake } from './content-table.js';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const id = `AKIA${fake(16, 21, B32)}`;
const temp = `ASIA${fake(16, 22, B32)}`;
const secret = fake(40, 23, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+');

contentRuleTable(rule, {
  valid: [
    {
      name: "AWS's documented example keys",
      text: 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    },
    { name: 'not base32 after the prefix', text: 'AKIA0000111122223333\n' },
    { name: 'inside a longer word', text: `X${id}Y\n` },
  ],
  invalid: [
    {
      name: 'an access key id with its secret beside it (one finding with both facts)',
      path: '/app/config.js',
      text: `module.exports = {\n  accessKeyId: '${id}',\n  secretAccessKey: '${secret}',\n};\n`,
      secret,
      findings: [{ kind: 'aws-access-key-pair', evidence: 'AKIA**** with its secret access key (****)', line: 2 }],
    },
    {
      name: 'a temporary key id alone',
      text: `export AWS_ACCESS_KEY_ID=${temp}\n`,
      secret: temp.slice(4),
      findings: [{ kind: 'aws-access-key-id', evidence: 'ASIA****', line: 1 }],
    },
  ],
});
