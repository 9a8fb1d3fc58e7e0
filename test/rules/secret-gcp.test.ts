import rule from '../../src/rules/secret-gcp.js';
import { contentRuleTable, fake } from './content-table.js';

const apiKey = `AIza${fake(35, 31, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`;
const body = fake(64, 32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
const serviceAccount = `{
  "type": "service_account",
  "project_id": "demo-project",
  "private_key_id": "${fake(40, 33, '0123456789abcdef')}",
  "private_key": "-----BEGIN PRIVATE KEY-----\\n${body}\\n${body}\\n-----END PRIVATE KEY-----\\n",
  "client_email": "builder@demo-project.iam.gserviceaccount.com",
  "client_id": "1234567890"
}
`;

contentRuleTable(rule, {
  valid: [
    { name: 'an API key of the wrong length', text: `key=AIza${fake(20, 34)}\n` },
    {
      name: 'a service-account file without its key (a template)',
      text: '{ "type": "service_account", "project_id": "p", "private_key": "" }\n',
    },
  ],
  invalid: [
    {
      name: 'an API key in a web config',
      path: '/srv/www/config.json',
      text: `{\n  "mapsKey": "${apiKey}"\n}\n`,
      secret: apiKey.slice(4),
      findings: [{ kind: 'google-api-key', evidence: 'AIza****', line: 2 }],
    },
    {
      name: 'a service-account key: one finding, not also a private-key one',
      path: '/app/sa.json',
      text: serviceAccount,
      secret: body,
      findings: [
        {
          kind: 'gcp-service-account-key',
          evidence:
            '"type": "service_account", "client_email": "builder@demo-project.iam.gserviceaccount.com", "private_key": "****"',
          line: 2,
        },
      ],
    },
  ],
});
