// One import for tests: `import { startDockerd, startRegistry, ... } from '../support/index.js'`.
export { dockerClient, findBinary, requireBinary } from './bins.js';
export { type DockerdHandle, type DockerdOptions, startDockerd } from './dockerd.js';
export { type HttpOptions, type HttpResponse, httpRequest, unixGet } from './http.js';
export { loadImageArchive } from './load-image.js';
export { mountsUnder, unmountUnder } from './mounts.js';
export { makeTestPki, type TestPki } from './pki.js';
export { type PodmanHandle, startPodman } from './podman.js';
export { type LoadedPodman, startPodmanWithImage } from './podman-loaded.js';
export { freePort } from './ports.js';
export { run, runAsync } from './process.js';
export {
  type RegistryAuth,
  type RegistryHandle,
  type RegistryOptions,
  startRegistry,
  type TokenServerInfo,
} from './registry.js';
export { type SkopeoOptions, skopeoCopy, skopeoInspect } from './skopeo.js';
export { makeTempDir, removeDir } from './tmp.js';
