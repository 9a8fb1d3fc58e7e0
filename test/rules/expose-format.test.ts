// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/expose-format.md).
import rule from '../../src/rules/expose-format.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: ['FROM alpine:3.20\nEXPOSE 80/tcp 53/udp 8000-8010', 'FROM alpine:3.20\nEXPOSE $PORT'],
  invalid: [
    {
      code: '# BuildKit ExposeProtoCasing\nFROM alpine\nEXPOSE 80/TcP',
      findings: [
        { message: 'write the protocol in lower case (tcp)', line: 3, column: 1, data: { check: 'ExposeProtoCasing' } },
      ],
    },
    {
      code: '# BuildKit ExposeInvalidFormat\nFROM alpine\nEXPOSE 127.0.0.1:80:80',
      findings: [{ message: 'does not belong in EXPOSE', line: 3, column: 1, data: { check: 'ExposeInvalidFormat' } }],
    },
    {
      code: '# hadolint DL3011, Trivy DS008\nFROM alpine\nEXPOSE 80000',
      findings: [{ message: 'a port is a number from 0 to 65535', line: 3, column: 1, data: { check: 'port-range' } }],
    },
  ],
});
