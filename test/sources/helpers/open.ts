// Open an image the way the CLI does, and check failures are one clear line (the CLI prints
// a LayerlintError's message as its only line and exits 2).
import { Readable } from 'node:stream';
import { type LayerCache, openLayerCache } from '../../../src/analyzers/sources/cache/index.js';
import { openImage } from '../../../src/analyzers/sources/index.js';
import { DEFAULT_LIMITS } from '../../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../../src/analyzers/walk/pool.js';
import { isLayerlintError } from '../../../src/errors.js';
import type { ImageModel } from '../../../src/model/types.js';

export interface OpenOpts {
  env?: NodeJS.ProcessEnv;
  cache?: LayerCache;
  [key: string]: unknown;
}

export async function open(ref: string, opts: OpenOpts = {}): Promise<ImageModel> {
  const pool = new WalkPool(1);
  try {
    return await openImage(ref, {
      limits: DEFAULT_LIMITS,
      pool,
      timeout: 10,
      ...opts,
      env: opts.env ?? { ...process.env, DOCKER_CONFIG: '/nonexistent', REGISTRY_AUTH_FILE: '' },
      layerCache: opts.cache ?? openLayerCache({ cache: false }),
      stdin: (opts.stdin as NodeJS.ReadableStream | undefined) ?? Readable.from([]),
    });
  } finally {
    await pool.close();
  }
}

/** The failure's message, asserting it is a user error of one line. */
export async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (!isLayerlintError(err)) throw err;
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('expected a failure');
}
