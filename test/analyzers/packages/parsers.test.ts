import { parseApkInstalled } from '../../../src/analyzers/packages/apk.js';
import {
  packageOfListFile,
  parseDpkgList,
  parseDpkgStatus,
  parseMd5sums,
} from '../../../src/analyzers/packages/dpkg.js';
import { databaseFileKind, parseFragment } from '../../../src/analyzers/packages/fragments.js';
import {
  gemFromSpec,
  jarPackage,
  parseEggInstalledFiles,
  parseNpmManifest,
  parsePythonRecord,
} from '../../../src/analyzers/packages/language.js';

// Stanzas as dpkg writes /var/lib/dpkg/status (deb-control(5)): continuation lines, a package
// removed but with its conffiles left, a Multi-Arch: same library.
const STATUS = `Package: coreutils
Essential: yes
Status: install ok installed
Priority: required
Section: utils
Installed-Size: 18062
Maintainer: Michael Stone <mstone@debian.org>
Architecture: amd64
Multi-Arch: foreign
Version: 9.1-1
Pre-Depends: libacl1 (>= 2.2.23), libattr1 (>= 1:2.4.44),
 libc6 (>= 2.34)
Description: GNU core utilities
 This package contains the basic file, shell and text manipulation
 utilities which are expected to exist on every operating system.

Package: libc6
Status: install ok installed
Section: libs
Installed-Size: 12985
Architecture: amd64
Multi-Arch: same
Version: 2.36-9+deb12u4

Package: g++-12
Status: deinstall ok config-files
Section: devel
Installed-Size: 36000
Architecture: amd64
Version: 12.2.0-14

Package: nano
Status: purge ok not-installed
Architecture: amd64
`;

describe('dpkg', () => {
  test('status: installed packages only, with size, section and multi-arch names', () => {
    expect(parseDpkgStatus(STATUS)).toEqual([
      {
        ecosystem: 'deb',
        name: 'coreutils',
        version: '9.1-1',
        files: [],
        declaredSize: 18062 * 1024,
        section: 'utils',
      },
      {
        ecosystem: 'deb',
        name: 'libc6:amd64',
        version: '2.36-9+deb12u4',
        files: [],
        declaredSize: 12985 * 1024,
        section: 'libs',
      },
    ]);
  });

  test('status.d stanzas (distroless) have no Status field and count as installed', () => {
    const stanza = 'Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\nInstalled-Size: 3000\n';
    expect(parseDpkgStatus(stanza, false).map((p) => p.name)).toEqual(['tzdata']);
    expect(parseDpkgStatus(stanza, true)).toEqual([]);
  });

  test('CRLF and a missing trailing newline are read the same', () => {
    expect(parseDpkgStatus(STATUS.replace(/\n/g, '\r\n').trimEnd())).toHaveLength(2);
  });

  test('list files: absolute paths without "/."', () => {
    expect(parseDpkgList('/.\n/usr\n/usr/bin\n/usr/bin/ls\n')).toEqual(['/usr', '/usr/bin', '/usr/bin/ls']);
    expect(packageOfListFile('/var/lib/dpkg/info/libc6:amd64.list')).toBe('libc6:amd64');
    expect(packageOfListFile('/var/lib/dpkg/info/base-files.list')).toBe('base-files');
  });

  test('md5sums (distroless status.d): relative paths made absolute', () => {
    expect(
      parseMd5sums(
        'd41d8cd98f00b204e9800998ecf8427e  usr/share/zoneinfo/UTC\n0123456789abcdef0123456789abcdef  ./etc/timezone\nnot a line\n',
      ),
    ).toEqual(['/usr/share/zoneinfo/UTC', '/etc/timezone']);
  });
});

describe('apk', () => {
  // the shape of /lib/apk/db/installed (apk-tools' installed database)
  const DB = `C:Q1abc=
P:musl
V:1.1.22-r3
A:x86_64
S:368186
I:598016
T:the musl c library (libc) implementation
F:lib
R:libc.musl-x86_64.so.1
a:0:0:777
R:ld-musl-x86_64.so.1

C:Q1def=
P:busybox
V:1.30.1-r2
I:962560
F:bin
R:busybox
F:etc
R:securetty
F:etc/udhcpd
`;
  test('P/V/I and F/R file lists', () => {
    expect(parseApkInstalled(DB)).toEqual([
      {
        ecosystem: 'apk',
        name: 'musl',
        version: '1.1.22-r3',
        declaredSize: 598016,
        files: ['/lib', '/lib/libc.musl-x86_64.so.1', '/lib/ld-musl-x86_64.so.1'],
      },
      {
        ecosystem: 'apk',
        name: 'busybox',
        version: '1.30.1-r2',
        declaredSize: 962560,
        files: ['/bin', '/bin/busybox', '/etc', '/etc/securetty', '/etc/udhcpd'],
      },
    ]);
  });
});

