// OCI index / manifest selection, shared by the OCI layout reader and the registry source.
import { LayerlintError } from '../../errors.js';
import { formatPlatform, type Platform, platformMatches } from './platform.js';

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion?: number;
  mediaType?: string;
  manifests?: Descriptor[];
}

export interface ImageManifest {
  schemaVersion?: number;
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
  fsLayers?: unknown;
}

export const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
export const MANIFEST_TYPES = new Set([
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
]);
export const SCHEMA1_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
]);

export function isIndex(doc: ImageManifest | ImageIndex, descriptorType?: string): boolean {
  const type = doc.mediaType ?? descriptorType;
  if (type && INDEX_TYPES.has(type)) return true;
  return !type && Array.isArray(doc.manifests) && !('layers' in doc);
}

export function isAttestation(d: Descriptor): boolean {
  return (
    d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
    (d.platform?.os === 'unknown' && d.platform?.architecture === 'unknown')
  );
}

/** Pick one manifest among an index's entries by platform; a clear error lists what there is. */
export function selectByPlatform(
  candidates: Descriptor[],
  want: Platform | undefined,
  host: Platform,
  what: string,
): Descriptor {
  const images = candidates.filter((d) => !isAttestation(d));
  if (images.length === 0) throw new LayerlintError(`${what} lists no image manifest`);
  // one entry, or one nested index (its entries carry the platforms): nothing to choose here
  if (images.length === 1 && (!want || INDEX_TYPES.has(images[0].mediaType ?? ''))) return images[0];
  const target = want ?? host;
  const match = images.find((d) => d.platform && platformMatches(target, d.platform as Platform));
  if (match) return match;
  if (!want && images.every((d) => !d.platform)) return images[0];
  const have = images.map((d) => (d.platform ? formatPlatform(d.platform) : 'unknown')).join(', ');
  throw new LayerlintError(
    `${what} has no image for ${formatPlatform(target)} (it has: ${have}); choose one with --platform`,
  );
}

export function checkManifest(doc: ImageManifest, type: string | undefined, what: string): void {
  const mediaType = doc.mediaType ?? type;
  if ((mediaType && SCHEMA1_TYPES.has(mediaType)) || doc.schemaVersion === 1 || doc.fsLayers) {
    throw new LayerlintError(
      `${what} is a Docker schema 1 manifest, which is deprecated and not supported; re-push the image with a current client`,
    );
  }
  if (!doc.config || !Array.isArray(doc.layers)) {
    throw new LayerlintError(`${what} is not an image manifest (no config or layers)`);
  }
  const configType = doc.config.mediaType;
  if (configType !== undefined && !IMAGE_CONFIG_TYPES.has(configType)) {
    throw new LayerlintError(`${what} is not an image: an artifact whose config is ${configType}`);
  }
}

/** Config media types of an image; anything else (the empty config, a Helm chart's) is an artifact. */
const IMAGE_CONFIG_TYPES = new Set([
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
]);
