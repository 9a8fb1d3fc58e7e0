import rule from '../../src/rules/deleted-but-shipped.js';
import { imageRuleTable } from './image-table.js';

const base = { files: [{ path: 'bin/sh', size: 50 }], createdBy: '/bin/sh -c #(nop) ADD file:abc in / ' };

imageRuleTable(rule, {
  valid: [
    { name: 'nothing removed', recipe: { layers: [base, { files: [{ path: 'app/a', size: 10 }] }] } },
    {
      name: 'whiteout of a path that never existed',
      recipe: { layers: [base, { files: [{ path: 'nothere', type: 'whiteout' }] }] },
    },
    {
      name: 'only empty files and directories removed',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'd', type: 'dir' },
              { path: 'd/empty', size: 0 },
            ],
          },
          { files: [{ path: 'd', type: 'whiteout' }] },
        ],
      },
    },
    {
      name: 'below minBytes',
      options: { minBytes: 1000 },
      recipe: { layers: [base, { files: [{ path: 'f', size: 999 }] }, { files: [{ path: 'f', type: 'whiteout' }] }] },
    },
  ],
  invalid: [
    {
      name: 'whiteout of a file',
      recipe: {
        layers: [
          base,
          { files: [{ path: 'data/big.bin', size: 3000 }] },
          { files: [{ path: 'data/big.bin', type: 'whiteout' }] },
        ],
      },
      findings: [
        {
          layer: 2,
          paths: ['/data/big.bin'],
          bytes: 3000,
          message: 'removes 1 file (3.00 kB) that layer 1 shipped',
          data: {
            createdLayers: [1],
            createdLayer: 1,
            removedLayer: 2,
            removedPaths: ['/data/big.bin'],
            fileCount: 1,
            how: ['whiteout'],
          },
        },
      ],
    },
    {
      name: 'a parent directory and a file removed by one layer: one finding, largest paths first',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'app', type: 'dir' },
              { path: 'app/a', size: 100 },
              { path: 'app/sub', type: 'dir' },
              { path: 'app/sub/b', size: 300 },
            ],
          },
          { files: [{ path: 'x', size: 200 }] },
          {
            files: [
              { path: 'app', type: 'whiteout' },
              { path: 'x', type: 'whiteout' },
            ],
          },
        ],
      },
      findings: [
        {
          layer: 3,
          paths: ['/app/sub/b', '/x', '/app/a'],
          bytes: 600,
          data: {
            createdLayers: [1, 2],
            createdLayer: 2,
            removedLayer: 3,
            removedPaths: ['/app', '/x'],
            fileCount: 3,
            how: ['parent', 'whiteout'],
          },
        },
      ],
    },
    {
      name: 'opaque directory',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'cache', type: 'dir' },
              { path: 'cache/f', size: 500 },
            ],
          },
          {
            files: [
              { path: 'cache', type: 'opaque' },
              { path: 'cache/new', size: 10 },
            ],
          },
        ],
      },
      findings: [{ layer: 2, paths: ['/cache/f'], bytes: 500, data: { removedPaths: ['/cache'], how: ['opaque'] } }],
    },
    {
      name: 'two removing layers give two findings; the paths are capped at 10',
      recipe: {
        layers: [
          base,
          {
            files: Array.from({ length: 12 }, (_, i) => ({
              path: `many/f${String(i).padStart(2, '0')}`,
              size: 100 + i,
            })),
          },
          { files: [{ path: 'many', type: 'whiteout' }] },
          { files: [{ path: 'tmpfile', size: 7 }] },
          { files: [{ path: 'tmpfile', type: 'whiteout' }] },
        ],
      },
      findings: [
        {
          layer: 2,
          paths: [
            '/many/f11',
            '/many/f10',
            '/many/f09',
            '/many/f08',
            '/many/f07',
            '/many/f06',
            '/many/f05',
            '/many/f04',
            '/many/f03',
            '/many/f02',
          ],
          bytes: 12 * 100 + 66,
          data: { fileCount: 12 },
        },
        { layer: 4, paths: ['/tmpfile'], bytes: 7 },
      ],
    },
    {
      name: 'reported on the RUN that deletes',
      dockerfile: 'FROM scratch\nCOPY big.bin /data/big.bin\nRUN rm /data/big.bin\n',
      recipe: {
        layers: [
          {
            files: [{ path: 'data/big.bin', size: 3000 }],
            createdBy: '/bin/sh -c #(nop) COPY file:abc in /data/big.bin ',
          },
          { files: [{ path: 'data/big.bin', type: 'whiteout' }], createdBy: '/bin/sh -c rm /data/big.bin' },
        ],
      },
      findings: [{ layer: 1, line: 3, bytes: 3000 }],
    },
  ],
});
