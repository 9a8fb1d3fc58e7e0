// What image rules read from the package attribution (analyzers/packages): which packages only a
// build needs, by their own metadata, and which package owns a final path.
import { type PackageUsage, packageId, packagePaths } from '../analyzers/packages/index.js';
import type { ImageAnalysis } from '../model/types.js';
import { humanBytes } from './image-kit.js';

const SYSTEM = new Set(['deb', 'apk', 'rpm']);
/** compilers, linkers and build tools by package name (every distribution's spelling) */
const BUILD_TOOL =
  /^(?:gcc|g\+\+|cpp|c\+\+|clang|llvm|lld|binutils|make|cmake|ninja(?:-build)?|autoconf|automake|libtool|pkg-?conf(?:ig)?|m4|bison|flex|build-base|build-essential|dpkg-dev|golang|go|rustc|rust|cargo|musl-dev|kernel-headers|glibc-headers|linux-libc-dev)(?:-[\d.]+)?(?:-[a-z0-9_-]+)?$/;

/** True when the package's own metadata says only a build needs it. */
export function isBuildOnlyPackage(p: PackageUsage): boolean {
  if (!SYSTEM.has(p.ecosystem)) return false;
  const name = p.name.replace(/:[a-z0-9]+$/, ''); // dpkg's multi-arch suffix
  if (p.section === 'devel' || p.section === 'libdevel' || p.section?.startsWith('Development/')) return true;
  return /-dev$|-devel$|-headers$/.test(name) || BUILD_TOOL.test(name);
}

export interface PackageOwnership {
  /** the packages of the image, by package id */
  byId: Map<string, PackageUsage>;
  /** the id of the package owning a final path */
  ownerOf(path: string): string | undefined;
}

const cache = new WeakMap<ImageAnalysis, PackageOwnership | undefined>();

/** Which package owns each final path, when the image has a system package database (else undefined). */
export function packageOwnership(analysis: ImageAnalysis): PackageOwnership | undefined {
  if (cache.has(analysis)) return cache.get(analysis);
  let out: PackageOwnership | undefined;
  const report = analysis.packages;
  if (report && report.databases.length > 0) {
    const byId = new Map(report.packages.map((p) => [packageId(p.ecosystem, p.name, p.location), p]));
    const owner = new Map<string, string>();
    for (const [id, paths] of packagePaths(analysis.image.layers, analysis.stack))
      for (const path of paths) owner.set(path, id);
    out = { byId, ownerOf: (path) => owner.get(path) };
  }
  cache.set(analysis, out);
  return out;
}

/** "gcc-12 (69.8 MB), cpp-12 (34.6 MB) and 3 more" */
export function packageList(packages: PackageUsage[], shown = 4): string {
  const named = packages.slice(0, shown).map((p) => `${p.name} (${humanBytes(p.bytes)})`);
  const more = packages.length - shown;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
}

/** The command that removes these packages, in their package manager's words. */
export function removeCommand(packages: PackageUsage[]): string | undefined {
  const names = packages.map((p) => p.name.replace(/:[a-z0-9]+$/, ''));
  if (names.length === 0) return undefined;
  switch (packages[0]?.ecosystem) {
    case 'deb':
      return `apt-get purge -y --auto-remove ${names.join(' ')}`;
    case 'apk':
      return `apk del ${names.join(' ')}`;
    case 'rpm':
      return `dnf remove -y ${names.join(' ')}`;
    default:
      return undefined;
  }
}
