// The peers' documented bad and good examples, restated as Dockerfiles (see docs/rules/cd-instead-of-workdir.md).
import rule from '../../src/rules/cd-instead-of-workdir.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM alpine:3.20\nWORKDIR /usr/src/app\nRUN git clone https://example.com/repo.git .',
    'FROM alpine:3.20\nRUN echo cd /x',
  ],
  invalid: [
    {
      code: '# hadolint DL3003\nFROM alpine:3.20\nRUN cd /usr/src/app && git clone git@github.com:lukasmartinelli/hadolint.git',
      findings: [
        { message: 'RUN cd /usr/src/app: use WORKDIR', line: 3, column: 5, data: { directory: '/usr/src/app' } },
      ],
    },
    {
      code: '# Trivy DS013\nFROM nginx:1.27\nRUN cd /usr/share/nginx/html && \\\n  echo hi > index.html',
      findings: [{ message: 'RUN cd /usr/share/nginx/html', line: 3, column: 5 }],
    },
  ],
});
