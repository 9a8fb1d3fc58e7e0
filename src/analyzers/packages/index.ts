// Packages: which package owns which bytes of the image (analyzers/packages/*), a pure function of
// the walked layers (their database files were parsed during the walk) and the stacked image.
import type { Layer, StackedImage } from '../../model/types.js';
import { attributePackages, type PackageReport } from './attribute.js';
import { databaseSnapshots } from './database-state.js';
import type { DatabaseFragment } from './types.js';

export type { PackageReport, PackageUsage } from './attribute.js';
export { packageId } from './database-state.js';

/** The final paths each package owns, by package id (the explorer's packages list, on demand). */
export function packagePaths(layers: readonly Pick<Layer, 'entries'>[], stack: StackedImage): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  analyzePackages(layers, stack, (path, id) => {
    const list = paths.get(id);
    if (list) list.push(path);
    else paths.set(id, [path]);
  });
  return paths;
}

export function analyzePackages(
  layers: readonly Pick<Layer, 'entries'>[],
  stack: StackedImage,
  onOwned?: (path: string, id: string) => void,
): PackageReport {
  const fragmentsByLayer: DatabaseFragment[][] = layers.map(() => []);
  const unreadable = new Set<string>();
  layers.forEach((layer, i) => {
    for (const e of layer.entries) {
      if (!e.packageDb) continue;
      fragmentsByLayer[i].push(e.packageDb);
      if (e.packageDb.unreadable) unreadable.add(e.packageDb.unreadable);
    }
  });
  const snapshots = databaseSnapshots(fragmentsByLayer, stack);
  const finalDatabases = new Set<string>();
  for (const fragments of fragmentsByLayer)
    for (const f of fragments) if (stack.final.has(f.path) && isDatabase(f)) finalDatabases.add(f.path);
  const report = attributePackages(stack, snapshots, [...finalDatabases].sort(), onOwned);
  const notices = [...unreadable];
  if (report.packages.length === 0)
    notices.push('no package database found in the image: every file is counted as unowned');
  return { ...report, notices };
}

/** The system package databases (a language package's record is one per package: counted, not listed). */
const isDatabase = (f: DatabaseFragment) =>
  f.kind === 'apk-installed' ||
  f.kind === 'rpm-sqlite' ||
  f.kind === 'rpm-bdb' ||
  (f.kind === 'dpkg-status' && f.path === '/var/lib/dpkg/status');
