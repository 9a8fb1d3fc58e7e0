// layerlint's own figures (defined for users in src/report/figures.ts): every shipped byte
// accounted once, parent-directory deletions and opaque whiteouts included, the kept copy never
// counted as waste.
import type { CorrectedMetrics, DuplicateGroup, Layer, StackedImage } from '../../model/types.js';

export function correctedMetrics(
  layers: readonly Layer[],
  stack: StackedImage,
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
  // every shipped byte is either in the final filesystem or hidden by a later layer: the layer
  // table's wasted column sums to this, and it equals imageSize - finalSize
  const wastedBytes = deletedButShippedBytes + overwrittenBytes;
  return {
    imageSize,
    userSize,
    finalSize,
    wastedBytes,
    reclaimableBytes: wastedBytes + duplicateBytes,
    deletedButShippedBytes,
    overwrittenBytes,
    metadataOnlyOverwrittenBytes,
    duplicateBytes,
    // duplicates stay out of the headline: they are a note, and removing waste must raise it
    efficiency: imageSize === 0 ? 1 : (imageSize - wastedBytes) / imageSize,
    wastedPercentOfImage: imageSize === 0 ? 0 : wastedBytes / imageSize,
  };
}
