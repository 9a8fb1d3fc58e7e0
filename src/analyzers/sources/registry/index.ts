// Registry source (`docker://ref`): manifest (through an index by platform) -> config -> diffIDs;
// layers already in the cache are never downloaded, the others are streamed straight into the
// layer walker, several at once, every digest verified.
import { LayerlintError } from '../../../errors.js';
import type { ImageConfig, ImageModel, LayerWalk } from '../../../model/types.js';
import type { Limits } from '../../walk/limits.js';
import { WalkPool } from '../../walk/pool.js';
import { assembleImage, layerLabel, layersFromDescriptors } from '../assemble.js';
import { compressionOfMediaType, type LayerCache, walkThroughCache } from '../cache/index.js';
import { checkShape } from '../image-schemas.js';
import { mapLimit } from '../map-limit.js';
import type { Descriptor } from '../oci-manifest.js';
import type { Platform } from '../platform.js';
import { blobStream } from './blob.js';
import { type BlobFetch, FETCH_BLOB_MODULE, fetchBlob } from './blob-fetch.js';
import { registryTls } from './cert-dir.js';
import { NotFoundError, RegistryClient } from './client.js';
import { findCredentials } from './credentials.js';
import { closeTransport, createTransport } from './http.js';
import { resolveManifest, sha256 } from './manifest.js';
import { progressBar } from './progress.js';
import { formatReference, parseDockerReference } from './reference.js';

export interface RegistryOptions {
  limits: Limits;
  /** walks each blob as it downloads (in its workers); without one, in this thread */
  pool?: WalkPool;
  platform?: Platform;
  cache?: LayerCache;
  insecure?: boolean;
  /** --cert-dir: the CA and client certificate files, instead of the certs.d lookup */
  certDir?: string;
  concurrency?: number;
  /** idle timeout per exchange, and the longest Retry-After honoured */
  timeoutMs?: number;
  username?: string;
  password?: string;
  env?: NodeJS.ProcessEnv;
  stderr?: NodeJS.WriteStream;
  notices?: string[];
}

export const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_CONFIG = 32 * 1024 * 1024;

