// The three Engine API calls layerlint makes: /version, /images/{name}/json and /images/{id}/get.
// A unix socket or plain-HTTP endpoint is spoken to directly (raw-export.ts: the export is read
// into reused buffers, which took the main thread's CPU for a 560 MB export from 0.77 s to 0.2 s);
// a TLS endpoint through node:https (tls-get.ts).
import type { Readable } from 'node:stream';
import type { DaemonEndpoint } from './endpoint.js';
import { canReadRaw, rawGet, readJson } from './raw-export.js';
import { tlsGet } from './tls-get.js';

export interface VersionReply {
  ApiVersion?: string;
  Version?: string;
  Components?: { Name?: string }[];
}

export interface InspectReply {
  Id?: string;
  RepoTags?: string[] | null;
  RootFS?: { Layers?: string[] };
  /** the storage driver holding the image (dockerd: overlay2, vfs, ...; its containerd store: a snapshotter) */
  GraphDriver?: { Name?: string };
}

export interface DaemonApi {
  version(): Promise<VersionReply>;
  inspect(name: string): Promise<InspectReply>;
  /** a `docker save` tar of the image; a chunk may be reused once the next is asked for */
  exportImage(id: string): Promise<Readable | AsyncGenerator<Buffer>>;
}

/** An image name or ID as a path segment: names keep their / and : as the Docker CLI sends them. */
function imagePath(name: string): string {
  return /^[\w.:/@-]+$/.test(name) ? name : encodeURIComponent(name);
}

export async function daemonApi(ep: DaemonEndpoint, timeoutMs: number): Promise<DaemonApi> {
  const get = canReadRaw(ep)
    ? (path: string) => rawGet(ep, path, timeoutMs)
    : (path: string) => tlsGet(ep, path, timeoutMs);
  const json = async (path: string) => readJson(await get(path), path);
  return {
    version: async () => (await json('/version')) as VersionReply,
    inspect: async (name) => (await json(`/images/${imagePath(name)}/json`)) as InspectReply,
    exportImage: (id) => get(`/images/${imagePath(id)}/get`),
  };
}
