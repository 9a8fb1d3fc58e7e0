// Every byte of the image to the package that owns it: final files to the package the final
// databases name, shadowed and deleted copies to the package that owned them when they shipped.

import type { FileEntry, Overwrite, Removal, StackedImage } from '../../model/types.js';
import { type DatabaseSnapshot, type InstalledPackage, isSystemEcosystem } from './database-state.js';
import type { Ecosystem } from './types.js';

export interface PackageUsage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** where a language package is installed (its directory); system packages have none */
  location?: string;
  /** bytes of its regular files in the final filesystem */
  bytes: number;
  /** its files and links in the final filesystem */
  files: number;
  /** the layer whose databases first list it */
  installedIn: number;
  /** layers whose databases list another version */
  upgradedIn: number[];
  /** the layer whose databases no longer list it; its shipped files may still be in the image */
  removedIn?: number;
  /** bytes of its copies that a later layer deleted or replaced (shipped, never used) */
  wastedBytes: number;
  declaredSize?: number;
  section?: string;
  /** a Go binary's dependencies, "module@version" */
  modules?: string[];
}

export interface PackageReport {
  /** database files read in the final image, and notices about the ones that could not be */
  databases: string[];
  packages: PackageUsage[];
  byEcosystem: Partial<Record<Ecosystem, { bytes: number; packages: number }>>;
  /** final files no package owns: what the Dockerfile copied in, build outputs, caches; the
   * largest directories (three levels deep at most) first */
  unowned: { bytes: number; files: number; largest: { directory: string; bytes: number; files: number }[] };
  /** bytes of deleted or replaced copies no package owned */
  unownedWastedBytes: number;
  /** databases that could not be read, or that there were none */
  notices: string[];
}

/** Resolves a path to the package owning it in one snapshot: exact claims, then the deepest directory prefix. */
class Owners {
  private readonly exact = new Map<string, string>();
  private readonly prefixes = new Map<string, string>();

  constructor(packages: Iterable<InstalledPackage>, canonical: (path: string) => string) {
    // language packages first so that a system package's exact claim overrides theirs
    const ordered = [...packages].sort(
      (a, b) => Number(isSystemEcosystem(a.ecosystem)) - Number(isSystemEcosystem(b.ecosystem)),
    );
    for (const p of ordered) {
      for (const f of p.files) {
        if (f.endsWith('/')) this.prefixes.set(`${canonical(f.slice(0, -1))}/`, p.key);
        else this.exact.set(canonical(f), p.key);
      }
    }
  }

  of(path: string): string | undefined {
    const hit = this.exact.get(path);
    if (hit !== undefined || this.prefixes.size === 0) return hit;
    for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      const owner = this.prefixes.get(path.slice(0, slash + 1));
      if (owner !== undefined) return owner;
    }
    return undefined;
  }
}

const UNOWNED_DIRECTORIES = 10;

/**
 * Databases name paths as the package ships them ("/bin/ls", "/lib/x86_64-linux-gnu/libc.so.6");
 * where a directory is a symlink in the image (Debian's merged /usr: /bin -> usr/bin) the file is
 * found under the link's target. Resolves symlinked parent directories, memoised per directory.
 */
function canonicalizer(final: ReadonlyMap<string, FileEntry>): (path: string) => string {
  const dirs = new Map<string, string>([['', '']]);
  const resolveDir = (dir: string, depth: number): string => {
    const known = dirs.get(dir);
    if (known !== undefined) return known;
    const slash = dir.lastIndexOf('/');
    const parent = resolveDir(dir.slice(0, slash), depth);
    let here = `${parent}/${dir.slice(slash + 1)}`;
    const entry = final.get(here);
    if (entry?.kind === 'symlink' && entry.linkTarget && depth < 8) {
      const target = entry.linkTarget.startsWith('/') ? entry.linkTarget : `${parent}/${entry.linkTarget}`;
      here = resolveDir(normalizeDots(target), depth + 1);
    }
    dirs.set(dir, here);
    return here;
  };
  // databases list a directory's files one after another: the last directory is kept, so most
  // paths cost a prefix comparison, not a slice and a lookup
  let lastDir = '';
  let lastResolved = '';
  return (path) => {
    const slash = path.lastIndexOf('/');
    if (slash <= 0) return path;
    let resolved: string;
    if (slash === lastDir.length && path.startsWith(lastDir)) resolved = lastResolved;
    else {
      lastDir = path.slice(0, slash);
      lastResolved = resolved = resolveDir(lastDir, 0);
    }
    // the usual case keeps the very string: a concatenation would have to be flattened and hashed again
    return resolved === lastDir ? path : resolved + path.slice(slash);
  };
}

function normalizeDots(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.length === 0 ? '' : `/${out.join('/')}`;
}

