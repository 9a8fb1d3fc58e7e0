import { LayerlintError, shortDigest } from '../../errors.js';
import type { ImageConfig, ImageModel, Layer, LayerWalk, SourceKind } from '../../model/types.js';
import { platformOfConfig } from './platform.js';

export interface LayerInput {
  walk: LayerWalk;
  digest?: string; // blob digest named by the manifest
  mediaType?: string;
  size?: number; // blob size named by the manifest
}

export interface AssembleInput {
  ref: string;
  source: SourceKind;
  format: string;
  config: ImageConfig;
  layers: LayerInput[];
  manifestDigest?: string;
  configDigest?: string;
  repoTags?: string[];
  notices?: string[];
}

/** Walks paired with the manifest descriptors that named their blobs (OCI layout, registry). */
export function layersFromDescriptors(
  walks: LayerWalk[],
  descriptors: { digest: string; mediaType?: string; size?: number }[],
): LayerInput[] {
  return walks.map((walk, i) => ({
    walk,
    digest: descriptors[i].digest,
    mediaType: descriptors[i].mediaType,
    size: descriptors[i].size,
  }));
}

export function layerLabel(index: number, digest?: string): string {
  return digest ? `layer ${index} (${shortDigest(digest)})` : `layer ${index}`;
}

/** Check every digest the format names against what the bytes hash to. */
export function verifyLayer(input: LayerInput, expectedDiffId: string | undefined, index: number): void {
  const { walk, digest, size } = input;
  const label = layerLabel(index, digest);
  if (digest && walk.blobDigest && digest !== walk.blobDigest && digest !== walk.diffId) {
    throw new LayerlintError(`${label} digest mismatch: expected ${digest}, content is ${walk.blobDigest}`);
  }
  if (size !== undefined && walk.blobSize !== undefined && size !== walk.blobSize) {
    throw new LayerlintError(`${label} size mismatch: manifest says ${size} bytes, blob has ${walk.blobSize}`);
  }
  if (expectedDiffId && expectedDiffId !== walk.diffId) {
    throw new LayerlintError(
      `${label} diffID mismatch: config says ${expectedDiffId}, uncompressed content is ${walk.diffId}`,
    );
  }
}

export function assembleImage(input: AssembleInput): ImageModel {
  const { config } = input;
  const diffIds = config.rootfs?.diff_ids;
  const notices = [...(input.notices ?? [])];
  if (diffIds && diffIds.length !== input.layers.length) {
    throw new LayerlintError(
      `image config lists ${diffIds.length} layers (rootfs.diff_ids) but the manifest has ${input.layers.length}`,
    );
  }
  input.layers.forEach((layer, i) => {
    verifyLayer(layer, diffIds?.[i], i);
  });

  const history = config.history ?? [];
  const layerHistory = history.map((h, i) => ({ h, i })).filter(({ h }) => !h.empty_layer);
  const historyFits = layerHistory.length === input.layers.length;
  if (history.length === 0) notices.push('the image has no build history: layers cannot be tied to instructions');
  else if (!historyFits) {
    notices.push(
      `history has ${layerHistory.length} layer-creating entries for ${input.layers.length} layers: created_by not attributed`,
    );
  }
  const unsafe = input.layers.reduce((n, l) => {
    const t = l.walk.entries;
    for (let i = 0; i < t.length; i++) if (t.unsafeName(i)) n++;
    return n;
  }, 0);
  if (unsafe > 0) {
    notices.push(
      `${unsafe} tar entries had unsafe names (absolute or climbing with ..): recorded under / (nothing is ever extracted)`,
    );
  }
  const cached = input.layers.filter((l) => l.walk.fromCache).length;
  if (cached > 0) {
    const vouched = input.layers.filter((l) => l.walk.fromCache === 'endpoint').length;
    notices.push(
      `${cached} of ${input.layers.length} layers came from the layer cache, not from this run's bytes` +
        (vouched > 0 ? ` (${vouched} of them from this daemon's own earlier exports, which it vouched for)` : ''),
    );
  }
  const layers: Layer[] = input.layers.map((l, index) => {
    const { fromCache, ...walk } = l.walk; // told in the notices, not a property of the layer
    const layer: Layer = { ...walk, index, digest: l.digest ?? l.walk.blobDigest, mediaType: l.mediaType };
    if (historyFits) {
      layer.createdBy = layerHistory[index].h.created_by;
      layer.historyIndex = layerHistory[index].i;
    }
    return layer;
  });
  return {
    ref: input.ref,
    source: input.source,
    format: input.format,
    platform: platformOfConfig(config),
    manifestDigest: input.manifestDigest,
    configDigest: input.configDigest,
    repoTags: input.repoTags,
    config,
    history,
    layers,
    notices,
  };
}
