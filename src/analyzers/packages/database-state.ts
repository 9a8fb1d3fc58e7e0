// The package databases as they stand after each layer: fragments stacked by path (a later layer's
// copy of a database file replaces the earlier one, a removal drops it), then joined into packages.
import type { StackedImage } from '../../model/types.js';
import type { DatabaseFragment, Ecosystem, PackageRecord } from './types.js';

/** A package as one database state lists it; `key` identifies one installation across layers. */
export interface InstalledPackage extends PackageRecord {
  key: string;
}

export interface DatabaseSnapshot {
  /** the layer after which the databases read like this */
  layer: number;
  packages: Map<string, InstalledPackage>;
}

const SYSTEM: ReadonlySet<Ecosystem> = new Set(['deb', 'apk', 'rpm']);
export const isSystemEcosystem = (e: Ecosystem) => SYSTEM.has(e);

function keyOf(p: PackageRecord): string {
  // system packages are one per name; a language package is one per place it is installed in
  return packageId(p.ecosystem, p.name, SYSTEM.has(p.ecosystem) ? undefined : (p.files[0] ?? '').replace(/\/$/, ''));
}

/** One installation's identity: a system package by name, a language package by name and place. */
export function packageId(ecosystem: Ecosystem, name: string, location?: string): string {
  return location === undefined ? `${ecosystem}:${name}` : `${ecosystem}:${name}@${location}`;
}

/** Joins the fragments standing at one point into packages. */
export function packagesOf(fragments: Iterable<DatabaseFragment>): Map<string, InstalledPackage> {
  const lists = new Map<string, string[]>();
  const records: PackageRecord[] = [];
  for (const f of fragments) {
    if (f.list) lists.set(f.list.package, f.list.files);
    if (f.packages) records.push(...f.packages);
  }
  const out = new Map<string, InstalledPackage>();
  for (const r of records) {
    const files = r.ecosystem === 'deb' && r.files.length === 0 ? (lists.get(r.name) ?? []) : r.files;
    const pkg: InstalledPackage = { ...r, files, key: keyOf(r) };
    out.set(pkg.key, pkg);
  }
  return out;
}

/**
 * One snapshot per layer that changed a database file (added, replaced or removed it), in layer
 * order. `fragmentsByLayer[i]` are the database files layer i ships.
 */
export function databaseSnapshots(
  fragmentsByLayer: readonly (readonly DatabaseFragment[] | undefined)[],
  stack: Pick<StackedImage, 'layerChanges'>,
): DatabaseSnapshot[] {
  const standing = new Map<string, DatabaseFragment>();
  const snapshots: DatabaseSnapshot[] = [];
  for (let layer = 0; layer < fragmentsByLayer.length; layer++) {
    let changed = false;
    for (const change of stack.layerChanges[layer] ?? []) {
      if (change.change === 'removed' && standing.delete(change.entry.path)) changed = true;
    }
    for (const f of fragmentsByLayer[layer] ?? []) {
      standing.set(f.path, f);
      changed = true;
    }
    if (changed) snapshots.push({ layer, packages: packagesOf(standing.values()) });
  }
  return snapshots;
}
