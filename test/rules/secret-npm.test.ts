import rule from '../../src/rules/secret-npm.js';
import { withBase62Checksum } from '../../src/secrets/detector.js';
import { contentRuleTable, fake } from './content-table.js';

const token = withBase62Checksum('npm_', fake(30, 101));

contentRuleTable(rule, {
  valid: [
    { name: 'the right shape with a wrong checksum', text: `npm_${fake(36, 102)}\n` },
    { name: 'an identifier', text: 'const npm_config_cache = process.env.npm_config_cache;\n' },
  ],
  invalid: [
    {
      name: 'a token in a CI script (not an .npmrc)',
      path: '/app/publish.sh',
      text: `#!/bin/sh\nnpm config set //registry.npmjs.org/:_authToken ${token}\n`,
      secret: token.slice(4),
      findings: [{ kind: 'npm-access-token', evidence: 'npm_****', line: 2 }],
    },
  ],
});
