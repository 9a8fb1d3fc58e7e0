// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/copy-to-file-with-many-sources.md).
import rule from '../../src/rules/copy-to-file-with-many-sources.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM node:20\nCOPY package.json yarn.lock my_app/',
    'FROM node:20\nCOPY package.json /app/package.json',
    'FROM node:20\nCOPY a b $DEST',
  ],
  invalid: [
    {
      code: '# hadolint DL3021, Trivy DS011\nFROM node:carbon\nCOPY package.json yarn.lock my_app',
      findings: [
        {
          message: 'the destination "my_app" must be a directory ending with /',
          line: 3,
          column: 1,
          data: { destination: 'my_app', sources: ['package.json', 'yarn.lock'] },
        },
      ],
    },
    {
      code: 'FROM node:20\nADD ["a", "b", "/dst"]',
      findings: [{ message: 'ADD has 2 sources', line: 2, column: 1 }],
    },
  ],
});
