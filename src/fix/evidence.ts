import type { DockerfileModel, DockerInstruction } from '../analyzers/dockerfile/types.js';
import type { EntryKind } from '../model/types.js';
import { instructionAt } from './text.js';
import type { FixContext } from './types.js';

/** The layer the engine mapped exactly to `ins`, when it did. */
export function layerOfInstruction(ctx: FixContext, ins: DockerInstruction): number | undefined {
  const entry = ctx.mapping?.entries.find(
    (e) => e.confidence === 'exact' && e.instruction?.index === ins.index && e.layer !== undefined,
  );
  return entry?.layer;
}

export interface PathChange {
  path: string;
  kind: EntryKind; // of the new version ('file', 'dir'...); for a removal, of the removed version
  removed: boolean;
}

/** What the layer made by `ins` added, modified or removed; undefined when that layer is not known. */
export function changesOf(ctx: FixContext, ins: DockerInstruction): PathChange[] | undefined {
  const layer = layerOfInstruction(ctx, ins);
  const changes = layer === undefined ? undefined : ctx.analysis?.stack.changesOf(layer);
  return changes?.map((c) => ({ path: c.entry.path, kind: c.entry.kind, removed: c.change === 'removed' }));
}

/** Paths the layer made by `ins` removed (whiteouts, opaque directories), from the image. */
export function removedPathsOf(ctx: FixContext, ins: DockerInstruction): string[] | undefined {
  const layer = layerOfInstruction(ctx, ins);
  const entries = layer === undefined ? undefined : ctx.analysis?.image.layers[layer]?.entries;
  if (!entries) return undefined;
  const out: string[] = [];
  for (const e of entries) if (e.kind === 'whiteout' || e.kind === 'opaque') out.push(e.path);
  return out;
}

/** The instruction that made `layer`, when the engine mapped it exactly. */
export function instructionForLayer(
  df: DockerfileModel,
  ctx: FixContext,
  layer: unknown,
): DockerInstruction | undefined {
  if (typeof layer !== 'number' || !ctx.mapping) return undefined;
  const entry = ctx.mapping.entries.find((e) => e.layer === layer && e.confidence === 'exact');
  return instructionAt(df, entry?.instruction?.index);
}
