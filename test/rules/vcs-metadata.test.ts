import rule from '../../src/rules/vcs-metadata.js';
import { imageRuleTable } from './image-table.js';

const base = { files: [{ path: 'bin/sh', size: 5 }] };

imageRuleTable(rule, {
  valid: [
    {
      name: 'no repositories',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'app/.gitignore', size: 5 },
              { path: 'app/.github/workflows/ci.yml', size: 5 },
            ],
          },
        ],
      },
    },
    {
      name: 'a .git deleted in a later layer (deleted-but-shipped reports its bytes)',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'app/.git', type: 'dir' },
              { path: 'app/.git/HEAD', size: 20 },
            ],
          },
          { files: [{ path: 'app/.git', type: 'whiteout' }] },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'a .git directory, with its bytes; nested metadata belongs to it',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'app/.git', type: 'dir' },
              { path: 'app/.git/HEAD', size: 20 },
              { path: 'app/.git/objects/pack/p.pack', size: 5000 },
              { path: 'app/.git/modules/x/.git', size: 10 },
              { path: 'app/main.go', size: 100 },
            ],
          },
        ],
      },
      findings: [
        {
          layer: 1,
          paths: ['/app/.git'],
          bytes: 5030,
          message: '/app/.git: git metadata ships in the image (3 files, 5.03 kB)',
          data: { vcs: 'git', root: '/app/.git', fileCount: 3 },
        },
      ],
    },
    {
      name: '.svn and .hg, and a .git worktree file',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'srv/a/.svn/wc.db', size: 30 },
              { path: 'srv/b/.hg/store/data', size: 40 },
              { path: 'srv/c/.git', size: 25 },
            ],
          },
        ],
      },
      findings: [
        { layer: 1, paths: ['/srv/a/.svn'], bytes: 30, data: { vcs: 'Subversion' } },
        { layer: 1, paths: ['/srv/b/.hg'], bytes: 40, data: { vcs: 'Mercurial' } },
        { layer: 1, paths: ['/srv/c/.git'], bytes: 25, data: { vcs: 'git' } },
      ],
    },
  ],
});
