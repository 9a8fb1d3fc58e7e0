// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/wget-and-curl.md).
import rule from '../../src/rules/wget-and-curl.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM debian:12\nRUN curl -o /a https://example.com/a\nRUN curl -o /b https://example.com/b',
    'FROM debian:12 AS a\nRUN wget https://example.com/a\nFROM debian:12\nRUN curl -O https://example.com/b',
  ],
  invalid: [
    {
      code: '# hadolint DL4001, Trivy DS014\nFROM debian:12\nRUN wget http://google.com\nRUN curl http://bing.com',
      findings: [{ message: 'uses both wget and curl', line: 4, column: 5, data: { tools: ['curl', 'wget'] } }],
    },
  ],
});
