// Which files of a layer are package databases, how much of each the walk keeps, and what each
// says. The walk captures these files' bytes (up to their cap), parses them with parseFragment, and
// keeps only the fragment: a layer cache never holds a database's bytes.
import { parseApkInstalled } from './apk.js';
import { packageOfListFile, parseDpkgList, parseDpkgStatus, parseMd5sums } from './dpkg.js';
import { goBinaryPackage, parseGoBuildInfo } from './go-buildinfo.js';
import { gemFromSpec, jarPackage, parseEggInstalledFiles, parseNpmManifest, parsePythonRecord } from './language.js';
import type { DatabaseFragment, FragmentKind } from './types.js';

const MiB = 1024 * 1024;

interface KindRule {
  kind: FragmentKind;
  test: (path: string) => boolean;
  /** bytes of content the parse needs (0: the path alone says it all) */
  maxBytes: number;
}

const RPM_DIRS = ['/var/lib/rpm/', '/usr/lib/sysimage/rpm/', '/usr/share/rpm/'];
const inRpmDir = (p: string, base: string) => RPM_DIRS.some((d) => p === `${d}${base}`);

// Order matters: the first rule that matches a path decides.
const RULES: readonly KindRule[] = [
  { kind: 'dpkg-status', test: (p) => p === '/var/lib/dpkg/status', maxBytes: 64 * MiB },
  {
    kind: 'dpkg-list',
    test: (p) =>
      (p.startsWith('/var/lib/dpkg/info/') && p.endsWith('.list') && !p.slice(19).includes('/')) ||
      (p.startsWith('/var/lib/dpkg/status.d/') && p.endsWith('.md5sums') && !p.slice(23).includes('/')),
    maxBytes: 16 * MiB,
  },
  {
    kind: 'dpkg-status',
    test: (p) => p.startsWith('/var/lib/dpkg/status.d/') && !p.slice(23).includes('/') && !p.endsWith('.md5sums'),
    maxBytes: 1 * MiB,
  },
  { kind: 'apk-installed', test: (p) => p === '/lib/apk/db/installed', maxBytes: 64 * MiB },
  { kind: 'rpm-sqlite', test: (p) => inRpmDir(p, 'rpmdb.sqlite'), maxBytes: 512 * MiB },
  { kind: 'rpm-bdb', test: (p) => inRpmDir(p, 'Packages') || inRpmDir(p, 'Packages.db'), maxBytes: 0 },
  { kind: 'npm-package', test: (p) => p.endsWith('/package.json') && p.includes('/node_modules/'), maxBytes: 1 * MiB },
  { kind: 'python-record', test: (p) => p.endsWith('.dist-info/RECORD'), maxBytes: 16 * MiB },
  { kind: 'python-egg', test: (p) => p.endsWith('.egg-info/installed-files.txt'), maxBytes: 16 * MiB },
  { kind: 'gem-spec', test: (p) => p.endsWith('.gemspec') && p.includes('/specifications/'), maxBytes: 0 },
  { kind: 'jar', test: (p) => /\.(?:jar|war|ear)$/i.test(p), maxBytes: 0 },
];

export interface DatabaseFileKind {
  kind: FragmentKind;
  maxBytes: number;
}

/** The kind of package database a regular file is, or undefined for every other file. */
export function databaseFileKind(path: string): DatabaseFileKind | undefined {
  for (const r of RULES) if (r.test(path)) return { kind: r.kind, maxBytes: r.maxBytes };
  return undefined;
}

/**
 * What a database file says. `bytes` is undefined when the file was larger than its kind's cap
 * (the fragment then says it could not be read). rpm's sqlite database is parsed later
 * (readRpmSqlite is asynchronous): its fragment carries the bytes in `pending` until then.
 */
export function parseFragment(
  path: string,
  kind: FragmentKind,
  bytes: Buffer | undefined,
  size: number,
): DatabaseFragment & { pending?: Buffer } {
  const base: DatabaseFragment = { path, kind };
  const cap = RULES.find((r) => r.kind === kind)?.maxBytes ?? 0;
  if (cap > 0 && bytes === undefined)
    return { ...base, unreadable: `${path} is ${size} bytes, more than the ${cap / MiB} MiB read of such a file` };
  const text = () => (bytes ?? Buffer.alloc(0)).toString('utf8');
  switch (kind) {
    case 'dpkg-status':
      return { ...base, packages: parseDpkgStatus(text(), path === '/var/lib/dpkg/status') };
    case 'dpkg-list':
      return {
        ...base,
        list: {
          package: packageOfListFile(path),
          files: path.endsWith('.md5sums') ? parseMd5sums(text()) : parseDpkgList(text()),
        },
      };
    case 'apk-installed':
      return { ...base, packages: parseApkInstalled(text()) };
    case 'rpm-sqlite':
      return { ...base, pending: bytes };
    case 'rpm-bdb':
      return { ...base, unreadable: `${path}: rpm's Berkeley DB / NDB database format is not supported` };
    default: {
      const pkg =
        kind === 'npm-package'
          ? parseNpmManifest(path, text())
          : kind === 'python-record'
            ? parsePythonRecord(path, text())
            : kind === 'python-egg'
              ? parseEggInstalledFiles(path, text())
              : kind === 'gem-spec'
                ? gemFromSpec(path)
                : jarPackage(path);
      return pkg ? { ...base, packages: [pkg] } : base;
    }
  }
}

/** A Go binary's fragment, from the bytes GoBuildInfoScan kept (undefined: not build info after all). */
export function goBinaryFragment(path: string, bytes: Buffer): DatabaseFragment | undefined {
  const info = parseGoBuildInfo(bytes);
  if (info === undefined) return undefined;
  if (info === 'pre-1.18')
    return {
      path,
      kind: 'go-binary',
      unreadable: `${path}: a Go binary built before Go 1.18, whose module list is not read`,
    };
  return { path, kind: 'go-binary', packages: [goBinaryPackage(path, info)] };
}
