// The three Engine API calls layerlint makes: /version, /images/{name}/json and /images/{id}/get.
// A unix socket or plain-HTTP endpoint is spoken to directly (raw-export.ts: the export is read
// into reused buffers, which took the main thread's CPU for a 560 MB export from 0.77 s to 0.2 s);
// a TLS endpoint goes through dockerode, loaded only then.
import type { Readable } from 'node:stream';
import type { DaemonEndpoint } from './endpoint.js';
import { canReadRaw, rawGet, rawJson } from './raw-export.js';

export interface VersionReply {
  ApiVersion?: string;
  Version?: string;
  Components?: { Name?: string }[];
}

export interface InspectReply {
  Id?: string;
  RepoTags?: string[] | null;
  RootFS?: { Layers?: string[] };
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
  if (canReadRaw(ep)) {
    return {
      version: async () => (await rawJson(ep, '/version', timeoutMs)) as VersionReply,
      inspect: async (name) => (await rawJson(ep, `/images/${imagePath(name)}/json`, timeoutMs)) as InspectReply,
      exportImage: (id) => rawGet(ep, `/images/${imagePath(id)}/get`, timeoutMs),
    };
  }
  const { default: Docker } = await import('dockerode');
  const docker = new Docker({ ...ep.options, timeout: timeoutMs });
  return {
    version: async () => (await docker.version()) as VersionReply,
    inspect: async (name) => (await docker.getImage(name).inspect()) as InspectReply,
    exportImage: async (id) => (await docker.getImage(id).get()) as Readable,
  };
}
