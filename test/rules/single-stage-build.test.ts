import rule from '../../src/rules/single-stage-build.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app',
    'FROM node:20\nRUN npm ci\nCMD ["node", "x.js"]',
    'FROM debian:12\nRUN apt-get install -y make',
    { code: 'FROM debian:12\nRUN make', options: { ignoreCommands: ['make'] } },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nCOPY hello.c .\nRUN gcc -O2 -o /hello hello.c',
      findings: [
        {
          message: '"gcc" compiles in the final stage',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 30,
          data: {
            instructionIndex: 3,
            compiler: 'gcc',
            stageCount: 1,
            finalStage: 0,
            baseImage: 'debian:12',
          },
        },
      ],
    },
    {
      name: 'multi-stage whose final stage still compiles',
      code: 'FROM node:20 AS deps\nRUN npm ci\nFROM node:20 AS app\nCOPY --from=deps /node_modules /node_modules\nRUN npm run build',
      findings: [
        {
          message: '"npm run build"',
          line: 5,
          column: 5,
          data: {
            instructionIndex: 4,
            compiler: 'npm run build',
            stageCount: 2,
            finalStage: 1,
            finalStageName: 'app',
          },
        },
      ],
    },
    {
      name: 'final stage built FROM the compiling stage',
      code: 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app\nFROM build\nCMD ["/app"]',
      findings: [
        {
          message: '"go build"',
          line: 2,
          column: 5,
          data: { instructionIndex: 1, compiler: 'go build', finalStage: 1 },
        },
      ],
    },
  ],
});
