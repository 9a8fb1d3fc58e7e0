import rule from '../../src/rules/secret-github.js';
import { withBase62Checksum } from '../../src/secrets/detector.js';
import { contentRuleTable, fake } from './content-table.js';

const pat = withBase62Checksum('ghp_', fake(30, 1));
const oauth = withBase62Checksum('gho_', fake(30, 2));
const server = withBase62Checksum('ghs_', fake(30, 3));
const fine = `github_pat_${fake(22, 4)}_${fake(59, 5)}`;
const badChecksum = `${pat.slice(0, -1)}${pat.endsWith('A') ? 'B' : 'A'}`;

contentRuleTable(rule, {
  valid: [
    { name: 'a token-shaped string with a wrong checksum', text: `token = "${badChecksum}"\n` },
    { name: 'a prefix inside an identifier', text: `const my_ghp_${fake(36, 6)} = 1;\n` },
    { name: 'an old 40-hex token is not this format', text: 'token: 0123456789abcdef0123456789abcdef01234567\n' },
    { name: 'a fine-grained token of the wrong length', text: `github_pat_${fake(22, 7)}_${fake(40, 8)}\n` },
  ],
  invalid: [
    {
      name: 'a classic personal access token in source',
      text: `// config\nconst token = '${pat}';\n`,
      secret: pat.slice(4),
      findings: [{ kind: 'github-pat', evidence: 'ghp_****', line: 2 }],
    },
    {
      name: 'OAuth and server-to-server tokens in one shell script',
      path: '/app/run.sh',
      text: `#!/bin/sh\nexport A=${oauth}\n\nexport B="${server}"\n`,
      secret: oauth.slice(4),
      findings: [
        { kind: 'github-oauth-token', evidence: 'gho_****', line: 2 },
        { kind: 'github-app-installation-token', evidence: 'ghs_****', line: 4 },
      ],
    },
    {
      name: 'a fine-grained personal access token',
      text: `GH=${fine}\n`,
      secret: fine.slice(11),
      findings: [{ kind: 'github-fine-grained-pat', evidence: 'github_pat_****', line: 1 }],
    },
  ],
});
