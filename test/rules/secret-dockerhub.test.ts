import rule from '../../src/rules/secret-dockerhub.js';
import { contentRuleTable, fake } from './content-table.js';

const pat = `dckr_pat_${fake(27, 121, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`;

contentRuleTable(rule, {
  valid: [
    { name: 'a placeholder', text: 'DOCKERHUB_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx\n' },
    { name: 'too short', text: `dckr_pat_${fake(10, 122)}\n` },
  ],
  invalid: [
    {
      name: 'a personal access token in a login script',
      path: '/usr/local/bin/login.sh',
      text: `#!/bin/sh\necho ${pat} | docker login -u me --password-stdin\n`,
      secret: pat.slice(9),
      findings: [{ kind: 'dockerhub-token', evidence: 'dckr_pat_****', line: 2 }],
    },
  ],
});
