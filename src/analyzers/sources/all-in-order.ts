import type { LayerWalk } from '../../model/types.js';

/** A layer's walk, by its index in the image, in layer order. */
export type OnLayer = (index: number, walk: LayerWalk) => void;

/**
 * Like Promise.all for layer walks that run in parallel, but the error reported is the one of the
 * lowest index (the first bad layer), so that what a user sees does not depend on timing. Only
 * earlier walks are waited for; later failures are absorbed into the first. `onEach` sees each
 * value as soon as it and all before it are there (a layer can be stacked while later ones walk).
 */
export async function allInOrder<T>(promises: Promise<T>[], onEach?: (index: number, value: T) => void): Promise<T[]> {
  for (const p of promises) p.catch(() => {});
  const out: T[] = [];
  for (const p of promises) {
    const value = await p;
    onEach?.(out.length, value);
    out.push(value);
  }
  return out;
}
