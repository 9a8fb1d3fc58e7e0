// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/sudo-in-run.md).
import rule from '../../src/rules/sudo-in-run.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: ['FROM debian:12\nRUN apt-get install -y curl', 'FROM debian:12\nRUN echo sudo'],
  invalid: [
    {
      code: '# hadolint DL3004, Trivy DS010\nFROM debian:12\nRUN sudo apt-get install -y curl',
      findings: [{ message: 'RUN uses sudo', line: 3, column: 5 }],
    },
    {
      code: 'FROM debian:12\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y vim',
      findings: [{ message: 'RUN uses sudo', line: 2, column: 54 }],
    },
  ],
});
