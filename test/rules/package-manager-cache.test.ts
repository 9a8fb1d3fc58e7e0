import rule from '../../src/rules/package-manager-cache.js';
import { imageRuleTable } from './image-table.js';

const base = { files: [{ path: 'bin/sh', size: 50 }], createdBy: '/bin/sh -c #(nop) ADD file:abc in / ' };

imageRuleTable(rule, {
  valid: [
    { name: 'no caches', recipe: { layers: [base, { files: [{ path: 'app/main', size: 100 }] }] } },
    {
      name: 'empty cache directories and the apt lock',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'var/lib/apt/lists/partial', type: 'dir' },
              { path: 'var/lib/apt/lists/lock', size: 0 },
              { path: 'root/.cache/pip', type: 'dir' },
            ],
          },
        ],
      },
    },
    {
      name: 'caches cleaned in a later layer are not in the final filesystem (deleted-but-shipped reports them)',
      recipe: {
        layers: [
          base,
          { files: [{ path: 'var/cache/apk/APKINDEX.tar.gz', size: 500 }] },
          { files: [{ path: 'var/cache/apk', type: 'opaque' }] },
        ],
      },
    },
    {
      name: 'caches of the base image',
      recipe: {
        layers: [
          { files: [{ path: 'var/lib/apt/lists/x_Packages', size: 9000 }] },
          { files: [{ path: 'app', size: 1 }] },
        ],
      },
    },
    {
      name: 'a dependency directory that is not a cache (.yarn/cache is zero-install)',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'app/.yarn/cache/pkg.zip', size: 100 },
              { path: 'app/node_modules/x/index.js', size: 10 },
            ],
          },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'apt lists and .debs from one layer: one finding per kind',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'var/lib/apt/lists/deb_Packages', size: 5000 },
              { path: 'var/lib/apt/lists/deb_InRelease', size: 700 },
              { path: 'var/cache/apt/archives/gcc_12_amd64.deb', size: 3000 },
              { path: 'var/cache/apt/pkgcache.bin', size: 1000 },
              { path: 'var/cache/apt/archives/lock', size: 0 },
            ],
          },
        ],
      },
      findings: [
        { layer: 1, paths: ['/var/cache/apt'], bytes: 4000, data: { kind: 'apt-archives', fileCount: 2 } },
        {
          layer: 1,
          paths: ['/var/lib/apt/lists'],
          bytes: 5700,
          message: 'apt-lists cache: 2 files (5.70 kB)',
          data: { kind: 'apt-lists', roots: ['/var/lib/apt/lists'] },
        },
      ],
    },
    {
      name: 'language caches in any home directory, per creating layer',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'root/.cache/pip/http/a', size: 100 },
              { path: 'home/app/.cache/pip/wheels/b', size: 50 },
            ],
          },
          {
            files: [
              { path: 'root/.npm/_cacache/index-v5/x', size: 20 },
              { path: 'usr/local/share/.cache/yarn/v6/pkg', size: 30 },
              { path: 'root/.local/share/pnpm/store/v3/f', size: 40 },
              { path: 'root/.cache/go-build/ab/cd', size: 60 },
              { path: 'usr/local/cargo/.cargo/registry/cache/x.crate', size: 70 },
              { path: 'root/.m2/repository/org/x.jar', size: 80 },
              { path: 'var/cache/apk/APKINDEX.tar.gz', size: 90 },
              { path: 'var/cache/dnf/repo.solv', size: 11 },
              { path: 'var/cache/yum/x', size: 12 },
              { path: 'root/.gradle/caches/x.bin', size: 13 },
            ],
          },
        ],
      },
      findings: [
        {
          layer: 1,
          paths: ['/home/app/.cache/pip', '/root/.cache/pip'],
          bytes: 150,
          data: { kind: 'pip', fileCount: 2 },
        },
        { layer: 2, paths: ['/var/cache/apk'], bytes: 90, data: { kind: 'apk' } },
        { layer: 2, paths: ['/usr/local/cargo/.cargo/registry'], bytes: 70, data: { kind: 'cargo' } },
        { layer: 2, paths: ['/var/cache/dnf'], bytes: 11, data: { kind: 'dnf' } },
        { layer: 2, paths: ['/root/.cache/go-build'], bytes: 60, data: { kind: 'go-build' } },
        { layer: 2, paths: ['/root/.gradle/caches'], bytes: 13, data: { kind: 'gradle' } },
        { layer: 2, paths: ['/root/.m2/repository'], bytes: 80, data: { kind: 'maven' } },
        { layer: 2, paths: ['/root/.npm/_cacache'], bytes: 20, data: { kind: 'npm' } },
        { layer: 2, paths: ['/root/.local/share/pnpm/store'], bytes: 40, data: { kind: 'pnpm' } },
        { layer: 2, paths: ['/usr/local/share/.cache/yarn'], bytes: 30, data: { kind: 'yarn' } },
        { layer: 2, paths: ['/var/cache/yum'], bytes: 12, data: { kind: 'yum' } },
      ],
    },
    {
      name: 'the same cache filled by two layers: one finding each, with only the bytes each still ships',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'var/lib/apt/lists/a', size: 100 },
              { path: 'var/lib/apt/lists/b', size: 10 },
            ],
          },
          { files: [{ path: 'var/lib/apt/lists/a', size: 120, seed: 'new' }] },
        ],
      },
      findings: [
        { layer: 1, bytes: 10, data: { kind: 'apt-lists', fileCount: 1 } },
        { layer: 2, bytes: 120, data: { kind: 'apt-lists', fileCount: 1 } },
      ],
    },
    {
      name: 'base-image caches with includeBaseImage',
      options: { includeBaseImage: true },
      recipe: {
        layers: [
          { files: [{ path: 'var/lib/apt/lists/x_Packages', size: 9000 }] },
          { files: [{ path: 'app', size: 1 }] },
        ],
      },
      findings: [{ layer: 0, bytes: 9000 }],
    },
    {
      name: 'on the RUN line that filled the cache',
      dockerfile: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      recipe: {
        layers: [
          base,
          {
            files: [{ path: 'var/lib/apt/lists/x', size: 900 }],
            createdBy: '/bin/sh -c apt-get update && apt-get install -y curl',
          },
        ],
      },
      findings: [{ layer: 1, line: 2, bytes: 900 }],
    },
  ],
});
