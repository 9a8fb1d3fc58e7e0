// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/legacy-key-value-format.md).
import rule from '../../src/rules/legacy-key-value-format.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM alpine:3.20\nENV DEPS="curl git make"',
    'FROM alpine:3.20\nLABEL a=b c=d',
    'FROM alpine:3.20\nENV A=1 B=2',
  ],
  invalid: [
    {
      code: '# BuildKit LegacyKeyValueFormat\nFROM alpine\nENV DEPS curl git make',
      findings: [
        { message: 'the "key value" form is deprecated, write DEPS=...', line: 3, column: 1, data: { key: 'DEPS' } },
      ],
    },
  ],
});
