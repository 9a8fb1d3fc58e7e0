import { readFileSync } from 'node:fs';
import rule from '../../src/rules/cleanup-in-separate-layer.js';
import { SHARED } from '../helpers/cli.js';
import { ruleTable, runRule } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM alpine:3.20\nRUN wget -O /tmp/x.tgz https://e.com/x.tgz && tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz',
    'FROM alpine:3.20\nRUN mkdir /a\nRUN rm -rf /b',
    { name: 'non-shipped stage', code: 'FROM alpine:3.20 AS b\nRUN mkdir /a\nRUN rm -rf /a\nFROM scratch' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get clean && rm -rf /var/lib/apt/lists/*',
      findings: [
        {
          message: 'removes /var/lib/apt/lists/* in a separate layer: the files still ship in the layer of line 2',
          line: 3,
          column: 22,
          endLine: 3,
          endColumn: 49,
          data: {
            instructionIndex: 2,
            deletingInstructionIndex: 2,
            creatingInstructionIndex: 1,
            creatingInstructionIndexes: [1],
            removedPaths: ['/var/lib/apt/lists/*'],
            deletingRunOnlyCleans: true,
          },
        },
      ],
    },
    {
      code: 'FROM alpine:3.20\nRUN wget -O /tmp/big.tgz https://e.com/big.tgz\nRUN tar -xzf /tmp/big.tgz -C /opt && rm -f /tmp/big.tgz',
      findings: [
        {
          message: 'removes /tmp/big.tgz',
          line: 3,
          column: 38,
          data: {
            instructionIndex: 2,
            creatingInstructionIndex: 1,
            removedPaths: ['/tmp/big.tgz'],
            deletingRunOnlyCleans: false,
          },
        },
      ],
    },
  ],
});

describe('cleanup-in-separate-layer on the dive test Dockerfile', () => {
  it('links rm -rf /root/example/ (line 10) to the RUNs that wrote there', () => {
    const code = readFileSync(`${SHARED}/peers/dive/Dockerfile.test-image`, 'utf8');
    const got = runRule(rule, code);
    expect(got).toHaveLength(1);
    expect(got[0]?.message).toContain('still ship in the layers of lines 3, 4, 5, 6, 7, 8');
    expect(got[0]?.location).toMatchObject({ line: 10, column: 5, endColumn: 26 });
    expect(got[0]?.data).toEqual({
      instructionIndex: 9,
      deletingInstructionIndex: 9,
      creatingInstructionIndex: 7,
      creatingInstructionIndexes: [2, 3, 4, 5, 6, 7],
      removedPaths: ['/root/example/'],
      deletingRunOnlyCleans: true,
    });
  });
});
