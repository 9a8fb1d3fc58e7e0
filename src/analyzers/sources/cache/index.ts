// The layer cache every source shares: per-layer walk results keyed by diffID, on disk across runs
// (unless --no-cache) and in memory within a run, so that a layer is walked once per run at most
// and never again while it stays on disk. Only walks whose bytes were hashed against their diffID
// enter the shared cache; a walk a daemon vouched for (its export, not hashed again) goes to a
// namespace of that daemon's endpoint, which only later reads from the same endpoint consult.
import { createHash } from 'node:crypto';
import type { Compression, LayerWalk } from '../../../model/types.js';
import { type CachedWalk, cachedPart } from './encode.js';
import { DEFAULT_CACHE_MAX, DiskStore, defaultCacheDir } from './store.js';

export interface LayerCache {
  /** A walk of the layer with this diffID, from this run or an earlier one. */
  get(diffId: string): Promise<CachedWalk | undefined>;
  /** Remember a walk whose diffID has been verified against the image config. */
  put(walk: LayerWalk): void;
  getConfig(digest: string): Promise<Buffer | undefined>;
  putConfig(digest: string, bytes: Buffer): void;
  /** Wait for pending writes and trim the cache to its bound. */
  flush(): Promise<void>;
  /**
   * The cache as a source that vouches for its own layers (nobody hashes them) sees it: reads
   * find the shared walks, then the walks this endpoint vouched for before; puts go to the
   * endpoint's namespace only, so no other source (an archive, a registry, another daemon) ever
   * reads what this one was not made to prove.
   */
  vouchedBy(endpoint: string): LayerCache;
}

export interface CacheOptions {
  cacheDir?: string;
  /** false with --no-cache */
  cache?: boolean;
  /** bytes */
  cacheMax?: number;
  /** layerlint's version: walks made by another version are not reused (the walker's output may differ) */
  toolVersion?: string;
}

export function openLayerCache(opts: CacheOptions = {}): LayerCache {
  const disk =
    opts.cache === false
      ? undefined
      : new DiskStore(opts.cacheDir ?? defaultCacheDir(), opts.cacheMax ?? DEFAULT_CACHE_MAX, opts.toolVersion);
  return new RunCache(disk);
}

/** The writes of a cache and all its namespaces, which flush waits for. */
interface Writes {
  pending: Set<Promise<void>>;
  wrote: boolean;
}

class RunCache implements LayerCache {
  private readonly memory = new Map<string, Promise<CachedWalk | undefined>>();
  private readonly configs = new Map<string, Buffer>();
  private readonly namespaces = new Map<string, RunCache>();

  /** `shared`: for an endpoint's namespace, the verified cache it reads first */
  constructor(
    private readonly disk: DiskStore | undefined,
    private readonly shared?: RunCache,
    private readonly writes: Writes = { pending: new Set(), wrote: false },
  ) {}

  vouchedBy(endpoint: string): LayerCache {
    const root = this.shared ?? this;
    const key = createHash('sha256').update(endpoint).digest('hex').slice(0, 32);
    let ns = root.namespaces.get(key);
    if (!ns) {
      ns = new RunCache(root.disk?.namespace(key), root, root.writes);
      root.namespaces.set(key, ns);
    }
    return ns;
  }

  async get(diffId: string): Promise<CachedWalk | undefined> {
    if (!this.shared) return this.own(diffId);
    const verified = await this.shared.get(diffId);
    if (verified) return verified;
    const vouched = await this.own(diffId);
    return vouched && { ...vouched, vouched: true };
  }

  private own(diffId: string): Promise<CachedWalk | undefined> {
    let hit = this.memory.get(diffId);
    if (!hit) {
      hit = this.disk ? this.disk.getWalk(diffId) : Promise.resolve(undefined);
      this.memory.set(diffId, hit);
    }
    return hit.then((w) => {
      if (!w && this.memory.get(diffId) === hit) this.memory.delete(diffId);
      return w;
    });
  }

  put(walk: LayerWalk): void {
    const part = cachedPart(walk);
    this.memory.set(walk.diffId, Promise.resolve(part));
    if (this.disk) this.track(this.disk.putWalk(part));
  }

  // configs are stored under the digest of their bytes and every reader hashes them again: shared
  async getConfig(digest: string): Promise<Buffer | undefined> {
    if (this.shared) return this.shared.getConfig(digest);
    return this.configs.get(digest) ?? (await this.disk?.getConfig(digest));
  }

  putConfig(digest: string, bytes: Buffer): void {
    if (this.shared) {
      this.shared.putConfig(digest, bytes);
      return;
    }
    this.configs.set(digest, bytes);
    if (this.disk) this.track(this.disk.putConfig(digest, bytes));
  }

  async flush(): Promise<void> {
    if (this.shared) return this.shared.flush();
    await Promise.all(this.writes.pending);
    // only a write grows the cache: a run that only read it does not list it (a stat per entry)
    if (this.writes.wrote) await this.disk?.evict().catch(() => {});
  }

  /** Cache writes are an optimisation: a full disk or a read-only home must not fail the run. */
  private track(p: Promise<void>): void {
    const { writes } = this;
    writes.wrote = true;
    const done = p.catch(() => {}).finally(() => writes.pending.delete(done));
    writes.pending.add(done);
  }
}

export interface BlobFacts {
  digest?: string;
  size?: number;
  compression?: Compression;
}

/** A cached walk dressed as the walk of this image's blob (same content, maybe stored differently). */
export function walkFromCache(cached: CachedWalk, blob: BlobFacts): LayerWalk {
  return {
    ...cached,
    fromCache: cached.vouched ? 'endpoint' : 'verified',
    compression: blob.compression ?? cached.compression,
    blobDigest: blob.digest ?? cached.diffId,
    blobSize: blob.size ?? (blob.digest === undefined || blob.digest === cached.diffId ? cached.tarSize : undefined),
  };
}

/**
 * The walk of a layer whose diffID the config names: from the cache when present (no bytes read),
 * else from `walk()`, which the caller verifies; a verified walk is stored.
 */
export async function walkThroughCache(
  cache: LayerCache | undefined,
  diffId: string | undefined,
  blob: BlobFacts,
  walk: () => Promise<LayerWalk>,
): Promise<{ walk: LayerWalk; cached: boolean }> {
  if (cache && diffId) {
    const hit = await cache.get(diffId);
    if (hit) return { walk: walkFromCache(hit, blob), cached: true };
  }
  const fresh = await walk();
  if (cache && diffId && fresh.diffId === diffId) cache.put(fresh);
  return { walk: fresh, cached: false };
}

export function compressionOfMediaType(mediaType: string | undefined): Compression | undefined {
  if (!mediaType) return undefined;
  if (/gzip/.test(mediaType)) return 'gzip';
  if (/zstd/.test(mediaType)) return 'zstd';
  if (/tar$/.test(mediaType)) return 'none';
  return undefined;
}

export type { CachedWalk } from './encode.js';
export { DEFAULT_CACHE_MAX, defaultCacheDir } from './store.js';
