// How a report names an image's origin and a Dockerfile: user words, never internal format names.
import type { ImageReport } from './result.js';

const ARCHIVE_FORMATS: Record<string, string> = {
  'docker-save-legacy': 'docker save archive',
  'docker-save-oci': 'docker save archive (OCI layout inside)',
  'docker-archive-symlinked': 'docker-archive (podman/skopeo)',
  'oci-layout': 'OCI image layout',
  rootfs: 'root filesystem tar (docker export)',
};

/** "docker save archive", "Docker daemon", "registry", ... */
export function originOf(image: Pick<ImageReport, 'source' | 'format'>): string {
  if (image.source === 'daemon') return 'daemon';
  if (image.source === 'registry') return 'registry';
  return ARCHIVE_FORMATS[image.format] ?? 'archive';
}

/** The image as the user knows it: the reference, or for standard input the name the archive gives. */
export function imageLabel(image: Pick<ImageReport, 'ref' | 'repoTags'>): string {
  if (image.ref !== '-') return image.ref;
  const tag = image.repoTags?.[0];
  return tag ? `${tag} (standard input)` : 'standard input';
}

/** "Dockerfile", "docker/Dockerfile.prod", or "Dockerfile build.df" when the name does not say it. */
export function dockerfileLabel(path: string): string {
  const base = path.replace(/\\/g, '/').split('/').pop() ?? path;
  return /dockerfile|containerfile/i.test(base) ? path : `Dockerfile ${path}`;
}
