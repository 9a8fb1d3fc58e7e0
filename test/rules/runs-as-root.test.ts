import rule from '../../src/rules/runs-as-root.js';
import { imageRuleTable } from './image-table.js';

const passwd = 'root:x:0:0:root:/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n';
const layers = [{ files: [{ path: 'etc/passwd', content: passwd }] }];

imageRuleTable(rule, {
  valid: [
    { name: 'numeric non-root user', recipe: { layers, config: { User: '1000' } } },
    { name: 'named non-root user', recipe: { layers, config: { User: 'app:app' } } },
    { name: 'uid:gid with root group', recipe: { layers, config: { User: '1000:0' } } },
    { name: 'windows images', recipe: { layers, os: 'windows', config: {} } },
    {
      name: 'a name /etc/passwd does not know (unknown-user reports it)',
      recipe: { layers, config: { User: 'ghost' } },
    },
  ],
  invalid: [
    {
      name: 'no USER',
      recipe: { layers, config: {} },
      findings: [{ layer: undefined, message: 'sets no USER', data: { user: '', uid: 0 } }],
    },
    {
      name: 'USER root',
      recipe: { layers, config: { User: 'root' } },
      findings: [{ message: 'runs as root (USER root)' }],
    },
    { name: 'USER 0:0', recipe: { layers, config: { User: '0:0' } }, findings: [{ data: { user: '0:0' } }] },
    {
      name: 'a name with uid 0 in /etc/passwd',
      recipe: { layers, config: { User: 'toor' } },
      findings: [{ message: 'uid 0 in /etc/passwd' }],
    },
    {
      name: 'on the USER line',
      dockerfile: 'FROM scratch\nCOPY passwd /etc/passwd\nUSER root\n',
      recipe: {
        layers: [
          {
            files: [{ path: 'etc/passwd', content: passwd }],
            createdBy: '/bin/sh -c #(nop) COPY file:abc in /etc/passwd ',
          },
        ],
        emptyHistory: [{ before: 1, createdBy: '/bin/sh -c #(nop)  USER root' }],
        config: { User: 'root' },
      },
      findings: [{ line: 3, data: { instructionIndex: 2 } }],
    },
  ],
});
