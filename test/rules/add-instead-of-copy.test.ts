import rule from '../../src/rules/add-instead-of-copy.js';
import { ruleTable } from './dockerfile-table.js';

ruleTable(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY app /app',
    'FROM alpine:3.20\nADD https://example.com/tool.tgz /opt/',
    'FROM alpine:3.20\nADD rootfs.tar.gz /',
    'FROM alpine:3.20\nADD git@github.com:org/repo.git /src',
    'FROM alpine:3.20\nADD <<EOF /x\nhi\nEOF',
  ],
  invalid: [
    {
      code: 'FROM busybox:1.36\nADD README.md /somefile.txt',
      findings: [
        {
          message: 'ADD copies local README.md: use COPY',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 4,
          data: { instructionIndex: 1, sources: ['README.md'], keywordOffset: 18 },
          suggestion: 'COPY README.md /somefile.txt',
        },
      ],
    },
    {
      code: 'FROM alpine:3.20\nadd --chown=1000 ["a b", "c", "/dst/"]',
      findings: [{ message: 'a b, c', line: 2, column: 1, data: { instructionIndex: 1, sources: ['a b', 'c'] } }],
    },
  ],
});
