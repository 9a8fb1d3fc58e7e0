import type { LayerWalk } from '../../../model/types.js';

/** Largest JSON document (manifest, index, config) we read into memory. */
export const MAX_JSON_BYTES = 32 * 1024 * 1024;

/**
 * What the layout interpreters need from an archive, whatever holds it: a tar file read at
 * offsets, an OCI layout directory, or a tar stream read once from start to end.
 */
export interface ArchiveView {
  describe: string; // "archive image.tar", "OCI layout ./dir", "standard input"
  has(name: string): boolean;
  names(): string[];
  readBytes(name: string): Promise<Buffer>;
  /** Walk a layer blob; `label` names it in errors. */
  walkLayer(name: string, label: string): Promise<LayerWalk>;
  /** The whole archive as one layer (a `docker export` rootfs); absent when impossible. */
  walkWhole?(label: string): Promise<LayerWalk>;
}

/** Follow member symlinks ("<id>/layer.tar" -> "../<sha>.tar") inside an archive, with a hop limit. */
export function resolveLink(name: string, linkOf: (name: string) => string | undefined, describe: string): string {
  let current = name;
  for (let hops = 0; hops < 40; hops++) {
    const target = linkOf(current);
    if (target === undefined) return current;
    current = joinRelative(current, target);
  }
  throw new Error(`${describe}: symlink loop at "${name}"`);
}

function joinRelative(from: string, target: string): string {
  const base = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') base.pop();
    else base.push(part);
  }
  return base.join('/');
}
