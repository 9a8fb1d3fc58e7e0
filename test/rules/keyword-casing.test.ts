// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/keyword-casing.md).
import rule from '../../src/rules/keyword-casing.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: ['FROM debian:latest AS builder\nRUN make', 'from debian:latest as builder\nrun make'],
  invalid: [
    {
      code: '# BuildKit FromAsCasing\nFROM debian:latest as builder',
      findings: [{ message: '"FROM ... as": write AS', line: 2, column: 20, data: { check: 'FromAsCasing' } }],
    },
    {
      code: '# BuildKit ConsistentInstructionCasing\nFROM alpine\nRUN echo hello > /greeting.txt\nEntrypoint ["cat", "/greeting.txt"]',
      findings: [
        {
          message: '"Entrypoint" is not upper case',
          line: 4,
          column: 1,
          data: { check: 'ConsistentInstructionCasing', written: 'Entrypoint' },
        },
      ],
    },
  ],
});
