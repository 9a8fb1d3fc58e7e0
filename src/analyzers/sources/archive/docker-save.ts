// `docker save` archives in all their layouts: legacy (<id>/layer.tar), podman/skopeo/buildah
// (<sha>.tar blobs with <id>/layer.tar symlinks), Docker 25+ and containerd (OCI blobs/ plus
// manifest.json), and go-containerregistry's tarball (crane, kaniko, ko: a "sha256:<hex>" config,
// "<hex>.tar.gz" layers named by their compressed digest, manifest.json last).

import { LayerlintError } from '../../../errors.js';
import type { ImageConfig, ImageModel, LayerWalk } from '../../../model/types.js';
import { allInOrder, type OnLayer } from '../all-in-order.js';
import { assembleImage, type LayerInput, layerLabel } from '../assemble.js';
import { type LayerCache, walkThroughCache } from '../cache/index.js';
import { checkShape } from '../image-schemas.js';
import { digestFromName, readJson } from './json.js';
import { pickImage } from './pick-image.js';
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
  const { value: listed } = await readJson<unknown>(view, 'manifest.json', 'manifest.json', undefined, undefined);
  if (listed === null || (Array.isArray(listed) && listed.length === 0)) {
    throw new LayerlintError(`${view.describe}: manifest.json lists no image`);
  }
  const manifest = checkShape<ManifestEntry[]>(listed, 'docker manifest.json', `manifest.json in ${view.describe}`);
  const entry = pickEntry(manifest, tag, view.describe);
  if (!view.has(entry.Config)) {
    throw new LayerlintError(`manifest.json names config "${entry.Config}" but ${view.describe} does not contain it`);
  }
  const configDigest = digestFromName(entry.Config);
  const { value: config, digest } = await readJson<ImageConfig>(
    view,
    entry.Config,
    `image config ${entry.Config}`,
    configDigest,
    'image config',
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
  const format = entry.Config.startsWith('sha256:')
    ? 'ggcr-tarball'
    : entry.Layers.some((l) => l.startsWith('blobs/'))
      ? 'docker-save-oci'
      : entry.Layers.some((l) => /^[0-9a-f]{64}\.tar$/.test(l)) ||
          view.names().some((n) => /^[0-9a-f]{64}\.tar$/.test(n))
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
 * What manifest.json holds: docker save's list of images ('list'), nothing ('empty': Docker 25+
 * may leave it or index.json empty, read the other), or one image manifest ('manifest': skopeo's
 * `dir:` layout). Unreadable JSON counts as a list: loadDockerSave says what is wrong with it.
 */
export async function manifestJsonKind(view: ArchiveView): Promise<'list' | 'empty' | 'manifest'> {
  try {
    const doc = JSON.parse((await view.readBytes('manifest.json')).toString('utf8')) as unknown;
    if (doc === null || (Array.isArray(doc) && doc.length === 0)) return 'empty';
    return typeof doc === 'object' && !Array.isArray(doc) && 'schemaVersion' in doc ? 'manifest' : 'list';
  } catch {
    return 'list';
  }
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
  return pickImage(
    manifest,
    (m) => m.RepoTags ?? [],
    tag,
    describe,
    'docker-archive:PATH:NAME:TAG or docker-archive:PATH:@N',
  );
}
