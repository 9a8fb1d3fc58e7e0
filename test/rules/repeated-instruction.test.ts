// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/repeated-instruction.md).
import rule from '../../src/rules/repeated-instruction.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: ['FROM alpine:3.20\nCMD ["a"]\nFROM alpine:3.20\nCMD ["b"]', 'FROM alpine:3.20\nENTRYPOINT ["x"]\nCMD ["y"]'],
  invalid: [
    {
      code: '# BuildKit MultipleInstructionsDisallowed, hadolint DL4004, Trivy DS007\nFROM alpine\nENTRYPOINT ["echo", "Hello, Norway!"]\nENTRYPOINT ["echo", "Hello, Sweden!"]',
      findings: [
        {
          message: 'ENTRYPOINT is overridden by the ENTRYPOINT on line 4',
          line: 3,
          column: 1,
          data: { keyword: 'ENTRYPOINT', lastInstructionIndex: 2 },
        },
      ],
    },
    {
      code: '# hadolint DL4003, Trivy DS016\nFROM busybox\nCMD /bin/true\nCMD /bin/false',
      findings: [{ message: 'CMD is overridden by the CMD on line 4', line: 3, column: 1 }],
    },
    {
      code: '# hadolint DL3012, Trivy DS023\nFROM busybox\nHEALTHCHECK CMD /bin/healthcheck\nHEALTHCHECK CMD /bin/other',
      findings: [{ message: 'HEALTHCHECK is overridden', line: 3, column: 1 }],
    },
  ],
});
