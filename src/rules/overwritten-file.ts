import type { Overwrite, RawFinding, Rule } from '../model/types.js';
import { humanBytes, layerList, MIN_BYTES_SCHEMA, plural, topPaths, uniqueSorted } from './image-kit.js';

/**
 * A file shipped by one layer and replaced by a later one: the earlier bytes still ship. ONE
 * finding per replacing layer. When the content is identical (chmod, chown, touch) the whole file
 * was shipped again only to change its metadata.
 *
 * data: replacedLayers (layers whose versions are shadowed), metadataOnly (every replacement kept
 * the content), metadataOnlyBytes, metadataOnlyPaths, fileCount.
 */
export const rule: Rule<{ minBytes: number }> = {
  id: 'overwritten-file',
  meta: {
    description: 'a file replaced by a later layer: the earlier copy still ships (chmod/chown re-ships the whole file)',
    category: 'size',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/overwritten-file.md',
    schema: { type: 'object', properties: { minBytes: MIN_BYTES_SCHEMA }, additionalProperties: false },
    defaultOptions: { minBytes: 1 },
  },
  check(ctx) {
    const stack = ctx.analysis?.stack;
    if (!stack) return [];
    const byLayer = new Map<number, Overwrite[]>();
    for (const o of stack.overwrites) {
      const list = byLayer.get(o.byLayer);
      if (list) list.push(o);
      else byLayer.set(o.byLayer, [o]);
    }
    const out: RawFinding[] = [];
    for (const [layer, list] of [...byLayer].sort((a, b) => a[0] - b[0])) {
      const bytes = list.reduce((sum, o) => sum + o.entry.size, 0);
      if (bytes === 0 || bytes < ctx.options.minBytes) continue;
      const meta = list.filter((o) => o.metadataOnly);
      const metadataOnlyBytes = meta.reduce((sum, o) => sum + o.entry.size, 0);
      const replacedLayers = uniqueSorted(list.map((o) => o.layer));
      const top = topPaths(list.map((o) => ({ path: o.path, size: o.entry.size })));
      const shown = `${top.slice(0, 3).join(', ')}${list.length > 3 ? ` and ${list.length - 3} more` : ''}`;
      const allMeta = meta.length === list.length;
      const message = allMeta
        ? `changes only the metadata of ${plural(list.length, 'file')} (${shown}): chmod/chown re-ships the whole file, ${humanBytes(bytes)} now ship twice (${layerList(replacedLayers)} and this one)`
        : `replaces ${plural(list.length, 'file')} that ${layerList(replacedLayers)} shipped (${shown}): the earlier ${humanBytes(bytes)} still ship${meta.length > 0 ? `; ${meta.length} of them only changed metadata (chmod/chown re-ships the whole file)` : ''}`;
      out.push({
        message,
        layer,
        bytes,
        paths: top,
        data: {
          replacedLayers,
          metadataOnly: allMeta,
          metadataOnlyBytes,
          metadataOnlyPaths: topPaths(meta.map((o) => ({ path: o.path, size: o.entry.size }))),
          fileCount: list.length,
        },
        suggestion: allMeta
          ? 'Set mode and owner where the file is created (COPY --chmod=... --chown=..., or chmod/chown in the same RUN) instead of in a later layer.'
          : 'Create the file once, in its final form: change it in the same RUN that creates it, or build it in an earlier stage and COPY only the result.',
      });
    }
    return out;
  },
};
export default rule;
