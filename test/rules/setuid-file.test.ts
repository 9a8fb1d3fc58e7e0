import rule from '../../src/rules/setuid-file.js';
import { imageRuleTable } from './image-table.js';

imageRuleTable(rule, {
  valid: [
    {
      name: 'ordinary modes',
      recipe: {
        layers: [
          {
            files: [
              { path: 'bin/sh', size: 5, mode: 0o755 },
              { path: 'tmp', type: 'dir', mode: 0o1777 },
            ],
          },
        ],
      },
    },
    {
      name: 'a setuid file whose bit a later layer removed',
      recipe: {
        layers: [
          { files: [{ path: 'bin/su', size: 5, mode: 0o4755 }] },
          { files: [{ path: 'bin/su', size: 5, mode: 0o755 }] },
        ],
      },
    },
    {
      name: 'setgid directories are not files',
      recipe: { layers: [{ files: [{ path: 'srv/shared', type: 'dir', mode: 0o2775 }] }] },
    },
  ],
  invalid: [
    {
      name: 'base image files are notes, files a user layer adds are warnings',
      recipe: {
        layers: [
          {
            files: [
              { path: 'bin/su', size: 5, mode: 0o4755 },
              { path: 'usr/bin/wall', size: 5, mode: 0o2755, gid: 5 },
            ],
          },
          { files: [{ path: 'usr/local/bin/helper', size: 5, mode: 0o6755, uid: 1000 }] },
        ],
      },
      findings: [
        {
          layer: 0,
          severity: 'note',
          paths: ['/bin/su', '/usr/bin/wall'],
          message: '2 setuid/setgid files: /bin/su (setuid root), /usr/bin/wall (setgid root)',
          data: {
            files: [
              { path: '/bin/su', mode: '4755', uid: 0, setuid: true, setgid: false },
              { path: '/usr/bin/wall', mode: '2755', gid: 5, setuid: false, setgid: true },
            ],
          },
        },
        { layer: 1, paths: ['/usr/local/bin/helper'], message: 'setuid+setgid uid 1000' },
      ],
    },
  ],
});
