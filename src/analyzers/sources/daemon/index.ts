// Daemon source (`docker-daemon:name[:tag]`): the Docker Engine API (dockerd or Podman's
// compatible service), see api.ts. /images/{name}/json gives the image ID (its config
// digest) and diffIDs; when the config and every layer are in the cache nothing else is read.
// Otherwise /images/{name}/get streams a `docker save` tar straight into the archive reader (no
// temp file; read off the socket into reused buffers, see raw-export.ts); members whose names
// carry a cached diffID are only hashed, never walked.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { LayerlintError } from '../../../errors.js';
import type { ImageConfig, ImageModel } from '../../../model/types.js';
import type { Limits } from '../../walk/limits.js';
import type { WalkPool } from '../../walk/pool.js';
import { loadArchiveStream } from '../archive/index.js';
import { assembleImage } from '../assemble.js';
import { type LayerCache, walkFromCache } from '../cache/index.js';
import { type DaemonApi, daemonApi, type InspectReply, type VersionReply } from './api.js';
import { type DaemonEndpoint, resolveEndpoint } from './endpoint.js';
import { apiError, connectError, isNotFound, notFoundError } from './errors.js';

export const MIN_API_VERSION = '1.24';

export interface DaemonOptions {
  limits: Limits;
  pool: WalkPool;
  cache?: LayerCache;
  host?: string;
  env?: NodeJS.ProcessEnv;
  /** ms for connecting and for each pause in the stream */
  timeoutMs?: number;
  notices?: string[];
}

