import type { DuplicateGroup, RawFinding, Rule } from '../model/types.js';
import {
  baseLayers,
  humanBytes,
  INCLUDE_BASE_SCHEMA,
  layerList,
  MIN_BYTES_SCHEMA,
  plural,
  uniqueSorted,
} from './image-kit.js';

type Options = {
  minBytes: number;
  includeBaseImage: boolean;
};

/** Groups named in the message; data.groups lists up to TOP_GROUPS. */
const IN_MESSAGE = 3;
const TOP_GROUPS = 10;

/**
 * Identical content at two or more paths of the final filesystem (hardlinks share their bytes and
 * are not counted). ONE finding per layer (the layer of each group's newest copy): the groups that
 * waste at least minBytes are listed, largest first; the smaller ones are only counted, and the
 * layer is reported when its listed groups or its whole tail reach minBytes. wasted = (copies - 1)
 * x size. Groups that lie wholly in the base image are skipped unless includeBaseImage.
 *
 * data: groups ([{ digest, size, copies, paths, layers, keep, wastedBytes }], largest first, at
 * most 10), groupCount (all groups of the layer), smallerGroups / smallerBytes (the tail below
 * minBytes, and listed groups past the 10th).
 */
export const rule: Rule<Options> = {
  id: 'duplicate-content',
  meta: {
    description:
      'identical file content at several paths of the final image (hardlinks excluded), one finding per layer',
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
    defaultOptions: { minBytes: 16384, includeBaseImage: false },
  },
  check(ctx) {
    const analysis = ctx.analysis;
    if (!analysis) return [];
    const base = ctx.options.includeBaseImage ? new Set<number>() : baseLayers(ctx);
    const byLayer = new Map<number, DuplicateGroup[]>();
    for (const g of analysis.efficiency.duplicates) {
      if (g.wastedBytes === 0 || g.layers.every((l) => base.has(l))) continue;
      const newest = Math.max(...g.layers);
      const list = byLayer.get(newest);
      if (list) list.push(g);
      else byLayer.set(newest, [g]);
    }
    const out: RawFinding[] = [];
    for (const [layer, groups] of [...byLayer].sort((a, b) => a[0] - b[0])) {
      groups.sort((a, b) => b.wastedBytes - a.wastedBytes || (a.digest < b.digest ? -1 : 1));
      const total = groups.reduce((sum, g) => sum + g.wastedBytes, 0);
      const listed = groups.filter((g) => g.wastedBytes >= ctx.options.minBytes).slice(0, TOP_GROUPS);
      if (listed.length === 0 && total < ctx.options.minBytes) continue;
      const smaller = groups.slice(listed.length);
      const smallerBytes = smaller.reduce((sum, g) => sum + g.wastedBytes, 0);
      const named = listed.slice(0, IN_MESSAGE);
      const rest = groups.length - named.length;
      const restBytes = total - named.reduce((sum, g) => sum + g.wastedBytes, 0);
      const head = `${plural(groups.length, 'group')} of identical files waste ${humanBytes(total)}`;
      const tail = named.length
        ? `: ${named.map(describe).join('; ')}${rest > 0 ? `; and ${plural(rest, 'more group')} (${humanBytes(restBytes)})` : ''}`
        : `, each under ${humanBytes(ctx.options.minBytes)}`;
      out.push({
        message: head + tail,
        layer,
        bytes: total,
        paths: listed.flatMap((g) => g.paths),
        data: {
          groups: listed.map((g) => ({
            digest: g.digest,
            size: g.size,
            copies: g.paths.length,
            paths: g.paths,
            layers: g.layers,
            keep: g.paths[0],
            wastedBytes: g.wastedBytes,
          })),
          groupCount: groups.length,
          smallerGroups: smaller.length,
          smallerBytes,
        },
        suggestion: 'Keep one copy: use a symlink or hardlink, or copy only what the runtime needs.',
      });
    }
    return out;
  },
};
export default rule;

function describe(g: DuplicateGroup): string {
  const shown = g.paths.slice(0, 3).join(', ');
  const rest = g.paths.length > 3 ? ` and ${g.paths.length - 3} more` : '';
  return `${g.paths.length} copies of ${humanBytes(g.size)} (${shown}${rest}) in ${layerList(uniqueSorted(g.layers))}`;
}
