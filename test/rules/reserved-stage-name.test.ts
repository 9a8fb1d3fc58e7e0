// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/reserved-stage-name.md).
import rule from '../../src/rules/reserved-stage-name.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: ['FROM alpine:3.20 AS base', 'FROM scratch'],
  invalid: [
    {
      code: '# BuildKit ReservedStageName\nFROM alpine AS scratch',
      findings: [{ message: 'stage name "scratch" is reserved', line: 2, column: 1 }],
    },
    {
      code: 'FROM alpine AS context',
      findings: [{ message: '"context" is reserved', line: 1, column: 1 }],
    },
  ],
});
