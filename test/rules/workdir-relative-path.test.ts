// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/workdir-relative-path.md).
import rule from '../../src/rules/workdir-relative-path.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM alpine:3.20\nWORKDIR /usr/src/app',
    'FROM alpine:3.20\nWORKDIR /usr\nWORKDIR src/app',
    'FROM alpine:3.20\nWORKDIR $HOME/app',
    'FROM alpine:3.20\nWORKDIR "/app"',
  ],
  invalid: [
    {
      code: '# hadolint DL3000, Trivy DS009\nFROM alpine:3.20\nWORKDIR usr/src/app',
      findings: [{ message: 'WORKDIR usr/src/app is relative', line: 3, column: 1, data: { path: 'usr/src/app' } }],
    },
    {
      code: '# BuildKit WorkdirRelativePath\nFROM alpine\nWORKDIR app/',
      findings: [{ message: 'WORKDIR app/ is relative', line: 3, column: 1 }],
    },
    {
      code: 'FROM alpine:3.20 AS a\nWORKDIR /srv\nFROM alpine:3.20\nWORKDIR srv',
      findings: [{ message: 'is relative', line: 4, column: 1 }],
    },
  ],
});
