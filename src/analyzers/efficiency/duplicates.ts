import type { DuplicateGroup, FinalEntry, ReadonlyPathMap } from '../../model/types.js';

/** Identical content at two or more paths of the final filesystem (hardlinks share bytes: excluded). */
export function findDuplicates(final: ReadonlyPathMap<FinalEntry>, minSize = 1): DuplicateGroup[] {
  // most content is unique: keep a lone entry as is, make an array only for a second copy
  const byDigest = new Map<string, FinalEntry | FinalEntry[]>();
  for (const entry of final.values()) {
    if (entry.kind !== 'file' || !entry.digest || entry.size < minSize) continue;
    const seen = byDigest.get(entry.digest);
    if (seen === undefined) byDigest.set(entry.digest, entry);
    else if (Array.isArray(seen)) seen.push(entry);
    else byDigest.set(entry.digest, [seen, entry]);
  }
  const groups: DuplicateGroup[] = [];
  for (const [digest, entries] of byDigest) {
    if (!Array.isArray(entries)) continue;
    entries.sort((a, b) => a.layer - b.layer || (a.path < b.path ? -1 : 1));
    groups.push({
      digest,
      size: entries[0].size,
      paths: entries.map((e) => e.path),
      layers: entries.map((e) => e.layer),
      wastedBytes: (entries.length - 1) * entries[0].size,
    });
  }
  return groups.sort((a, b) => b.wastedBytes - a.wastedBytes || (a.paths[0] < b.paths[0] ? -1 : 1));
}
