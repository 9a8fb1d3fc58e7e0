import rule from '../../src/rules/build-toolchain-in-final-image.js';
import { imageRuleTable, runImageRule } from './image-table.js';

const base = {
  files: [
    { path: 'bin/sh', size: 50 },
    { path: 'usr/lib/x86_64-linux-gnu/libgcc_s.so.1', size: 120 },
    { path: 'usr/share/doc/gcc-12-base/copyright', size: 60 },
  ],
};

const stanza = (name: string, section: string, bytes: number) =>
  `Package: ${name}\nStatus: install ok installed\nSection: ${section}\nInstalled-Size: ${Math.ceil(bytes / 1024)}\nArchitecture: amd64\nVersion: 1.0\n`;
const dpkgList = (name: string, ...files: string[]) => ({
  path: `var/lib/dpkg/info/${name}.list`,
  content: ['/.', ...files].join('\n'),
});

const gcc = {
  files: [
    { path: 'usr/lib/gcc/x86_64-linux-gnu/12/cc1', size: 30000 },
    { path: 'usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a', size: 5000 },
    { path: 'usr/bin/x86_64-linux-gnu-gcc-12', size: 1300 },
    { path: 'usr/bin/gcc', type: 'symlink' as const, target: 'gcc-12' },
    { path: 'usr/bin/x86_64-linux-gnu-gcc-ar-12', size: 35 },
    { path: 'usr/bin/make', size: 200 },
  ],
};

