// dive's efficiency figures, reproduced to the last digit (dive/filetree/efficiency.go):
// every leaf path of every layer adds its size to that path's cumulative total and keeps the
// smallest size seen; a whiteout adds the size of the earlier subtree only when that was a
// directory; opaque whiteouts are ignored. Score = sum(min) / sum(cumulative).
import type { DiveMetrics, InefficientPath, Layer, StackedImage } from '../../model/types.js';
import { baseName, parentOf } from '../walk/paths.js';

export function diveMetrics(layers: readonly Layer[], stack: StackedImage): DiveMetrics {
  const tally = new DiveTally();
  for (const [index, layer] of layers.entries()) tally.add(layer, index, stack);
  return tally.finish(layers);
}

/**
 * dive's per-path sums, one layer at a time in order: `stack` must hold at least the layers up
 * to this one (a stack being built layer by layer, or the finished one).
 */
export class DiveTally {
  // per leaf path: an index into typed columns (an object per path was most of the garbage)
  private readonly index = new Map<string, number>();
  private cumulative = new Float64Array(1024);
  private min = new Float64Array(1024);
  private count = new Uint32Array(1024);

  add(layer: Pick<Layer, 'entries'>, layerIndex: number, stack: StackedImage): void {
    const whiteoutSizes = whiteoutSubtreeSizes(layerIndex, layer, stack);
    const { index } = this;
    for (const { path, size } of leaves(layer)) {
      const bytes = whiteoutSizes.get(path) ?? size;
      const i = index.get(path);
      if (i === undefined) {
        const n = index.size;
        if (n === this.cumulative.length) {
          this.cumulative = grow(this.cumulative);
          this.min = grow(this.min);
          this.count = grow(this.count);
        }
        index.set(path, n);
        this.cumulative[n] = bytes;
        this.min[n] = bytes;
        this.count[n] = 1;
      } else {
        this.cumulative[i] += bytes;
        if (bytes < (this.min[i] as number)) this.min[i] = bytes;
        (this.count[i] as number)++;
      }
    }
  }

  finish(layers: readonly Pick<Layer, 'size'>[]): DiveMetrics {
    const { cumulative, min, count } = this;
    let minSum = 0;
    let cumulativeSum = 0;
    const inefficientPaths: InefficientPath[] = [];
    for (const [path, i] of this.index) {
      minSum += min[i] as number;
      cumulativeSum += cumulative[i] as number;
      if ((count[i] as number) >= 2)
        inefficientPaths.push({
          path,
          count: count[i] as number,
          cumulativeSize: cumulative[i] as number,
          minSize: min[i] as number,
        });
    }
    inefficientPaths.sort((a, b) => b.cumulativeSize - a.cumulativeSize || (a.path < b.path ? -1 : 1));

    const imageSize = layers.reduce((sum, l) => sum + l.size, 0);
    const userSize = imageSize - (layers[0]?.size ?? 0);
    const wastedBytes = inefficientPaths.reduce((sum, p) => sum + p.cumulativeSize, 0);
    return {
      efficiency: cumulativeSum === 0 ? 1 : minSum / cumulativeSum,
      imageSize,
      userSize,
      wastedBytes,
      // dive divides without a guard: wasted/0 is +Inf (its threshold fails), 0/0 is NaN (its
      // comparison is false: the threshold passes); JSON carries null and the reason
      userWastedPercent: wastedBytes / userSize,
      ...(userSize === 0 ? { userWastedPercentReason: userWastedReason(wastedBytes) } : {}),
      inefficientPaths,
    };
  }
}

function userWastedReason(wastedBytes: number): string {
  return wastedBytes > 0
    ? "user layers add 0 bytes: dive's ratio is wasted/0 = +Inf, so dive fails any highestUserWastedPercent threshold"
    : "no user bytes and none wasted: dive's ratio is 0/0 = NaN, so dive passes any highestUserWastedPercent threshold";
}

function grow<T extends Float64Array | Uint32Array>(a: T): T {
  const next = new (a.constructor as new (n: number) => T)(a.length * 2);
  next.set(a);
  return next;
}

/** Leaf nodes of one layer's tree as dive builds it: entry paths nothing else in the layer is under. */
function leaves(layer: Pick<Layer, 'entries'>): { path: string; size: number }[] {
  const nodes = new Map<string, number>();
  for (const entry of layer.entries) {
    if (entry.kind === 'other' && baseName(entry.path).startsWith('.wh..wh.')) continue;
    nodes.set(entry.path, entry.kind === 'whiteout' || entry.kind === 'opaque' ? 0 : entry.size);
  }
  const inner = new Set<string>();
  for (const path of nodes.keys()) {
    let parent = parentOf(path);
    while (parent !== '/' && !inner.has(parent)) {
      inner.add(parent);
      parent = parentOf(parent);
    }
  }
  const out: { path: string; size: number }[] = [];
  for (const [path, size] of nodes) if (path !== '/' && !inner.has(path)) out.push({ path, size });
  return out;
}

/** For each whiteout of an earlier directory in this layer: the bytes of the subtree it removed. */
function whiteoutSubtreeSizes(index: number, layer: Pick<Layer, 'entries'>, stack: StackedImage): Map<string, number> {
  const dirWhiteouts = new Set<string>();
  for (const entry of layer.entries) {
    if (entry.kind !== 'whiteout') continue;
    const removed = stack.history.get(entry.path)?.find((v) => v.layer === index && v.change === 'removed');
    if (removed?.entry.kind === 'dir') dirWhiteouts.add(entry.path);
  }
  const sizes = new Map<string, number>();
  for (const path of dirWhiteouts) sizes.set(path, 0);
  if (dirWhiteouts.size === 0) return sizes;
  for (const removal of stack.removals) {
    if (removal.removedLayer !== index || removal.by !== 'parent') continue;
    let root = parentOf(removal.path);
    while (root !== '/' && !dirWhiteouts.has(root)) root = parentOf(root);
    if (dirWhiteouts.has(root)) sizes.set(root, (sizes.get(root) ?? 0) + removal.entry.size);
  }
  return sizes;
}
