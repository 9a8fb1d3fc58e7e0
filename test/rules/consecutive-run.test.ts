// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/consecutive-run.md).
import rule from '../../src/rules/consecutive-run.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
    'FROM debian:12\nRUN a\nCOPY x /x\nRUN b',
    'FROM debian:12\nRUN a\nRUN --mount=type=cache,target=/root/.cache b',
  ],
  invalid: [
    {
      code: '# hadolint DL3059\nFROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\nRUN echo done',
      findings: [
        { message: 'RUN follows the RUN on line 3', line: 4, column: 1, data: { previousInstructionIndex: 1 } },
      ],
    },
  ],
});
