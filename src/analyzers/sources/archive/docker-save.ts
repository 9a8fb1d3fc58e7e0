// `docker save` archives in all their layouts: legacy (<id>/layer.tar), podman/skopeo/buildah
// (<sha>.tar blobs with <id>/layer.tar symlinks) and Docker 25+ (OCI blobs/ plus manifest.json).

import { LayerlintError } from '../../../errors.js';
import type { ImageConfig, ImageModel, LayerWalk } from '../../../model/types.js';
import { allInOrder, type OnLayer } from '../all-in-order.js';
import { assembleImage, type LayerInput, layerLabel } from '../assemble.js';
import { type LayerCache, walkThroughCache } from '../cache/index.js';
import { digestFromName, readJson } from './json.js';
import type { ArchiveView } from './view.js';

interface ManifestEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

export async function loadDockerSave(
  view: ArchiveView,
  ref: string,
  tag: string | undefined,
  cache?: LayerCache,
  onLayer?: OnLayer,
): Promise<ImageModel> {
  const { value: manifest } = await readJson<ManifestEntry[]>(view, 'manifest.json', 'manifest.json');
  if (!Array.isArray(manifest) || manifest.length === 0) {
    throw new LayerlintError(`${view.describe}: manifest.json lists no image`);
  }
  const entry = pickEntry(manifest, tag, view.describe);
  if (typeof entry.Config !== 'string' || !Array.isArray(entry.Layers)) {
    throw new LayerlintError(`${view.describe}: manifest.json entry lacks Config or Layers`);
  }
  const configDigest = digestFromName(entry.Config);
  const { value: config, digest } = await readJson<ImageConfig>(
    view,
    entry.Config,
    `image config ${entry.Config}`,
    configDigest,
  );
  if (cache) cache.putConfig(digest, await view.readBytes(entry.Config));
  const diffIds = config.rootfs?.diff_ids ?? [];
  const walks = await allInOrder(
    entry.Layers.map(async (name, i) => {
      if (!view.has(name)) {
        throw new LayerlintError(`manifest.json names layer "${name}" but ${view.describe} does not contain it`);
      }
      const blobDigest = digestFromName(name);
      // docker save stores layers uncompressed: the blob digest, when its name carries one, is the diffID
      const compression = blobDigest === undefined || blobDigest === diffIds[i] ? 'none' : undefined;
      const label = `${layerLabel(i, blobDigest)} "${name}"`;
      const { walk } = await walkThroughCache(cache, diffIds[i], { digest: blobDigest, compression }, async () =>
        vouchedFor(await view.walkLayer(name, label), diffIds[i]),
      );
      return walk;
    }),
    onLayer,
  );
  const layers: LayerInput[] = walks.map((walk, i) => ({ walk, digest: digestFromName(entry.Layers[i]) }));
  const format = entry.Layers.some((l) => l.startsWith('blobs/'))
    ? 'docker-save-oci'
    : entry.Layers.some((l) => /^[0-9a-f]{64}\.tar$/.test(l)) || view.names().some((n) => /^[0-9a-f]{64}\.tar$/.test(n))
      ? 'docker-archive-symlinked'
      : 'docker-save-legacy';
  return assembleImage({
    ref,
    source: 'archive',
    format,
    config,
    layers,
    configDigest: digest,
    repoTags: entry.RepoTags ?? undefined,
  });
}

/**
 * A layer the source verified against its diffID as it wrote the archive (a Docker daemon's
 * export, see StreamViewOptions.layersVerifiedBySource) was walked without hashing it: it takes
 * the diffID the config names for its place.
 */
function vouchedFor(walk: LayerWalk, diffId: string | undefined): LayerWalk {
  if (walk.diffId !== '' || walk.compression !== 'none' || diffId === undefined) return walk;
  return { ...walk, diffId, blobDigest: diffId };
}

function pickEntry(manifest: ManifestEntry[], tag: string | undefined, describe: string): ManifestEntry {
  if (tag) {
    const found = manifest.find((m) =>
      (m.RepoTags ?? []).some((t) => t === tag || t.endsWith(`:${tag}`) || t.split(':')[0] === tag),
    );
    if (!found) {
      const tags = manifest.flatMap((m) => m.RepoTags ?? []).join(', ') || 'none';
      throw new LayerlintError(`${describe} has no image tagged "${tag}" (tags: ${tags})`);
    }
    return found;
  }
  if (manifest.length > 1) {
    const tags = manifest.map((m, i) => (m.RepoTags ?? [])[0] ?? `#${i}`).join(', ');
    throw new LayerlintError(
      `${describe} holds ${manifest.length} images (${tags}): name one as docker-archive:PATH:TAG`,
    );
  }
  return manifest[0];
}
