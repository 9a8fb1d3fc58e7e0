import rule from '../../src/rules/overwritten-file.js';
import { imageRuleTable } from './image-table.js';

const base = { files: [{ path: 'bin/sh', size: 50 }] };

imageRuleTable(rule, {
  valid: [
    {
      name: 'files added once',
      recipe: { layers: [base, { files: [{ path: 'a', size: 10 }] }, { files: [{ path: 'b', size: 10 }] }] },
    },
    {
      name: 'directories re-shipped with the same metadata',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'd', type: 'dir' },
              { path: 'd/a', size: 1 },
            ],
          },
          {
            files: [
              { path: 'd', type: 'dir' },
              { path: 'd/b', size: 1 },
            ],
          },
        ],
      },
    },
    {
      name: 'an empty file replaced',
      recipe: { layers: [base, { files: [{ path: 'e', size: 0 }] }, { files: [{ path: 'e', size: 10 }] }] },
    },
    {
      name: 'below minBytes',
      options: { minBytes: 100 },
      recipe: {
        layers: [base, { files: [{ path: 'f', size: 99 }] }, { files: [{ path: 'f', size: 99, mode: 0o755 }] }],
      },
    },
  ],
  invalid: [
    {
      name: 'chmod re-ships the whole file (metadata only)',
      recipe: {
        layers: [
          base,
          { files: [{ path: 'app/run.sh', size: 4000 }] },
          { files: [{ path: 'app/run.sh', size: 4000, mode: 0o755 }] },
        ],
      },
      findings: [
        {
          layer: 2,
          paths: ['/app/run.sh'],
          bytes: 4000,
          message: 'chmod/chown re-ships the whole file',
          data: {
            replacedLayers: [1],
            metadataOnly: true,
            metadataOnlyBytes: 4000,
            metadataOnlyPaths: ['/app/run.sh'],
            fileCount: 1,
          },
        },
      ],
    },
    {
      name: 'content replaced and chown in one layer: one finding, mixed',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'etc/app.conf', size: 300 },
              { path: 'srv/data', size: 900 },
            ],
          },
          {
            files: [
              { path: 'etc/app.conf', size: 310, seed: 'v2' },
              { path: 'srv/data', size: 900, uid: 1000 },
            ],
          },
        ],
      },
      findings: [
        {
          layer: 2,
          paths: ['/srv/data', '/etc/app.conf'],
          bytes: 1200,
          message: '1 of them only changed metadata',
          data: { metadataOnly: false, metadataOnlyBytes: 900, metadataOnlyPaths: ['/srv/data'], fileCount: 2 },
        },
      ],
    },
    {
      name: 'one finding per replacing layer; the base image counts as replaced',
      recipe: {
        layers: [
          { files: [{ path: 'etc/passwd', size: 500 }] },
          { files: [{ path: 'etc/passwd', size: 530, seed: 'p2' }] },
          { files: [{ path: 'etc/passwd', size: 560, seed: 'p3' }] },
        ],
      },
      findings: [
        { layer: 1, paths: ['/etc/passwd'], bytes: 500, data: { replacedLayers: [0], metadataOnly: false } },
        { layer: 2, paths: ['/etc/passwd'], bytes: 530, data: { replacedLayers: [1] } },
      ],
    },
    {
      name: 'reported on the chmod line',
      dockerfile: 'FROM scratch\nCOPY run.sh /run.sh\nRUN chmod +x /run.sh\n',
      recipe: {
        layers: [
          { files: [{ path: 'run.sh', size: 64 }], createdBy: '/bin/sh -c #(nop) COPY file:abc in /run.sh ' },
          { files: [{ path: 'run.sh', size: 64, mode: 0o755 }], createdBy: '/bin/sh -c chmod +x /run.sh' },
        ],
      },
      findings: [{ layer: 1, line: 3, bytes: 64 }],
    },
  ],
});
