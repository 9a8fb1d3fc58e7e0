import rule from '../../src/rules/secret-jwt.js';
import { contentRuleTable, fake } from './content-table.js';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const signature = fake(43, 151, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-');
const jwt = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'svc-builder', iat: 1700000000 })}.${signature}`;
const unsigned = `${b64({ alg: 'none' })}.${b64({ sub: 'x' })}.${fake(20, 152)}`;

contentRuleTable(rule, {
  valid: [
    { name: 'alg none signs nothing', text: `${unsigned}\n` },
    { name: 'a header and payload with no signature', text: `${b64({ alg: 'HS256' })}.${b64({ sub: 'x' })}.\n` },
    { name: 'base64 that is not JSON', text: `eyJhbGciOiJIUzI1NiIs.eyJzdWIiOiJ4.${fake(30, 153)}\n` },
  ],
  invalid: [
    {
      name: 'a signed service token in a config',
      path: '/app/config.yaml',
      text: `auth:\n  bearer: ${jwt}\n`,
      secret: signature,
      findings: [{ kind: 'jwt', evidence: 'eyJ**** (alg HS256)', line: 2 }],
    },
  ],
});