imageRuleTable(rule, {
  valid: [
    {
      name: 'runtime libraries only',
      recipe: { layers: [base, { files: [{ path: 'usr/local/bin/hello', size: 16000 }] }] },
    },
    {
      name: 'npm bundles node-gyp: not a native build',
      recipe: {
        layers: [
          base,
          { files: [{ path: 'usr/local/lib/node_modules/npm/node_modules/node-gyp/package.json', size: 3000 }] },
        ],
      },
    },
    {
      name: 'a small /usr/include without -dev packages',
      recipe: { layers: [base, { files: [{ path: 'usr/include/zconf.h', size: 16000 }] }] },
    },
    {
      name: 'a toolchain in the base image',
      recipe: { layers: [{ files: gcc.files }, { files: [{ path: 'app', size: 1 }] }] },
    },
    { name: 'an allowed toolchain', options: { allow: ['gcc'] }, recipe: { layers: [base, gcc] } },
    {
      name: 'a JRE has no javac',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'opt/java/openjdk/bin/java', size: 100 },
              { path: 'opt/java/openjdk/lib/modules', size: 9000 },
            ],
          },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'with a dpkg database: the packages behind each toolchain, by their own metadata, and how to remove them',
      recipe: {
        layers: [
          base,
          {
            files: [
              ...gcc.files,
              { path: 'usr/bin/ld.bfd', size: 1_200_000 },
              { path: 'usr/include/stdio.h', size: 3000 },
              { path: 'usr/lib/libz.so.1', size: 900 },
              {
                path: 'var/lib/dpkg/status',
                content: [
                  stanza('gcc-12', 'devel', 36335 + 35),
                  stanza('binutils-x86-64-linux-gnu', 'devel', 1_200_000),
                  stanza('libc6-dev', 'libdevel', 3000),
                  stanza('zlib1g', 'libs', 900),
                  stanza('make', 'devel', 200),
                ].join('\n'),
              },
              dpkgList(
                'gcc-12',
                '/usr/lib/gcc/x86_64-linux-gnu/12/cc1',
                '/usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a',
                '/usr/bin/x86_64-linux-gnu-gcc-12',
                '/usr/bin/x86_64-linux-gnu-gcc-ar-12',
              ),
              dpkgList('binutils-x86-64-linux-gnu', '/usr/bin/ld.bfd'),
              dpkgList('libc6-dev', '/usr/include/stdio.h'),
              dpkgList('zlib1g', '/usr/lib/libz.so.1'),
              dpkgList('make', '/usr/bin/make'),
            ],
          },
        ],
      },
      findings: [
        {
          layer: 1,
          bytes: 36335,
          message: 'ships GCC (cc1/cc1plus): 36.3 kB in 4 files that only a build needs; packages gcc-12 (36.3 kB)',
          data: { kind: 'gcc', fileCount: 4, packageBytes: [{ name: 'gcc-12', version: '1.0', bytes: 36335 }] },
        },
        {
          layer: 1,
          bytes: 3000,
          message:
            'ships 1 development package (libc6-dev) and 3.00 kB of C headers in /usr/include: 3.00 kB in 1 file that only a build needs; packages libc6-dev (3.00 kB)',
          data: { kind: 'headers', packages: ['libc6-dev'] },
        },
        {
          layer: 1,
          bytes: 1_200_200,
          message:
            'ships 2 more build-only packages: 1.20 MB in 2 files that only a build needs; packages binutils-x86-64-linux-gnu (1.20 MB), make (200 B)',
          data: { kind: 'packages', fileCount: 2 },
        },
      ],
    },
    {
      name: 'gcc: cc1 found, bytes of /usr/lib/gcc and the drivers',
      recipe: { layers: [base, gcc] },
      findings: [
        {
          layer: 1,
          paths: [
            '/usr/lib/gcc/x86_64-linux-gnu/12/cc1',
            '/usr/lib/gcc/x86_64-linux-gnu/12/libgcc.a',
            '/usr/bin/x86_64-linux-gnu-gcc-12',
            '/usr/bin/x86_64-linux-gnu-gcc-ar-12',
          ],
          bytes: 36335,
          message: 'ships GCC (cc1/cc1plus): 36.3 kB in 4 files',
          data: { kind: 'gcc', fileCount: 4 },
        },
      ],
    },
    {
      name: '-dev packages and /usr/include',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'usr/share/doc/libc6-dev', type: 'dir' },
              { path: 'var/lib/dpkg/info/linux-libc-dev:amd64.list', size: 30 },
              { path: 'usr/include/stdio.h', size: 3000 },
              { path: 'usr/include/linux/types.h', size: 2000 },
            ],
          },
        ],
      },
      findings: [
        {
          layer: 1,
          paths: ['/usr/include/stdio.h', '/usr/include/linux/types.h'],
          bytes: 5000,
          message: 'ships 2 development packages (libc6-dev, linux-libc-dev)',
          data: { kind: 'headers', packages: ['libc6-dev', 'linux-libc-dev'] },
        },
      ],
    },
    {
      name: 'a large /usr/include alone (alpine: no dpkg)',
      options: { includeMinBytes: 4000 },
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'usr/include/a.h', size: 2500 },
              { path: 'usr/include/b.h', size: 2500 },
            ],
          },
        ],
      },
      findings: [{ layer: 1, bytes: 5000, data: { kind: 'headers', packages: [] } }],
    },
    {
      name: 'Go, Rust, JDK, clang and node-gyp, each with the bytes removing it would save',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'usr/local/go/pkg/tool/linux_amd64/compile', size: 1000 },
              { path: 'usr/local/go/bin/go', size: 500 },
              { path: 'usr/local/go/src/fmt/print.go', size: 100 },
            ],
          },
          {
            files: [
              { path: 'usr/local/rustup/toolchains/1.75-x86_64/bin/rustc', size: 700 },
              { path: 'usr/local/rustup/toolchains/1.75-x86_64/lib/librustc_driver.so', size: 3000 },
              { path: 'usr/local/cargo/bin/cargo', size: 40 },
            ],
          },
          {
            files: [
              { path: 'opt/jdk/bin/javac', size: 10 },
              { path: 'opt/jdk/bin/java', size: 10 },
              { path: 'opt/jdk/jmods/java.base.jmod', size: 2000 },
              { path: 'opt/jdk/lib/modules', size: 9000 },
              { path: 'usr/lib/llvm-16/bin/clang', size: 800 },
              { path: 'usr/bin/clang-16', type: 'symlink', target: '../lib/llvm-16/bin/clang' },
              { path: 'root/.cache/node-gyp/20.1.0/include/node/common.gypi', size: 4 },
              { path: 'root/.cache/node-gyp/20.1.0/include/node/node.h', size: 60 },
            ],
          },
        ],
      },
      findings: [
        { layer: 3, bytes: 800, data: { kind: 'clang' } },
        { layer: 1, bytes: 1600, data: { kind: 'go', roots: ['/usr/local/go'] } },
        { layer: 2, bytes: 3740, data: { kind: 'rust', roots: ['/usr/local/rustup/toolchains/1.75-x86_64'] } },
        {
          layer: 3,
          bytes: 2010,
          paths: ['/opt/jdk/jmods/java.base.jmod', '/opt/jdk/bin/javac'],
          data: { kind: 'jdk', roots: ['/opt/jdk'] },
        },
        { layer: 3, bytes: 64, data: { kind: 'node-gyp' } },
      ],
    },
    {
      name: 'on the RUN that installed it',
      dockerfile: 'FROM debian:12\nRUN apt-get install -y gcc\n',
      recipe: {
        layers: [
          { ...base, createdBy: '/bin/sh -c #(nop) ADD file:abc in / ' },
          { ...gcc, createdBy: '/bin/sh -c apt-get install -y gcc' },
        ],
      },
      findings: [{ layer: 1, line: 2, bytes: 36335 }],
    },
  ],
});

test("the fix names the packages to remove, in their package manager's words", async () => {
  const recipe = {
    layers: [
      base,
      {
        files: [
          ...gcc.files,
          { path: 'var/lib/dpkg/status', content: stanza('gcc-12', 'devel', 36370) },
          dpkgList('gcc-12', '/usr/lib/gcc/x86_64-linux-gnu/12/cc1', '/usr/bin/x86_64-linux-gnu-gcc-12'),
        ],
      },
    ],
  };
  const [f] = await runImageRule(rule, { name: 'dpkg', recipe });
  expect(f?.suggestion).toBe(
    'Build in a separate stage and COPY --from only the artifacts into a runtime image without the toolchain. Or remove them in the RUN that installed them: apt-get purge -y --auto-remove gcc-12.',
  );
});
