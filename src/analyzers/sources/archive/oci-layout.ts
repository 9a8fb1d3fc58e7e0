// OCI image layout (index.json + blobs/), from a tar or a directory.

import { LayerlintError } from '../../../errors.js';
import type { ImageConfig, ImageModel } from '../../../model/types.js';
import { allInOrder, type OnLayer } from '../all-in-order.js';
import { assembleImage, layerLabel, layersFromDescriptors } from '../assemble.js';
import { compressionOfMediaType, type LayerCache, walkThroughCache } from '../cache/index.js';
import {
  checkManifest,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
  isIndex,
  selectByPlatform,
} from '../oci-manifest.js';
import { hostPlatform, type Platform } from '../platform.js';
import { blobPath, readJson } from './json.js';
import type { ArchiveView } from './view.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';

export async function loadOciLayout(
  view: ArchiveView,
  ref: string,
  opts: { tag?: string; platform?: Platform; cache?: LayerCache; onLayer?: OnLayer },
): Promise<ImageModel> {
  const { value: index } = await readJson<ImageIndex>(view, 'index.json', 'index.json');
  if (!Array.isArray(index.manifests)) throw new LayerlintError(`${view.describe}: index.json has no manifests`);
  let candidates = index.manifests;
  if (opts.tag) {
    const tag = opts.tag;
    candidates = candidates.filter((d) => {
      const name = d.annotations?.[REF_NAME] ?? d.annotations?.[CONTAINERD_NAME];
      return name !== undefined && (name === tag || name.endsWith(`:${tag}`));
    });
    if (candidates.length === 0) {
      const names = index.manifests
        .map((d) => d.annotations?.[REF_NAME] ?? d.annotations?.[CONTAINERD_NAME])
        .filter(Boolean);
      throw new LayerlintError(`${view.describe} has no image named "${tag}" (names: ${names.join(', ') || 'none'})`);
    }
  }
  const manifestDesc = await resolveToManifest(view, candidates, opts.platform, 'index.json', 0);
  const what = `manifest ${manifestDesc.digest}`;
  const { value: manifest, digest: manifestDigest } = await readJson<ImageManifest>(
    view,
    blobPath(manifestDesc.digest),
    what,
    manifestDesc.digest,
  );
  checkManifest(manifest, manifestDesc.mediaType, what);
  const configDesc = manifest.config!;
  const { value: config, digest: configDigest } = await readJson<ImageConfig>(
    view,
    blobPath(configDesc.digest),
    `image config ${configDesc.digest}`,
    configDesc.digest,
  );
  const layerDescs = manifest.layers!;
  const diffIds = config.rootfs?.diff_ids ?? [];
  const walks = await allInOrder(
    layerDescs.map(async (d, i) => {
      const name = blobPath(d.digest);
      if (!view.has(name)) {
        throw new LayerlintError(`${what} names layer ${d.digest} but ${view.describe} has no ${name}`);
      }
      const blob = { digest: d.digest, size: d.size, compression: compressionOfMediaType(d.mediaType) };
      const { walk } = await walkThroughCache(opts.cache, diffIds[i], blob, () =>
        view.walkLayer(name, layerLabel(i, d.digest)),
      );
      return walk;
    }),
    opts.onLayer,
  );
  return assembleImage({
    ref,
    source: 'archive',
    format: 'oci-layout',
    config,
    layers: layersFromDescriptors(walks, layerDescs),
    manifestDigest,
    configDigest,
  });
}

async function resolveToManifest(
  view: ArchiveView,
  candidates: Descriptor[],
  platform: Platform | undefined,
  what: string,
  depth: number,
): Promise<Descriptor> {
  if (depth > 4) throw new LayerlintError(`${view.describe}: image indexes nest too deeply`);
  const chosen = selectByPlatform(candidates, platform, hostPlatform(), `${view.describe} ${what}`);
  const { value: doc } = await readJson<ImageManifest>(
    view,
    blobPath(chosen.digest),
    `manifest ${chosen.digest}`,
    chosen.digest,
  );
  if (isIndex(doc, chosen.mediaType)) {
    return resolveToManifest(view, doc.manifests ?? [], platform, `index ${chosen.digest}`, depth + 1);
  }
  return chosen;
}
