import rule from '../../src/rules/unknown-user.js';
import { imageRuleTable } from './image-table.js';

const passwd = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n';
const group = 'root:x:0:\napp:x:1000:\n';
const layers = [
  {
    files: [
      { path: 'etc/passwd', content: passwd },
      { path: 'etc/group', content: group },
    ],
  },
];

imageRuleTable(rule, {
  valid: [
    { name: 'no USER', recipe: { layers, config: {} } },
    { name: 'a known user and group', recipe: { layers, config: { User: 'app:app' } } },
    { name: 'numeric ids need no entry', recipe: { layers, config: { User: '4242:4242' } } },
    {
      name: 'numeric ids without /etc/passwd',
      recipe: { layers: [{ files: [{ path: 'app', size: 1 }] }], config: { User: '65532' } },
    },
    {
      name: '/etc/passwd is a symlink: cannot read it, do not guess',
      recipe: {
        layers: [{ files: [{ path: 'etc/passwd', type: 'symlink', target: '/usr/share/passwd' }] }],
        config: { User: 'app' },
      },
    },
    {
      name: 'an /etc/passwd larger than the captured 64 KiB: a missing name is not reported',
      recipe: {
        layers: [
          { files: [{ path: 'etc/passwd', content: `${'u:x:5:5::/:/bin/sh\n'.repeat(4000)}late:x:7:7::/:/bin/sh\n` }] },
        ],
        config: { User: 'late' },
      },
    },
  ],
  invalid: [
    {
      name: 'a user /etc/passwd does not define',
      recipe: { layers, config: { User: 'ghost' } },
      findings: [
        {
          layer: undefined,
          message: 'user "ghost" is not defined in /etc/passwd',
          data: { user: 'ghost', missing: 'user', database: '/etc/passwd', exists: true },
        },
      ],
    },
    {
      name: 'a group /etc/group does not define',
      recipe: { layers, config: { User: 'app:staff' } },
      findings: [{ message: 'group "staff" is not defined in /etc/group', data: { group: 'staff', missing: 'group' } }],
    },
    {
      name: 'no /etc/passwd at all (scratch image)',
      recipe: { layers: [{ files: [{ path: 'app', size: 1 }] }], config: { User: 'app' } },
      findings: [{ message: 'the image has no /etc/passwd', data: { exists: false } }],
    },
    {
      name: 'the user was added to /etc/passwd in a layer that a later layer replaced',
      recipe: {
        layers: [
          {
            files: [
              { path: 'etc/passwd', content: `${passwd}web:x:1001:1001::/:/bin/sh\n` },
              { path: 'etc/group', content: group },
            ],
          },
          { files: [{ path: 'etc/passwd', content: passwd }] },
        ],
        config: { User: 'web' },
      },
      findings: [{ data: { user: 'web', missing: 'user' } }],
    },
    {
      name: 'on the USER line',
      dockerfile: 'FROM scratch\nCOPY etc /etc\nUSER ghost\n',
      recipe: {
        layers: [{ files: layers[0]?.files ?? [], createdBy: '/bin/sh -c #(nop) COPY dir:abc in /etc ' }],
        emptyHistory: [{ before: 1, createdBy: '/bin/sh -c #(nop)  USER ghost' }],
        config: { User: 'ghost' },
      },
      findings: [{ line: 3 }],
    },
  ],
});
