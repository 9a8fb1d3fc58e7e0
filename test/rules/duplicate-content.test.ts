import rule from '../../src/rules/duplicate-content.js';
import { imageRuleTable } from './image-table.js';

const base = { files: [{ path: 'bin/sh', size: 50 }] };

imageRuleTable(rule, {
  valid: [
    {
      name: 'different content',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'a', size: 2000 },
              { path: 'b', size: 2000 },
            ],
          },
        ],
      },
    },
    {
      name: 'hardlinks share their bytes',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'a', size: 2000 },
              { path: 'b', type: 'hardlink', target: 'a' },
            ],
          },
        ],
      },
    },
    {
      name: 'a layer whose copies waste less than minBytes (default 16384) in all',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'a', size: 8000, seed: 's' },
              { path: 'b', size: 8000, seed: 's' },
              { path: 'c', size: 8383, seed: 't' },
              { path: 'd', size: 8383, seed: 't' },
            ],
          },
        ],
      },
    },
    {
      name: 'copies only in the base image',
      recipe: {
        layers: [
          {
            files: [
              { path: 'usr/share/doc/a/copyright', size: 5000, seed: 'gpl' },
              { path: 'usr/share/doc/b/copyright', size: 5000, seed: 'gpl' },
            ],
          },
          { files: [{ path: 'app', size: 1 }] },
        ],
      },
    },
    {
      name: 'a copy that was deleted is not in the final filesystem',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'a', size: 2000, seed: 's' },
              { path: 'b', size: 2000, seed: 's' },
            ],
          },
          { files: [{ path: 'b', type: 'whiteout' }] },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'three copies: wasted = 2 x size, on the newest copy',
      recipe: {
        layers: [
          base,
          { files: [{ path: 'app/data.bin', size: 20000, seed: 'd' }] },
          {
            files: [
              { path: 'backup/data.bin', size: 20000, seed: 'd' },
              { path: 'srv/copy.bin', size: 20000, seed: 'd' },
            ],
          },
        ],
      },
      findings: [
        {
          layer: 2,
          paths: ['/app/data.bin', '/backup/data.bin', '/srv/copy.bin'],
          bytes: 40000,
          message:
            '1 group of identical files waste 40.0 kB: 3 copies of 20.0 kB (/app/data.bin, /backup/data.bin, /srv/copy.bin) in layers 1, 2',
          data: {
            groups: [{ size: 20000, copies: 3, layers: [1, 2, 2], keep: '/app/data.bin', wastedBytes: 40000 }],
            groupCount: 1,
            smallerGroups: 0,
            smallerBytes: 0,
          },
        },
      ],
    },
    {
      name: 'one finding per layer: the large groups listed, largest first, the long tail counted',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'big/a', size: 30000, seed: 'big' },
              { path: 'big/b', size: 30000, seed: 'big' },
              { path: 'mid/a', size: 20000, seed: 'mid' },
              { path: 'mid/b', size: 20000, seed: 'mid' },
              ...Array.from({ length: 40 }, (_, k) => [
                { path: `doc/p${k}/copyright`, size: 100 + k, seed: `c${k}` },
                { path: `doc/q${k}/copyright`, size: 100 + k, seed: `c${k}` },
              ]).flat(),
            ],
          },
        ],
      },
      findings: [
        {
          layer: 1,
          paths: ['/big/a', '/big/b', '/mid/a', '/mid/b'],
          bytes: 30000 + 20000 + 40 * 100 + (39 * 40) / 2,
          message:
            '42 groups of identical files waste 54.8 kB: 2 copies of 30.0 kB (/big/a, /big/b) in layer 1; 2 copies of 20.0 kB (/mid/a, /mid/b) in layer 1; and 40 more groups (4.78 kB)',
          data: { groupCount: 42, smallerGroups: 40, smallerBytes: 40 * 100 + (39 * 40) / 2 },
        },
      ],
    },
    {
      name: 'a layer of small copies only: reported when their sum reaches minBytes, as a count',
      options: { minBytes: 1000 },
      recipe: {
        layers: [
          base,
          {
            files: Array.from({ length: 20 }, (_, k) => [
              { path: `doc/p${k}`, size: 60, seed: `c${k}` },
              { path: `doc/q${k}`, size: 60, seed: `c${k}` },
            ]).flat(),
          },
        ],
      },
      findings: [
        {
          layer: 1,
          paths: [],
          bytes: 1200,
          message: '20 groups of identical files waste 1.20 kB, each under 1.00 kB',
          data: { groups: [], groupCount: 20, smallerGroups: 20, smallerBytes: 1200 },
        },
      ],
    },
    {
      name: 'base-image copies are reported with includeBaseImage, and minBytes lowers the floor',
      options: { includeBaseImage: true, minBytes: 10 },
      recipe: {
        layers: [
          {
            files: [
              { path: 'x', size: 10, seed: 'z' },
              { path: 'y', size: 10, seed: 'z' },
            ],
          },
          { files: [{ path: 'app', size: 1 }] },
        ],
      },
      findings: [{ layer: 0, paths: ['/x', '/y'], bytes: 10 }],
    },
    {
      name: 'a base copy duplicated by a user layer',
      recipe: {
        layers: [
          { files: [{ path: 'etc/big', size: 30000, seed: 'q' }] },
          { files: [{ path: 'app/big', size: 30000, seed: 'q' }] },
        ],
      },
      findings: [{ layer: 1, paths: ['/etc/big', '/app/big'], bytes: 30000 }],
    },
  ],
});
