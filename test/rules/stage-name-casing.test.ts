// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/stage-name-casing.md).
import rule from '../../src/rules/stage-name-casing.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: ['FROM alpine:3.20 AS builder-base', 'FROM alpine:3.20'],
  invalid: [
    {
      code: '# BuildKit StageNameCasing\nFROM alpine AS BuilderBase',
      findings: [
        { message: 'stage name "BuilderBase" should be lower case', line: 2, column: 1, data: { name: 'BuilderBase' } },
      ],
    },
  ],
});
