import { getRealImage, type RealImageName } from '../../fixtures/real/build.js';
import { loadImageArchive } from './load-image.js';
import { type PodmanHandle, startPodman } from './podman.js';

export interface LoadedPodman extends PodmanHandle {
  /** names podman gave the loaded image, e.g. ['localhost/layerlint/busybox-deleted:latest'] */
  images: string[];
}

/**
 * The `podman-loaded` fixture: a fresh podman API service with a real image (default
 * `busybox-deleted`, from its docker archive) loaded through the Docker-compatible API.
 */
export async function startPodmanWithImage(name: RealImageName = 'busybox-deleted'): Promise<LoadedPodman> {
  const img = await getRealImage(name);
  const podman = await startPodman();
  try {
    const images = await loadImageArchive(podman.socketPath, img.dockerArchive);
    if (images.length === 0) throw new Error(`podman reported no loaded image for ${img.dockerArchive}`);
    return { ...podman, images };
  } catch (err) {
    await podman.stop();
    throw err;
  }
}
