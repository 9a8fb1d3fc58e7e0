// The layer cache every source shares: per-layer walk results keyed by diffID, on disk across runs
// (unless --no-cache) and in memory within a run, so that a layer is walked once per run at most
// and never again while it stays on disk.
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

class RunCache implements LayerCache {
  private readonly memory = new Map<string, Promise<CachedWalk | undefined>>();
  private readonly configs = new Map<string, Buffer>();
  private readonly pending = new Set<Promise<void>>();
  private wrote = false;

  constructor(private readonly disk: DiskStore | undefined) {}

  get(diffId: string): Promise<CachedWalk | undefined> {
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

  async getConfig(digest: string): Promise<Buffer | undefined> {
    return this.configs.get(digest) ?? (await this.disk?.getConfig(digest));
  }

  putConfig(digest: string, bytes: Buffer): void {
    this.configs.set(digest, bytes);
    if (this.disk) this.track(this.disk.putConfig(digest, bytes));
  }

  async flush(): Promise<void> {
    await Promise.all(this.pending);
    // only a write grows the cache: a run that only read it does not list it (a stat per entry)
    if (this.wrote) await this.disk?.evict().catch(() => {});
  }

  /** Cache writes are an optimisation: a full disk or a read-only home must not fail the run. */
  private track(p: Promise<void>): void {
    this.wrote = true;
    const done = p.catch(() => {}).finally(() => this.pending.delete(done));
    this.pending.add(done);
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
