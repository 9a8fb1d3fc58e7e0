// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/apt-instead-of-apt-get.md).
import rule from '../../src/rules/apt-instead-of-apt-get.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: ['FROM debian:12\nRUN apt-get install -y python', 'FROM debian:12\nRUN echo apt'],
  invalid: [
    {
      code: '# hadolint DL3027\nFROM debian:12\nRUN apt install -y python',
      findings: [{ message: 'use apt-get', line: 3, column: 5 }],
    },
  ],
});
