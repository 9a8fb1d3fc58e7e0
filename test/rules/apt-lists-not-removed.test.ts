import rule from '../../src/rules/apt-lists-not-removed.js';
import { ruleTable } from './dockerfile-table.js';

const bad = 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl';

ruleTable(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl',
    {
      name: 'only a non-final stage is affected',
      code: 'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /x /x',
    },
    'FROM debian:12\nRUN apt-get remove -y curl',
  ],
  invalid: [
    {
      code: bad,
      findings: [
        {
          message: 'apt-get update leaves the package lists',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 19,
          data: {
            instructionIndex: 1,
            appendOffset: bad.length,
            heredoc: false,
            aptCommands: ['update', 'install'],
          },
        },
      ],
    },
    {
      name: 'a stage the final stage is built FROM ships',
      code: 'FROM debian:12 AS base\nRUN apt-get install -y curl # comment\nFROM base\nCMD ["curl"]',
      findings: [
        {
          message: 'apt-get install',
          line: 2,
          column: 5,
          data: {
            instructionIndex: 1,
            appendOffset: 'FROM debian:12 AS base\nRUN apt-get install -y curl'.length,
            aptCommands: ['install'],
          },
        },
      ],
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF',
      findings: [
        {
          message: 'apt-get update',
          line: 3,
          column: 1,
          endColumn: 15,
          data: { instructionIndex: 1, heredoc: true },
        },
      ],
    },
  ],
});
