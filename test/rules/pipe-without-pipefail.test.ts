// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/pipe-without-pipefail.md).
import rule from '../../src/rules/pipe-without-pipefail.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN wget -O - https://some.site | wc -l > /number',
    'FROM debian:12\nRUN set -o pipefail && wget -O - https://some.site | wc -l > /number',
    'FROM debian:12\nRUN a || b',
  ],
  invalid: [
    {
      code: '# hadolint DL4006\nFROM debian:12\nRUN wget -O - https://some.site | wc -l > /number',
      findings: [{ message: 'without `set -o pipefail`', line: 3, column: 1 }],
    },
  ],
});
