import type { RawFinding, Rule } from '../model/types.js';
import { baseLayers, humanBytes, INCLUDE_BASE_SCHEMA, layerList, MIN_BYTES_SCHEMA, uniqueSorted } from './image-kit.js';

type Options = {
  minBytes: number;
  includeBaseImage: boolean;
};

/**
 * Identical content at two or more paths of the final filesystem (hardlinks share their bytes and
 * are not counted). One finding per group of identical files, on the layer of the newest copy:
 * wasted = (copies - 1) x size. Files smaller than minBytes and groups that lie wholly in the base
 * image are skipped.
 *
 * data: digest, size, copies, layers (the layer of each path, oldest first), keep (the oldest copy).
 */
export const rule: Rule<Options> = {
  id: 'duplicate-content',
  meta: {
    description: 'identical file content at several paths of the final image (hardlinks excluded)',
    category: 'size',
    defaultSeverity: 'note',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/duplicate-content.md',
    schema: {
      type: 'object',
      properties: { minBytes: MIN_BYTES_SCHEMA, includeBaseImage: INCLUDE_BASE_SCHEMA },
      additionalProperties: false,
    },
    defaultOptions: { minBytes: 1024, includeBaseImage: false },
  },
  check(ctx) {
    const analysis = ctx.analysis;
    if (!analysis) return [];
    const base = ctx.options.includeBaseImage ? new Set<number>() : baseLayers(ctx);
    const out: RawFinding[] = [];
    for (const g of analysis.efficiency.duplicates) {
      if (g.size < ctx.options.minBytes || g.layers.every((l) => base.has(l))) continue;
      const newest = Math.max(...g.layers);
      out.push({
        message: `${g.paths.length} identical copies of ${humanBytes(g.size)} (${g.paths.slice(0, 3).join(', ')}${g.paths.length > 3 ? ` and ${g.paths.length - 3} more` : ''}) in ${layerList(uniqueSorted(g.layers))}: ${humanBytes(g.wastedBytes)} wasted`,
        layer: newest,
        bytes: g.wastedBytes,
        paths: g.paths,
        data: { digest: g.digest, size: g.size, copies: g.paths.length, layers: g.layers, keep: g.paths[0] },
        suggestion: 'Keep one copy: use a symlink or hardlink, or copy only what the runtime needs.',
      });
    }
    return out;
  },
};
export default rule;
