// layerlint's own figures: every shipped byte accounted once, parent-directory deletions and
// opaque whiteouts included, the kept copy never counted as waste.
import type { CorrectedMetrics, DiveMetrics, DuplicateGroup, Layer, StackedImage } from '../../model/types.js';

export function correctedMetrics(
  layers: readonly Layer[],
  stack: StackedImage,
  dive: DiveMetrics,
  duplicates: DuplicateGroup[],
): CorrectedMetrics {
  const imageSize = layers.reduce((sum, l) => sum + l.size, 0);
  const userSize = imageSize - (layers[0]?.size ?? 0);
  let finalSize = 0;
  // a hard link counts once its target is gone (stack.ts: it then shows the content's size, else 0)
  for (const entry of stack.final.values())
    if (entry.kind === 'file' || entry.kind === 'hardlink') finalSize += entry.size;
  const deletedButShippedBytes = stack.removals.reduce(
    (sum, r) => sum + (r.entry.kind === 'file' ? r.entry.size : 0),
    0,
  );
  let overwrittenBytes = 0;
  let metadataOnlyOverwrittenBytes = 0;
  for (const o of stack.overwrites) {
    overwrittenBytes += o.entry.size;
    if (o.metadataOnly) metadataOnlyOverwrittenBytes += o.entry.size;
  }
  const duplicateBytes = duplicates.reduce((sum, g) => sum + g.wastedBytes, 0);
  // dive's inefficient paths, less the copy that is kept (dive issue #684)
  let reclaimableBytes = 0;
  for (const p of dive.inefficientPaths) reclaimableBytes += p.cumulativeSize - p.minSize;
  const wasted = deletedButShippedBytes + overwrittenBytes + duplicateBytes;
  return {
    imageSize,
    userSize,
    finalSize,
    reclaimableBytes,
    deletedButShippedBytes,
    overwrittenBytes,
    metadataOnlyOverwrittenBytes,
    duplicateBytes,
    efficiency: imageSize === 0 ? 1 : (imageSize - wasted) / imageSize,
    wastedPercentOfImage: imageSize === 0 ? 0 : wasted / imageSize,
  };
}
