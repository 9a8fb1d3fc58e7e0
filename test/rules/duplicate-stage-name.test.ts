// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/duplicate-stage-name.md).
import rule from '../../src/rules/duplicate-stage-name.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM debian:12 AS builder\nRUN make\nFROM golang:1.22 AS compiler\nRUN go build',
    'FROM alpine:3.20\nFROM alpine:3.20',
  ],
  invalid: [
    {
      code: '# BuildKit DuplicateStageName, hadolint DL3024, Trivy DS012\nFROM debian:latest AS builder\nRUN apt-get update; apt-get install -y git\nFROM golang:latest AS builder\nRUN go build',
      findings: [
        {
          message: 'stage name "builder" is already used by the stage on line 2',
          line: 4,
          column: 1,
          data: { name: 'builder', firstStage: 0 },
        },
      ],
    },
    {
      code: 'FROM alpine:3.20 AS Build\nFROM alpine:3.20 AS build',
      findings: [{ message: 'already used', line: 2, column: 1 }],
    },
  ],
});
