// OCI image layout (index.json + blobs/), from a tar or a directory; and skopeo's `dir:` layout
// (manifest.json + blobs named by their hex digest), which shares everything after the index.

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
  isAttestation,
  isIndex,
  selectByPlatform,
} from '../oci-manifest.js';
import { hostPlatform, type Platform } from '../platform.js';
import { blobPath, readJson } from './json.js';
import { pickImage } from './pick-image.js';
import type { ArchiveView } from './view.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';

interface LayoutOptions {
  tag?: string;
  platform?: Platform;
  cache?: LayerCache;
  onLayer?: OnLayer;
}

export async function loadOciLayout(view: ArchiveView, ref: string, opts: LayoutOptions): Promise<ImageModel> {
  const { value: index } = await readJson<ImageIndex>(view, 'index.json', 'index.json', undefined, 'image index');
  const listed = index.manifests ?? [];
  if (listed.length === 0) throw new LayerlintError(`${view.describe}: index.json lists no image`);
  const candidates = byRefName(listed, opts.tag, view.describe);
  const manifestDesc = await resolveToManifest(view, candidates, opts.platform, 'index.json', 0);
  return loadManifest(view, ref, opts, blobPath(manifestDesc.digest), manifestDesc, blobPath, 'oci-layout');
}

/** skopeo's `dir:` transport: manifest.json is the image manifest, blobs are named by hex digest. */
export async function loadDirTransport(view: ArchiveView, ref: string, opts: LayoutOptions): Promise<ImageModel> {
  const hexName = (digest: string) => blobPath(digest).split('/')[2];
  return loadManifest(view, ref, opts, 'manifest.json', undefined, hexName, 'skopeo-dir');
}

/**
 * The index entries to choose among: the one named `tag` (its ref name or containerd image name),
 * else all of them when they are one image (named once, or platforms of one image).
 */
function byRefName(listed: Descriptor[], tag: string | undefined, describe: string): Descriptor[] {
  const nameOf = (d: Descriptor) => d.annotations?.[REF_NAME] ?? d.annotations?.[CONTAINERD_NAME];
  const namesOf = (d: Descriptor) =>
    [d.annotations?.[REF_NAME], d.annotations?.[CONTAINERD_NAME]].filter((n): n is string => n !== undefined);
  const images = listed.filter((d) => !isAttestation(d));
  const distinct = new Set(images.map(nameOf));
  if (tag === undefined && distinct.size <= 1) return listed;
  // several differently named images: one is chosen by name (or @N), never the first silently
  const chosen = pickImage(images, namesOf, tag, describe, 'oci-archive:PATH:NAME (or oci:DIR:NAME)');
  const name = nameOf(chosen);
  return name === undefined ? [chosen] : images.filter((d) => nameOf(d) === name);
}

async function loadManifest(
  view: ArchiveView,
  ref: string,
  opts: LayoutOptions,
  manifestName: string,
  manifestDesc: Descriptor | undefined,
  blobName: (digest: string) => string,
  format: string,
): Promise<ImageModel> {
  const what = manifestDesc ? `manifest ${manifestDesc.digest}` : manifestName;
  const { value: manifest, digest: manifestDigest } = await readJson<ImageManifest>(
    view,
    manifestName,
    what,
    manifestDesc?.digest,
    'image manifest',
  );
  checkManifest(manifest, manifestDesc?.mediaType, `${what} in ${view.describe}`);
  const configDesc = manifest.config!;
  const configName = blobName(configDesc.digest);
  if (!view.has(configName)) {
    throw new LayerlintError(`${what} names config ${configDesc.digest} but ${view.describe} has no ${configName}`);
  }
  const { value: config, digest: configDigest } = await readJson<ImageConfig>(
    view,
    configName,
    `image config ${configDesc.digest}`,
    configDesc.digest,
    'image config',
  );
  const layerDescs = manifest.layers!;
  const diffIds = config.rootfs?.diff_ids ?? [];
  const walks = await allInOrder(
    layerDescs.map(async (d, i) => {
      const name = blobName(d.digest);
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
    format,
    config,
    layers: layersFromDescriptors(walks, layerDescs),
    manifestDigest,
    configDigest,
  });
}

/**
 * Follow indexes (nested, OCI inside Docker manifest lists) down to one image manifest. Entries
 * whose blob the archive lacks (`ctr export` without --all-platforms lists every platform but
 * stores one) are not candidates; attestation manifests never are (selectByPlatform).
 */
async function resolveToManifest(
  view: ArchiveView,
  listed: Descriptor[],
  platform: Platform | undefined,
  what: string,
  depth: number,
): Promise<Descriptor> {
  if (depth > 4) throw new LayerlintError(`${view.describe}: image indexes nest too deeply`);
  const present = listed.filter((d) => view.has(blobPath(d.digest)));
  if (present.length === 0) {
    throw new LayerlintError(`${view.describe}: ${what} lists ${listed.length} manifest(s) but none is in the archive`);
  }
  const chosen = selectByPlatform(present, platform, hostPlatform(), `${view.describe} ${what}`);
  const { value: doc } = await readJson<ImageManifest>(
    view,
    blobPath(chosen.digest),
    `manifest ${chosen.digest}`,
    chosen.digest,
    'image manifest',
  );
  if (isIndex(doc, chosen.mediaType)) {
    return resolveToManifest(view, doc.manifests ?? [], platform, `index ${chosen.digest}`, depth + 1);
  }
  return chosen;
}
