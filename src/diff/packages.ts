// Packages between BASE and HEAD: added, removed and upgraded (another version), with the bytes
// each side's final filesystem gives them. A package is matched by its identity (ecosystem, name,
// and a language package's place); one its databases list as removed counts as absent.
import { type PackageUsage, packageId } from '../analyzers/packages/index.js';

export interface PackageDelta {
  ecosystem: PackageUsage['ecosystem'];
  name: string;
  location?: string;
  change: 'added' | 'removed' | 'upgraded';
  baseVersion?: string;
  headVersion?: string;
  baseBytes: number;
  headBytes: number;
  delta: number;
}

export interface PackageDiff {
  added: number;
  removed: number;
  upgraded: number;
  /** bytes of every changed package, head less base */
  delta: number;
  /** largest |delta| first */
  changes: PackageDelta[];
}

function installed(list: readonly PackageUsage[]): Map<string, PackageUsage> {
  return new Map(
    list.filter((p) => p.removedIn === undefined).map((p) => [packageId(p.ecosystem, p.name, p.location), p]),
  );
}

export function comparePackages(base: readonly PackageUsage[], head: readonly PackageUsage[]): PackageDiff {
  const b = installed(base);
  const h = installed(head);
  const changes: PackageDelta[] = [];
  const row = (p: PackageUsage, change: PackageDelta['change'], was?: PackageUsage, now?: PackageUsage) => {
    const baseBytes = was?.bytes ?? 0;
    const headBytes = now?.bytes ?? 0;
    changes.push({
      ecosystem: p.ecosystem,
      name: p.name,
      ...(p.location ? { location: p.location } : {}),
      change,
      ...(was ? { baseVersion: was.version } : {}),
      ...(now ? { headVersion: now.version } : {}),
      baseBytes,
      headBytes,
      delta: headBytes - baseBytes,
    });
  };
  for (const [id, now] of h) {
    const was = b.get(id);
    if (!was) row(now, 'added', undefined, now);
    else if (was.version !== now.version) row(now, 'upgraded', was, now);
  }
  for (const [id, was] of b) if (!h.has(id)) row(was, 'removed', was, undefined);
  changes.sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const count = (c: PackageDelta['change']) => changes.filter((x) => x.change === c).length;
  return {
    added: count('added'),
    removed: count('removed'),
    upgraded: count('upgraded'),
    delta: changes.reduce((sum, x) => sum + x.delta, 0),
    changes,
  };
}

/** "gcc-12 12.2.0-14" / "zlib1g 1.2.13 → 1.3" */
export function packageChangeLabel(p: PackageDelta): string {
  const version =
    p.change === 'upgraded' ? `${p.baseVersion} → ${p.headVersion}` : (p.headVersion ?? p.baseVersion ?? '');
  return `${p.name}${version ? ` ${version}` : ''}`;
}
