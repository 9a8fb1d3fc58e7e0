import { mkdirSync, rmSync } from 'node:fs';
import { findBinary, requireBinary } from './bins.js';
import { type RunResult, run, runAsync } from './process.js';
import { makeTempDir, removeDir } from './tmp.js';

export interface SkopeoOptions {
  /**
   * Run with an empty blob-info cache (default true). skopeo remembers, in
   * /var/lib/containers/cache/blob-info-cache-v1.boltdb, which compressed blobs match an uncompressed
   * layer, and then reuses a gzip blob where a zstd one was asked for. As root we give each call a
   * private empty cache (tmpfs over that dir in a private mount namespace, the host file is untouched);
   * as non-root the cache lives under XDG_DATA_HOME, which we point at a temp dir.
   */
  freshBlobCache?: boolean;
  env?: NodeJS.ProcessEnv;
}

const SYSTEM_CACHE_DIR = '/var/lib/containers/cache';

let privateMountWorks: boolean | undefined;

/** Can we give a process a private tmpfs over the system cache dir? (root with CAP_SYS_ADMIN) */
function canUsePrivateCache(unshare: string): boolean {
  if (privateMountWorks === undefined) {
    mkdirSync(SYSTEM_CACHE_DIR, { recursive: true });
    const probe = run(
      unshare,
      ['--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs layerlint-probe "$0"', SYSTEM_CACHE_DIR],
      { allowFailure: true },
    );
    privateMountWorks = probe.status === 0;
  }
  return privateMountWorks;
}

/** Wrap a skopeo invocation so it sees a fresh, empty blob-info cache. */
async function withFreshCache(skopeo: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const unshare = findBinary('unshare');
  if (process.getuid?.() === 0) {
    if (unshare !== undefined && canUsePrivateCache(unshare)) {
      const script = 'mount -t tmpfs -o size=64m layerlint-blobcache "$0" && exec "$@"';
      const wrapped = ['--mount', '--propagation', 'private', 'sh', '-c', script, SYSTEM_CACHE_DIR, skopeo, ...args];
      return runAsync(unshare, wrapped, { env });
    }
    // No private mounts here: drop the shared cache file (as REAL-COMPONENTS.md suggests) and run plainly.
    rmSync(`${SYSTEM_CACHE_DIR}/blob-info-cache-v1.boltdb`, { force: true });
    return runAsync(skopeo, args, { env });
  }
  const dir = makeTempDir('skopeo-cache');
  try {
    return await runAsync(skopeo, args, { env: { ...env, XDG_DATA_HOME: dir } });
  } finally {
    removeDir(dir);
  }
}

/**
 * `skopeo copy --insecure-policy [extraArgs] src dst`, e.g.
 *   skopeoCopy('docker-archive:/x.tar', `docker://${reg.host}/ns/img:1`, ['--dest-tls-verify=false'])
 * Registry references on 127.0.0.1 need --dest-tls-verify=false / --src-tls-verify=false.
 */
export async function skopeoCopy(
  src: string,
  dst: string,
  extraArgs: string[] = [],
  opts: SkopeoOptions = {},
): Promise<void> {
  const skopeo = requireBinary('skopeo', 'skopeo');
  const args = ['--insecure-policy', 'copy', '--quiet', ...extraArgs, src, dst];
  const env = { ...process.env, ...opts.env };
  if (opts.freshBlobCache === false) await runAsync(skopeo, args, { env });
  else await withFreshCache(skopeo, args, env);
}

/** `skopeo inspect [extraArgs] ref` parsed as JSON; pass ['--raw'] for the manifest, ['--config'] for the config. */
export async function skopeoInspect<T = Record<string, unknown>>(ref: string, extraArgs: string[] = []): Promise<T> {
  const skopeo = requireBinary('skopeo', 'skopeo');
  const r = await runAsync(skopeo, ['--insecure-policy', 'inspect', ...extraArgs, ref]);
  return JSON.parse(r.stdout) as T;
}
