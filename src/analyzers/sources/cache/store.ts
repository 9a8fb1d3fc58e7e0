// The on-disk layer cache: one gzipped file per diffID under <dir>/v<format>/, written atomically
// (temp file + rename) so concurrent runs never see half a file, touched on read (mtime = last use)
// and trimmed oldest-first when it grows past its bound.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { CACHE_FORMAT_VERSION, type CachedWalk, decodeWalk, encodeWalk } from './encode.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export const DEFAULT_CACHE_MAX = 2 * 1024 ** 3;

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME?.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'layerlint');
}

function hexOf(digest: string): string | undefined {
  const m = /^sha256:([0-9a-f]{64})$/.exec(digest);
  return m?.[1];
}

/** Where walks vouched for by one endpoint live: <dir>/v<format>/vouched/<endpoint key>/layers. */
const VOUCHED = 'vouched';

export class DiskStore {
  private readonly root: string;
  /** the walks' folder: `layers` for the shared (verified) walks, an endpoint's own otherwise */
  private readonly layers: string;
  private ready?: Promise<void>;

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
    private readonly tool = '0',
    endpointKey?: string,
  ) {
    this.root = join(dir, `v${CACHE_FORMAT_VERSION}`);
    this.layers = endpointKey ? join(VOUCHED, endpointKey, 'layers') : 'layers';
  }

  /** The store of the walks one endpoint vouched for (see LayerCache.vouchedBy). */
  namespace(endpointKey: string): DiskStore {
    return new DiskStore(this.dir, this.maxBytes, this.tool, endpointKey);
  }

  private paths(kind: 'layers' | 'configs', digest: string): string | undefined {
    const hex = hexOf(digest);
    return hex
      ? join(this.root, kind === 'layers' ? this.layers : kind, kind === 'layers' ? `${hex}.walk.gz` : `${hex}.json`)
      : undefined;
  }

  private init(): Promise<void> {
    // user-only: walks keep the first bytes of secret-bearing files (.npmrc, .env, keys) for the rules
    this.ready ??= Promise.all([
      mkdir(join(this.root, this.layers), { recursive: true, mode: 0o700 }),
      mkdir(join(this.root, 'configs'), { recursive: true, mode: 0o700 }),
    ])
      .then(() => Promise.all([chmod(this.root, 0o700), chmod(join(this.root, '..'), 0o700).catch(() => {})]))
      .then(() => undefined);
    return this.ready;
  }

  async getWalk(diffId: string): Promise<CachedWalk | undefined> {
    const bytes = await this.read('layers', diffId);
    if (!bytes) return undefined;
    try {
      const walk = decodeWalk(await gunzipAsync(bytes), this.tool);
      return walk && walk.diffId === diffId ? walk : undefined;
    } catch {
      return undefined; // damaged entry: a miss; the next put replaces it
    }
  }

  async putWalk(walk: CachedWalk): Promise<void> {
    await this.write('layers', walk.diffId, await gzipAsync(encodeWalk(walk, this.tool), { level: 3 }));
  }

  getConfig(digest: string): Promise<Buffer | undefined> {
    return this.read('configs', digest);
  }

  putConfig(digest: string, bytes: Buffer): Promise<void> {
    return this.write('configs', digest, bytes);
  }

  private async read(kind: 'layers' | 'configs', digest: string): Promise<Buffer | undefined> {
    const file = this.paths(kind, digest);
    if (!file) return undefined;
    try {
      const bytes = await readFile(file);
      const now = new Date();
      await utimes(file, now, now).catch(() => {}); // LRU: mtime is the last use
      return bytes;
    } catch {
      return undefined;
    }
  }

  private async write(kind: 'layers' | 'configs', digest: string, bytes: Buffer): Promise<void> {
    const file = this.paths(kind, digest);
    if (!file) return;
    await this.init();
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, bytes, { mode: 0o600 });
      await rename(tmp, file);
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
  }

  /** Delete least recently used entries until the cache is under 90% of its bound. */
  async evict(): Promise<void> {
    const files: { path: string; size: number; mtime: number }[] = [];
    const vouched = await readdir(join(this.root, VOUCHED)).catch(() => [] as string[]);
    for (const kind of ['layers', 'configs', ...vouched.map((key) => join(VOUCHED, key, 'layers'))]) {
      const dir = join(this.root, kind);
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        const path = join(dir, name);
        try {
          const s = await stat(path);
          // a temp file older than an hour belongs to a run that died
          if (name.endsWith('.tmp') && Date.now() - s.mtimeMs < 3600_000) continue;
          files.push({ path, size: s.size, mtime: s.mtimeMs });
        } catch {
          // removed by another run meanwhile
        }
      }
    }
    let total = files.reduce((sum, f) => sum + f.size, 0);
    if (total <= this.maxBytes) return;
    files.sort((a, b) => a.mtime - b.mtime);
    const target = this.maxBytes * 0.9;
    for (const f of files) {
      if (total <= target) break;
      await unlink(f.path).catch(() => {});
      total -= f.size;
    }
  }
}