describe('language packages', () => {
  test.each([
    [
      '/app/node_modules/left-pad/package.json',
      '{"name":"left-pad","version":"1.3.0"}',
      'left-pad',
      '1.3.0',
      '/app/node_modules/left-pad/',
    ],
    [
      '/app/node_modules/@types/node/package.json',
      '{"name":"@types/node","version":"20.1.0"}',
      '@types/node',
      '20.1.0',
      '/app/node_modules/@types/node/',
    ],
    [
      '/app/node_modules/a/node_modules/b/package.json',
      '{"name":"b","version":"2.0.0"}',
      'b',
      '2.0.0',
      '/app/node_modules/a/node_modules/b/',
    ],
    ['/app/node_modules/broken/package.json', '{not json', undefined, undefined, undefined],
  ])('npm %s', (path, text, name, version, dir) => {
    const p = parseNpmManifest(path, text);
    if (name === undefined) expect(p).toBeUndefined();
    else expect(p).toEqual({ ecosystem: 'npm', name, version, files: [dir] });
  });

  test('a package.json below a package root is not a package', () => {
    expect(parseNpmManifest('/app/node_modules/x/lib/package.json', '{"name":"y"}')).toBeUndefined();
    expect(parseNpmManifest('/app/package.json', '{"name":"app"}')).toBeUndefined();
  });

  test('python RECORD (PEP 376/627): relative to site-packages, quoted paths, scripts outside it', () => {
    const record = [
      'requests/__init__.py,sha256=abc,4924',
      '"requests/a,b.py",sha256=def,10',
      'requests-2.31.0.dist-info/RECORD,,',
      '../../../bin/normalizer,sha256=x,250',
      '',
    ].join('\n');
    const p = parsePythonRecord('/usr/lib/python3/site-packages/requests-2.31.0.dist-info/RECORD', record);
    expect(p).toEqual({
      ecosystem: 'python',
      name: 'requests',
      version: '2.31.0',
      files: [
        '/usr/lib/python3/site-packages/requests-2.31.0.dist-info/',
        '/usr/lib/python3/site-packages/requests/__init__.py',
        '/usr/lib/python3/site-packages/requests/a,b.py',
        '/usr/lib/python3/site-packages/requests-2.31.0.dist-info/RECORD',
        '/usr/bin/normalizer',
      ],
    });
  });

  test('egg-info installed-files.txt', () => {
    const p = parseEggInstalledFiles(
      '/usr/lib/python3/dist-packages/six-1.16.0-py3.11.egg-info/installed-files.txt',
      '../six.py\n./\nPKG-INFO\n',
    );
    expect(p?.name).toBe('six');
    expect(p?.version).toBe('1.16.0');
    expect(p?.files).toEqual([
      '/usr/lib/python3/dist-packages/six-1.16.0-py3.11.egg-info/',
      '/usr/lib/python3/dist-packages/six.py',
      '/usr/lib/python3/dist-packages/six-1.16.0-py3.11.egg-info/PKG-INFO',
    ]);
  });

  test('gems and jars are named by their file', () => {
    expect(gemFromSpec('/usr/local/bundle/specifications/rack-3.0.8.gemspec')).toEqual({
      ecosystem: 'gem',
      name: 'rack',
      version: '3.0.8',
      files: ['/usr/local/bundle/specifications/rack-3.0.8.gemspec', '/usr/local/bundle/gems/rack-3.0.8/'],
    });
    expect(jarPackage('/app/lib/jackson-databind-2.15.2.jar')).toEqual({
      ecosystem: 'jar',
      name: 'jackson-databind',
      version: '2.15.2',
      files: ['/app/lib/jackson-databind-2.15.2.jar'],
    });
    expect(jarPackage('/app/app.jar')?.version).toBe('');
  });
});

describe('which files are databases', () => {
  test.each([
    ['/var/lib/dpkg/status', 'dpkg-status'],
    ['/var/lib/dpkg/status-old', undefined],
    ['/var/lib/dpkg/info/bash.list', 'dpkg-list'],
    ['/var/lib/dpkg/info/bash.md5sums', undefined],
    ['/var/lib/dpkg/status.d/tzdata', 'dpkg-status'],
    ['/var/lib/dpkg/status.d/tzdata.md5sums', 'dpkg-list'],
    ['/lib/apk/db/installed', 'apk-installed'],
    ['/var/lib/rpm/rpmdb.sqlite', 'rpm-sqlite'],
    ['/usr/lib/sysimage/rpm/rpmdb.sqlite', 'rpm-sqlite'],
    ['/var/lib/rpm/Packages', 'rpm-bdb'],
    ['/srv/node_modules/x/package.json', 'npm-package'],
    ['/srv/package.json', undefined],
    ['/usr/lib/python3.11/site-packages/pip-23.2.1.dist-info/RECORD', 'python-record'],
    ['/app/lib/x.JAR', 'jar'],
    ['/app\n/node_modules/x/package.json', 'npm-package'],
  ])('%j is %s', (path, kind) => {
    expect(databaseFileKind(path)?.kind).toBe(kind);
  });

  test('a database over its cap is a notice, not a guess', () => {
    const f = parseFragment('/var/lib/dpkg/status', 'dpkg-status', undefined, 70 * 1024 * 1024);
    expect(f.unreadable).toBe('/var/lib/dpkg/status is 73400320 bytes, more than the 64 MiB read of such a file');
    expect(f.packages).toBeUndefined();
  });

  test("rpm's Berkeley DB is said to be unsupported", () => {
    expect(parseFragment('/var/lib/rpm/Packages', 'rpm-bdb', undefined, 1000).unreadable).toBe(
      "/var/lib/rpm/Packages: rpm's Berkeley DB / NDB database format is not supported",
    );
  });
});
