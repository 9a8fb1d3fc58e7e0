import rule from '../../src/rules/missing-user.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM alpine:3.20\nUSER app',
    'FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nUSER 10001:10001',
    'FROM alpine:3.20 AS base\nUSER nobody\nFROM base\nCMD ["x"]',
    'ARG U=app\nFROM alpine:3.20\nARG U\nUSER ${U}',
    '# no FROM at all\nRUN echo',
  ],
  invalid: [
    {
      code: 'FROM node:20\nCOPY . .\nCMD ["node", "server.js"]\nEXPOSE 3000',
      findings: [
        {
          message: 'sets no USER',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 13,
          data: {
            instructionIndex: 0,
            reason: 'no-user',
            lastInstructionIndex: 3,
            insertBeforeInstructionIndex: 2,
          },
        },
      ],
    },
    {
      code: 'FROM alpine:3.20 AS build\nUSER app\nFROM alpine:3.20\nUSER app\nUSER 0:0\nRUN x',
      findings: [
        {
          message: 'the last USER of the final stage is 0:0',
          line: 5,
          column: 1,
          endColumn: 9,
          data: {
            instructionIndex: 4,
            reason: 'root-user',
            lastInstructionIndex: 5,
            insertBeforeInstructionIndex: undefined,
          },
        },
      ],
    },
    {
      code: 'FROM alpine:3.20\nENV U=root\nUSER $U',
      findings: [{ message: 'is root', line: 3, column: 1, data: { instructionIndex: 2, reason: 'root-user' } }],
    },
  ],
});
