import rule from '../../src/rules/apt-no-install-recommends.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl',
    'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl',
    'FROM debian:12\nRUN apt-get update',
    'FROM debian:12\nRUN echo apt-get install',
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl',
      findings: [
        {
          message: 'without --no-install-recommends',
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 38,
          data: { instructionIndex: 1, commandIndex: 1, insertOffset: 15 + 37 },
        },
      ],
    },
    {
      code: 'FROM debian:12\nRUN apt-get update \\\n && DEBIAN_FRONTEND=noninteractive apt-get -y install ca-certificates\nRUN sudo apt install git',
      findings: [
        {
          message: 'apt-get install',
          line: 3,
          column: 36,
          endColumn: 54,
          data: { instructionIndex: 1, commandIndex: 1 },
        },
        {
          message: 'apt-get install',
          line: 4,
          column: 10,
          endColumn: 21,
          data: { instructionIndex: 2, commandIndex: 0 },
        },
      ],
    },
  ],
});
