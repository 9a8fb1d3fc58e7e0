// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/copy-from-invalid-stage.md).
import rule from '../../src/rules/copy-from-invalid-stage.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM alpine:3.20\nCOPY --from=build /app /app',
    'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/',
    'FROM alpine:3.20 AS x\nFROM alpine:3.20\nCOPY --from=0 /a /b',
    'ARG SRC=build\nFROM alpine:3.20\nCOPY --from=$SRC /a /b',
  ],
  invalid: [
    {
      code: '# hadolint DL3023, Trivy DS006\nFROM debian:jessie AS build\nCOPY --from=build some some',
      findings: [
        { message: 'names the stage it is in', line: 3, column: 1, data: { from: 'build', reason: 'own-stage' } },
      ],
    },
    {
      code: '# hadolint DL3022\nFROM debian:jessie\nCOPY --from=build some some',
      findings: [{ message: 'no stage is named build', line: 3, column: 1, data: { reason: 'unknown-stage' } }],
    },
    {
      code: 'FROM alpine:3.20\nCOPY --from=later /a /b\nFROM alpine:3.20 AS later',
      findings: [
        { message: 'names a stage defined later (line 3)', line: 2, column: 1, data: { reason: 'later-stage' } },
      ],
    },
  ],
});
