import rule from '../../src/rules/world-writable.js';
import { imageRuleTable } from './image-table.js';

imageRuleTable(rule, {
  valid: [
    {
      name: 'scratch dirs, sticky dirs and symlinks',
      recipe: {
        layers: [
          {
            files: [
              { path: 'tmp', type: 'dir', mode: 0o1777 },
              { path: 'tmp/x', size: 1, mode: 0o666 },
              { path: 'var/tmp/y', size: 1, mode: 0o777 },
              { path: 'dev/shm', type: 'dir', mode: 0o777 },
              { path: 'srv/drop', type: 'dir', mode: 0o1777 },
              { path: 'usr/bin/vi', type: 'symlink', target: 'vim', mode: 0o777 },
              { path: 'etc/app.conf', size: 1, mode: 0o664 },
            ],
          },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'o+w files and directories without the sticky bit',
      recipe: {
        layers: [
          { files: [{ path: 'bin/sh', size: 1 }] },
          {
            files: [
              { path: 'app', type: 'dir', mode: 0o777 },
              { path: 'app/config.yml', size: 10, mode: 0o666 },
              { path: 'tmpfoo', size: 1, mode: 0o606 },
            ],
          },
        ],
      },
      findings: [
        {
          layer: 1,
          paths: ['/app', '/app/config.yml', '/tmpfoo'],
          message: '3 world-writable paths: /app/ (0777), /app/config.yml (0666), /tmpfoo (0606)',
          data: {
            entries: [
              { path: '/app', kind: 'dir', mode: '0777' },
              { path: '/app/config.yml', kind: 'file', mode: '0666' },
              { path: '/tmpfoo', kind: 'file', mode: '0606' },
            ],
          },
        },
      ],
    },
    {
      name: 'in the base image: a note',
      recipe: {
        layers: [{ files: [{ path: 'var/log', type: 'dir', mode: 0o777 }] }, { files: [{ path: 'app', size: 1 }] }],
      },
      findings: [{ layer: 0, severity: 'note', paths: ['/var/log'] }],
    },
  ],
});
