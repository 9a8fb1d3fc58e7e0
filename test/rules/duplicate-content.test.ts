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
      name: 'copies smaller than minBytes (default 1024)',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'a', size: 1023, seed: 's' },
              { path: 'b', size: 1023, seed: 's' },
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
          { files: [{ path: 'app/data.bin', size: 4096, seed: 'd' }] },
          {
            files: [
              { path: 'backup/data.bin', size: 4096, seed: 'd' },
              { path: 'srv/copy.bin', size: 4096, seed: 'd' },
            ],
          },
        ],
      },
      findings: [
        {
          layer: 2,
          paths: ['/app/data.bin', '/backup/data.bin', '/srv/copy.bin'],
          bytes: 8192,
          message: '3 identical copies of 4.10 kB',
          data: { size: 4096, copies: 3, layers: [1, 2, 2], keep: '/app/data.bin' },
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
          { files: [{ path: 'etc/big', size: 3000, seed: 'q' }] },
          { files: [{ path: 'app/big', size: 3000, seed: 'q' }] },
        ],
      },
      findings: [{ layer: 1, paths: ['/etc/big', '/app/big'], bytes: 3000 }],
    },
  ],
});
