import { parentOf } from '../analyzers/walk/paths.js';
import type { ImageAnalysis, RawFinding, Removal, Rule } from '../model/types.js';
import { humanBytes, layerList, MIN_BYTES_SCHEMA, plural, topPaths, uniqueSorted } from './image-kit.js';

/**
 * Files shipped by one layer and removed by a later one (whiteout, deletion of a parent directory,
 * opaque directory): the bytes stay in the earlier layer. ONE finding per removing layer.
 *
 * data: createdLayers (layers that shipped the removed bytes), createdLayer (the latest of them:
 * where a fold can move the cleanup), removedLayer, removedPaths (what the layer deleted: whiteout
 * and opaque roots, for the fixer), fileCount, how (whiteout | parent | opaque).
 */
export const rule: Rule<{ minBytes: number }> = {
  id: 'deleted-but-shipped',
  meta: {
    description: 'files deleted in a later layer still ship in the layer that added them',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: true,
    requires: 'image',
    docs: 'docs/rules/deleted-but-shipped.md',
    schema: { type: 'object', properties: { minBytes: MIN_BYTES_SCHEMA }, additionalProperties: false },
    defaultOptions: { minBytes: 1 },
  },
  check(ctx) {
    const analysis = ctx.analysis;
    if (!analysis) return [];
    const byLayer = new Map<number, Removal[]>();
    for (const r of analysis.stack.removals) {
      if (r.entry.kind !== 'file') continue;
      const list = byLayer.get(r.removedLayer);
      if (list) list.push(r);
      else byLayer.set(r.removedLayer, [r]);
    }
    const out: RawFinding[] = [];
    for (const [layer, removals] of [...byLayer].sort((a, b) => a[0] - b[0])) {
      const bytes = removals.reduce((sum, r) => sum + r.entry.size, 0);
      if (bytes === 0 || bytes < ctx.options.minBytes) continue;
      const createdLayers = uniqueSorted(removals.map((r) => r.createdLayer));
      const top = topPaths(removals.map((r) => ({ path: r.path, size: r.entry.size })));
      out.push({
        message: `removes ${plural(removals.length, 'file')} (${humanBytes(bytes)}) that ${layerList(createdLayers)} shipped: ${top.slice(0, 3).join(', ')}${removals.length > 3 ? ` and ${removals.length - 3} more` : ''}; deleting in a later layer does not make the image smaller`,
        layer,
        bytes,
        paths: top,
        data: {
          createdLayers,
          createdLayer: createdLayers[createdLayers.length - 1],
          removedLayer: layer,
          removedPaths: removedRoots(analysis, layer, removals),
          fileCount: removals.length,
          how: [...new Set(removals.map((r) => r.by))].sort(),
        },
        suggestion:
          'Delete these files in the same RUN that creates them, or keep them out of the final image (multi-stage build, .dockerignore, --no-cache).',
      });
    }
    return out;
  },
};
export default rule;

/** What the layer itself deleted: the whiteout or opaque directory each removal falls under. */
function removedRoots(analysis: ImageAnalysis, layer: number, removals: Removal[]): string[] {
  // the layer's own whiteout entries: a directory a later `rm -rf` deletes need not have an entry
  // of its own in the layer that shipped its files, so the stack's history may not name it
  const whiteouts = new Set<string>();
  const opaques = new Set<string>();
  for (const e of analysis.image.layers[layer]?.entries ?? []) {
    if (e.kind === 'whiteout') whiteouts.add(e.path);
    else if (e.kind === 'opaque') opaques.add(e.path);
  }
  const roots = new Set<string>();
  for (const r of removals) {
    if (r.by === 'whiteout') {
      roots.add(r.path);
      continue;
    }
    const stops = r.by === 'opaque' ? opaques : whiteouts;
    let dir = parentOf(r.path);
    while (dir !== '/' && !stops.has(dir)) dir = parentOf(dir);
    roots.add(dir);
  }
  return [...roots].sort();
}
