import rule from '../../src/rules/secret-gitlab.js';
import { contentRuleTable, fake } from './content-table.js';

const pat = `glpat-${fake(20, 11, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')}`;
const deploy = `gldt-${fake(20, 12)}`;
const trigger = `glptt-${fake(40, 13, '0123456789abcdef')}`;

contentRuleTable(rule, {
  valid: [
    { name: 'the placeholder of the docs', text: 'token: glpat-xxxxxxxxxxxxxxxxxxxx\n' },
    { name: 'a prefix too short to be a token', text: 'glpat-abc123\n' },
    { name: 'a prefix inside a word', text: `myglpat-${fake(20, 14)}\n` },
  ],
  invalid: [
    {
      name: 'a personal access token in a CI config',
      path: '/app/.gitlab-ci.yml',
      text: `variables:\n  TOKEN: "${pat}"\n`,
      secret: pat.slice(6),
      findings: [{ kind: 'gitlab-pat', evidence: 'glpat-****', line: 2 }],
    },
    {
      name: 'a deploy token and a pipeline trigger token',
      text: `${deploy}\n${trigger}\n`,
      secret: trigger.slice(6),
      findings: [
        { kind: 'gitlab-deploy-token', evidence: 'gldt-****', line: 1 },
        { kind: 'gitlab-trigger-token', evidence: 'glptt-****', line: 2 },
      ],
    },
  ],
});
