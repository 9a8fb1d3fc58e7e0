// Fetching a manifest by tag or digest and resolving an index to one platform's image manifest.
import { createHash } from 'node:crypto';
import { LayerlintError } from '../../../errors.js';
import { checkShape } from '../image-schemas.js';
import { checkManifest, type ImageManifest, isIndex, SCHEMA1_TYPES, selectByPlatform } from '../oci-manifest.js';
import { hostPlatform, type Platform } from '../platform.js';
import type { RegistryClient } from './client.js';
import { readBody } from './http.js';
import { checkedDigest } from './reference.js';

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  ...SCHEMA1_TYPES,
].join(', ');

const MAX_MANIFEST = 4 * 1024 * 1024;

export interface FetchedManifest {
  manifest: ImageManifest;
  digest: string;
  mediaType?: string;
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function fetchOne(
  client: RegistryClient,
  reference: string,
  what: string,
): Promise<{ doc: ImageManifest; digest: string; mediaType?: string }> {
  const path = `/v2/${client.ref.repository}/manifests/${reference}`;
  const { res } = await client.get(path, { accept: ACCEPT }, what);
  const bytes = await readBody(res, MAX_MANIFEST, what).catch((err) => {
    throw err instanceof LayerlintError
      ? err
      : new LayerlintError(`${client.registry}: reading ${what}: ${(err as Error).message}`);
  });
  const digest = sha256(bytes);
  if (reference.startsWith('sha256:') && reference !== digest) {
    throw new LayerlintError(`${what} digest mismatch: expected ${reference}, content is ${digest}`);
  }
  const header = res.headers['docker-content-digest'];
  if (typeof header === 'string' && header.startsWith('sha256:') && header !== digest) {
    throw new LayerlintError(`${what} digest mismatch: the registry says ${header}, content is ${digest}`);
  }
  const mediaType = (res.headers['content-type'] ?? '').split(';')[0].trim() || undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new LayerlintError(`${what} is not valid JSON (${(err as Error).message})`);
  }
  const doc = checkShape<ImageManifest>(parsed, 'image manifest', what);
  return { doc, digest, mediaType };
}

/** The image manifest for `reference`, through an index when there is one (choosing by platform). */
export async function resolveManifest(
  client: RegistryClient,
  reference: string,
  platform: Platform | undefined,
  what: string,
): Promise<FetchedManifest> {
  let current = await fetchOne(client, reference, what);
  for (let depth = 0; isIndex(current.doc, current.mediaType); depth++) {
    if (depth > 3) throw new LayerlintError(`${what}: image indexes nest too deeply`);
    const chosen = selectByPlatform(current.doc.manifests ?? [], platform, hostPlatform(), what);
    const digest = checkedDigest(chosen.digest, `the index of ${what}`);
    current = await fetchOne(client, digest, `manifest ${digest} of ${what}`);
  }
  checkManifest(current.doc, current.mediaType, what);
  return { manifest: current.doc, digest: current.digest, mediaType: current.mediaType ?? current.doc.mediaType };
}
