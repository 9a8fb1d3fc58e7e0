import rule from '../../src/rules/apk-no-cache.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    'FROM alpine:3.20\nRUN apk update && apk add curl && rm -rf /var/cache/apk/*',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl',
    'FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM scratch',
    'FROM alpine:3.20\nRUN apk del curl',
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN apk add curl',
      findings: [
        {
          message: 'apk add without --no-cache',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 12,
          data: {
            instructionIndex: 1,
            commandIndex: 0,
            insertOffset: 'FROM alpine:3.20\nRUN apk add'.length,
          },
        },
      ],
    },
    {
      code: 'FROM alpine:3.20\nRUN apk update && \\\n    apk --update add git openssh',
      findings: [
        {
          message: 'apk add',
          line: 3,
          column: 5,
          endColumn: 21,
          data: { instructionIndex: 1, commandIndex: 1 },
        },
      ],
    },
  ],
});