/** "/var/lib/apt/lists/x" -> "/var/lib/apt"; "/app/server.js" -> "/app"; "/x" -> "/" */
function groupDirectory(path: string): string {
  let end = 0;
  for (let depth = 0; depth < 3; depth++) {
    const next = path.indexOf('/', end + 1);
    if (next < 0) break;
    end = next;
  }
  return end === 0 ? '/' : path.slice(0, end);
}

const counted = (e: FileEntry) => e.kind === 'file' || e.kind === 'symlink' || e.kind === 'hardlink';

export function attributePackages(
  stack: Pick<StackedImage, 'final' | 'removals' | 'overwrites'>,
  snapshots: readonly DatabaseSnapshot[],
  databases: string[] = [],
  /** told each final path a package owns, with the package's id (packageId) */
  onOwned?: (path: string, id: string) => void,
): PackageReport {
  const usage = new Map<string, PackageUsage>();
  // history: first listing, version changes, removal
  let previous = new Map<string, InstalledPackage>();
  for (const snap of snapshots) {
    for (const [key, p] of snap.packages) {
      const known = usage.get(key);
      if (!known) {
        usage.set(key, {
          ecosystem: p.ecosystem,
          name: p.name,
          version: p.version,
          ...(isSystemEcosystem(p.ecosystem) ? {} : { location: (p.files[0] ?? '').replace(/\/$/, '') }),
          bytes: 0,
          files: 0,
          installedIn: snap.layer,
          upgradedIn: [],
          wastedBytes: 0,
          ...(p.declaredSize !== undefined ? { declaredSize: p.declaredSize } : {}),
          ...(p.section ? { section: p.section } : {}),
          ...(p.modules ? { modules: p.modules } : {}),
        });
        continue;
      }
      if (!previous.has(key)) {
        // listed again after a removal: a reinstall
        delete known.removedIn;
        known.upgradedIn.push(snap.layer);
      } else if (known.version !== p.version) known.upgradedIn.push(snap.layer);
      known.version = p.version;
      if (p.declaredSize !== undefined) known.declaredSize = p.declaredSize;
    }
    for (const key of previous.keys()) {
      const u = usage.get(key);
      if (u && !snap.packages.has(key)) u.removedIn = snap.layer;
    }
    previous = snap.packages;
  }

  const canonical = canonicalizer(stack.final);
  const owners = snapshots.map((s) => new Owners(s.packages.values(), canonical));
  /** owner at a layer: the last snapshot taken at or before it */
  const ownerAt = (path: string, layer: number): string | undefined => {
    let i = -1;
    for (let lo = 0, hi = snapshots.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (snapshots[mid].layer <= layer) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return i >= 0 ? owners[i].of(path) : undefined;
  };
  const finalOwners = owners[owners.length - 1];

  const report: PackageReport = {
    databases,
    packages: [],
    byEcosystem: {},
    unowned: { bytes: 0, files: 0, largest: [] },
    unownedWastedBytes: 0,
    notices: [],
  };
  const unownedDirs = new Map<string, { directory: string; bytes: number; files: number }>();
  for (const [path, entry] of stack.final) {
    if (!counted(entry)) continue;
    const bytes = entry.kind === 'file' ? entry.size : 0;
    const key = finalOwners?.of(path);
    const u = key === undefined ? undefined : usage.get(key);
    if (u) {
      u.bytes += bytes;
      u.files++;
      onOwned?.(path, key as string);
    } else {
      report.unowned.bytes += bytes;
      report.unowned.files++;
      const dir = groupDirectory(path);
      const g = unownedDirs.get(dir) ?? { directory: dir, bytes: 0, files: 0 };
      unownedDirs.set(dir, g);
      g.bytes += bytes;
      g.files++;
    }
  }
  report.unowned.largest = [...unownedDirs.values()]
    .sort((a, b) => b.bytes - a.bytes || (a.directory < b.directory ? -1 : 1))
    .slice(0, UNOWNED_DIRECTORIES);
  const waste = (path: string, entry: FileEntry, layer: number) => {
    if (entry.kind !== 'file' || entry.size === 0) return;
    const key = ownerAt(path, layer);
    const u = key === undefined ? undefined : usage.get(key);
    if (u) u.wastedBytes += entry.size;
    else report.unownedWastedBytes += entry.size;
  };
  for (const r of stack.removals as Removal[]) waste(r.path, r.entry, r.createdLayer);
  for (const o of stack.overwrites as Overwrite[]) waste(o.path, o.entry, o.layer);

  report.packages = [...usage.values()].sort(
    (a, b) =>
      b.bytes - a.bytes ||
      b.wastedBytes - a.wastedBytes ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
      ((a.location ?? '') < (b.location ?? '') ? -1 : 1),
  );
  for (const p of report.packages) {
    if (p.removedIn !== undefined && p.bytes === 0 && p.wastedBytes === 0) continue;
    const e = report.byEcosystem[p.ecosystem] ?? { bytes: 0, packages: 0 };
    report.byEcosystem[p.ecosystem] = e;
    e.bytes += p.bytes;
    if (p.removedIn === undefined) e.packages++;
  }
  return report;
}