export interface Daemon {
  api: DaemonApi;
  endpoint: DaemonEndpoint;
  engine: 'Docker' | 'Podman';
  apiVersion: string;
  /** an inspect started with the version check (one round trip fewer before the export) */
  early?: { name: string; reply: Promise<InspectReply> };
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * Connect and check the API version; the errors say which socket was tried and how to point
 * elsewhere. `inspect`: an image to inspect meanwhile (inspectImage takes that answer).
 */
export async function connectDaemon(
  opts: {
    host?: string;
    env?: NodeJS.ProcessEnv;
    timeoutMs?: number;
  },
  inspect?: string,
): Promise<Daemon> {
  const endpoint = resolveEndpoint(opts.host, opts.env ?? process.env);
  let api: DaemonApi;
  let version: VersionReply;
  let early: Daemon['early'];
  try {
    api = await daemonApi(endpoint, opts.timeoutMs ?? 60_000);
    if (inspect !== undefined) {
      early = { name: inspect, reply: api.inspect(inspect) };
      early.reply.catch(() => {}); // inspectImage reports its failure, unless the version check fails first
    }
    version = await api.version();
  } catch (err) {
    throw connectError(err, endpoint);
  }
  const apiVersion = version.ApiVersion ?? '0';
  if (compareVersions(apiVersion, MIN_API_VERSION) < 0) {
    throw new LayerlintError(
      `the daemon at ${endpoint.url} speaks Engine API ${apiVersion}; layerlint needs ${MIN_API_VERSION} or newer (Docker 1.12+, Podman 2+): upgrade it`,
    );
  }
  const engine = (version.Components ?? []).some((c) => /podman/i.test(c.Name ?? '')) ? 'Podman' : 'Docker';
  return { api, endpoint, engine, apiVersion, early };
}

/** Inspect an image; undefined when the daemon does not have it. */
export async function inspectImage(d: Daemon, name: string): Promise<InspectReply | undefined> {
  try {
    return await (d.early?.name === name ? d.early.reply : d.api.inspect(name));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw apiError(err, d.endpoint, `inspecting "${name}"`);
  }
}

export async function openDaemonImage(
  name: string,
  ref: string,
  opts: DaemonOptions,
  connected?: Daemon,
): Promise<ImageModel> {
  const d = connected ?? (await connectDaemon(opts, name));
  const info = await inspectImage(d, name);
  if (!info) throw notFoundError(name, d.endpoint, d.engine);
  const verified = exportIsVerified(d.engine, info);
  // what the daemon vouches for without our hashing it is kept apart, under its endpoint: a walk
  // of a layer it lied about must never answer for the genuine layer read from anywhere else
  const cache = verified ? opts.cache?.vouchedBy(d.endpoint.url) : opts.cache;
  const fromCache = await imageFromCache(info, ref, cache);
  if (fromCache) return withNotices(fromCache, opts.notices);

  const cachedDiffIds = new Set<string>();
  if (cache) {
    for (const diffId of info.RootFS?.Layers ?? []) if (await cache.get(diffId)) cachedDiffIds.add(diffId);
  }
  let stream: Readable | AsyncGenerator<Buffer>;
  try {
    const exporting = d.api.exportImage(info.Id ?? name);
    opts.pool.prestart(); // dockerd writes the whole export out before its first byte: workers boot meanwhile
    stream = await exporting;
  } catch (err) {
    if (isNotFound(err)) throw notFoundError(name, d.endpoint, d.engine);
    throw apiError(err, d.endpoint, `exporting "${name}"`);
  }
  const describe = `${d.engine} daemon export of "${name}"`;
  try {
    const model = await loadArchiveStream(stream, describe, ref, {
      limits: opts.limits,
      pool: opts.pool,
      cache,
      stopAtEnd: true,
      layersVerifiedBySource: verified,
      skipMember: (member) => cachedDiffIds.has(`sha256:${/(?:^|\/)([0-9a-f]{64})(?:\.tar)?$/.exec(member)?.[1]}`),
    });
    return withNotices({ ...model, source: 'daemon', repoTags: info.RepoTags ?? model.repoTags }, opts.notices);
  } catch (err) {
    if (err instanceof LayerlintError) throw err;
    throw apiError(err, d.endpoint, `reading the export of "${name}"`);
  } finally {
    if ('destroy' in stream) stream.destroy();
    else await stream.return(undefined);
  }
}

/** dockerd's classic storage drivers; its containerd image store names a snapshotter instead */
const CLASSIC_DRIVERS = new Set([
  'overlay2',
  'overlay',
  'fuse-overlayfs',
  'vfs',
  'btrfs',
  'zfs',
  'devicemapper',
  'aufs',
  'windowsfilter',
]);

/**
 * True when the daemon has verified every layer of its export against the image's diffIDs as it
 * wrote it, so that hashing the layers again would only repeat its work (a third of the CPU an
 * export costs here): dockerd's classic layer store reads each layer through a reader that
 * re-hashes it and fails the export on a mismatch (moby's layer store, roLayer.TarStream). Not
 * Podman, nor dockerd's containerd image store, which copy stored blobs as they are.
 */
export function exportIsVerified(engine: Daemon['engine'], info: InspectReply): boolean {
  return engine === 'Docker' && CLASSIC_DRIVERS.has(info.GraphDriver?.Name ?? '');
}

function withNotices(model: ImageModel, notices: string[] | undefined): ImageModel {
  return notices?.length ? { ...model, notices: [...notices, ...model.notices] } : model;
}

/** The whole image from the cache: the config by its digest (the image ID) and every layer by diffID. */
async function imageFromCache(
  info: InspectReply,
  ref: string,
  cache: LayerCache | undefined,
): Promise<ImageModel | undefined> {
  const id = info.Id?.startsWith('sha256:') ? info.Id : info.Id ? `sha256:${info.Id}` : undefined;
  if (!cache || !id || !/^sha256:[0-9a-f]{64}$/.test(id)) return undefined;
  const bytes = await cache.getConfig(id);
  if (!bytes || `sha256:${createHash('sha256').update(bytes).digest('hex')}` !== id) return undefined;
  let config: ImageConfig;
  try {
    config = JSON.parse(bytes.toString('utf8')) as ImageConfig;
  } catch {
    return undefined;
  }
  const diffIds = config.rootfs?.diff_ids ?? [];
  const walks = [];
  for (const diffId of diffIds) {
    const hit = await cache.get(diffId);
    if (!hit) return undefined;
    walks.push(walkFromCache(hit, { compression: 'none' }));
  }
  const model = assembleImage({
    ref,
    source: 'daemon',
    format: 'daemon-cached',
    config,
    layers: walks.map((walk) => ({ walk })),
    configDigest: id,
    repoTags: info.RepoTags ?? undefined,
  });
  return {
    ...model,
    notices: [
      ...model.notices,
      'the image was not exported from the daemon: its config and every layer were in the layer cache',
    ],
  };
}