export async function openRegistryImage(name: string, ref: string, opts: RegistryOptions): Promise<ImageModel> {
  const parsed = parseDockerReference(name);
  const display = `docker://${formatReference(parsed)}`;
  const concurrency = Math.max(1, opts.concurrency ?? 3);
  const controller = new AbortController();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const env = opts.env ?? process.env;
  const tls = registryTls(parsed.registry, { certDir: opts.certDir, env });
  const transport = createTransport({
    insecure: opts.insecure === true,
    tls,
    timeoutMs,
    sockets: concurrency + 2,
    signal: controller.signal,
  });
  const client = new RegistryClient(parsed, {
    transport,
    maxWaitMs: timeoutMs,
    credentials: () => findCredentials(parsed.registry, { env, username: opts.username, password: opts.password }),
  });
  const progress = progressBar(opts.stderr, display);
  const pool = opts.pool ?? new WalkPool(0);
  try {
    let fetched: Awaited<ReturnType<typeof resolveManifest>>;
    try {
      fetched = await resolveManifest(
        client,
        parsed.digest ?? parsed.tag ?? 'latest',
        opts.platform,
        `manifest of ${display}`,
      );
    } catch (err) {
      if (err instanceof NotFoundError) {
        const what = parsed.digest ? `digest ${parsed.digest}` : `tag "${parsed.tag}"`;
        throw new LayerlintError(
          `${display} not found: ${parsed.registry} has no ${what} in ${parsed.repository} (${err.message.replace(/^.*\((HTTP 404.*)\)$/, '$1')})`,
        );
      }
      throw err;
    }
    const { manifest } = fetched;
    const configDesc = manifest.config!;
    const configBytes = await readConfig(client, configDesc, opts.cache);
    let configJson: unknown;
    try {
      configJson = JSON.parse(configBytes.toString('utf8'));
    } catch (err) {
      throw new LayerlintError(`image config ${configDesc.digest} is not valid JSON (${(err as Error).message})`);
    }
    const config = checkShape<ImageConfig>(configJson, 'image config', `image config ${configDesc.digest}`);
    const layerDescs = manifest.layers ?? [];
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== layerDescs.length) {
      throw new LayerlintError(
        `image config lists ${diffIds.length} layers (rootfs.diff_ids) but the manifest has ${layerDescs.length}`,
      );
    }
    const cachedFlags = await Promise.all(
      diffIds.map(async (d) => (opts.cache ? (await opts.cache.get(d)) !== undefined : false)),
    );
    const toFetch = layerDescs.filter((_, i) => !cachedFlags[i]);
    progress.start(
      toFetch.reduce((sum, d) => sum + (d.size ?? 0), 0),
      layerDescs.length,
      layerDescs.length - toFetch.length,
    );

    const session = await client.session();
    const walks = await mapLimit(layerDescs, concurrency, async (d, i) => {
      const label = layerLabel(i, d.digest);
      const blob = { digest: d.digest, size: d.size, compression: compressionOfMediaType(d.mediaType) };
      const { walk } = await walkThroughCache(opts.cache, diffIds[i], blob, async () => {
        const onBytes = (n: number) => progress.bytes(n);
        // the worker that walks the blob downloads it; the main thread only if the token expired
        const args: BlobFetch = {
          registry: parsed.registry,
          repository: parsed.repository,
          session,
          insecure: opts.insecure === true,
          tls,
          timeoutMs,
          digest: d.digest,
          size: d.size,
          label,
        };
        const job = { module: FETCH_BLOB_MODULE, name: 'fetchBlob', args, size: d.size, label, limits: opts.limits };
        const fresh = await pool.walkFetched(job, fetchBlob, onBytes, controller.signal).catch((err) => {
          if ((err as { code?: unknown }).code !== 'ESESSION') throw err;
          const again = blobStream(client, { digest: d.digest, size: d.size, label, onBytes });
          return pool.walkStream(again, label, opts.limits);
        });
        verifyFetched(fresh, d, diffIds[i], label);
        progress.layerDone();
        return fresh;
      });
      return walk;
    }).catch((err) => {
      controller.abort();
      throw err;
    });
    const notices = [...(opts.notices ?? [])];
    return assembleImage({
      ref,
      source: 'registry',
      format: 'registry',
      config,
      layers: layersFromDescriptors(walks, layerDescs),
      manifestDigest: fetched.digest,
      configDigest: configDesc.digest,
      repoTags: parsed.tag ? [`${parsed.registry}/${parsed.repository}:${parsed.tag}`] : undefined,
      notices,
    });
  } finally {
    progress.end();
    closeTransport(transport);
  }
}

/** A verified walk only: blob digest, declared size and diffID must all match. */
function verifyFetched(walk: LayerWalk, d: Descriptor, diffId: string | undefined, label: string): void {
  if (!d.digest.startsWith('sha256:'))
    throw new LayerlintError(`${label}: digest algorithm of ${d.digest} is not supported (sha256 only)`);
  if (walk.blobDigest !== d.digest)
    throw new LayerlintError(`${label} digest mismatch: expected ${d.digest}, content is ${walk.blobDigest}`);
  if (d.size !== undefined && walk.blobSize !== d.size) {
    throw new LayerlintError(`${label} is truncated at byte ${walk.blobSize} of ${d.size}`);
  }
  if (diffId && walk.diffId !== diffId) {
    throw new LayerlintError(`${label} diffID mismatch: config says ${diffId}, uncompressed content is ${walk.diffId}`);
  }
}

/** The image config: from the cache when an earlier run stored it (it is named by its digest), else downloaded. */
async function readConfig(client: RegistryClient, d: Descriptor, cache: LayerCache | undefined): Promise<Buffer> {
  const what = `image config ${d.digest}`;
  const cached = await cache?.getConfig(d.digest);
  if (cached && sha256(cached) === d.digest) return cached;
  const bytes = await readBlob(client, d, what);
  cache?.putConfig(d.digest, bytes);
  return bytes;
}

async function readBlob(client: RegistryClient, d: Descriptor, what: string): Promise<Buffer> {
  if (d.size !== undefined && d.size > MAX_CONFIG)
    throw new LayerlintError(`${what} is ${d.size} bytes, too large to be an image config`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of blobStream(client, { digest: d.digest, size: d.size, label: what })) {
    total += chunk.length;
    if (total > MAX_CONFIG) throw new LayerlintError(`${what} is too large to be an image config`);
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  const digest = sha256(bytes);
  if (digest !== d.digest)
    throw new LayerlintError(`${what} digest mismatch: expected ${d.digest}, content is ${digest}`);
  return bytes;
}
