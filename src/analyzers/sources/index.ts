// Chooses the source from the reference (skopeo's transport names) and loads the image model.
import { LayerlintError } from '../../errors.js';
import type { ImageModel } from '../../model/types.js';
import type { Limits } from '../walk/limits.js';
import type { WalkPool } from '../walk/pool.js';
import type { OnLayer } from './all-in-order.js';
import { loadArchiveFile, loadArchiveStream } from './archive/index.js';
import type { LayerCache } from './cache/index.js';
import { type Platform, parsePlatform } from './platform.js';
import { parseReference } from './reference.js';

export interface SourceOptions {
  limits: Limits;
  pool: WalkPool;
  platform?: string;
  source?: 'archive' | 'daemon' | 'registry';
  stdin?: NodeJS.ReadableStream;
  /** each layer's walk in layer order as soon as it and those below are done (archive files) */
  onLayer?: OnLayer;
  /** daemon/registry options, read by those sources */
  [key: string]: unknown;
}

export function platformOption(text: string | undefined): Platform | undefined {
  if (!text) return undefined;
  try {
    return parsePlatform(text);
  } catch (err) {
    throw new LayerlintError((err as Error).message);
  }
}

export async function openImage(ref: string, opts: SourceOptions): Promise<ImageModel> {
  const parsed = parseReference(ref, opts.source);
  const platform = platformOption(opts.platform);
  const archiveOpts = {
    limits: opts.limits,
    pool: opts.pool,
    platform,
    cache: opts.layerCache as LayerCache | undefined,
    onLayer: opts.onLayer,
  };
  switch (parsed.kind) {
    case 'stdin': {
      const stdin = (opts.stdin ?? process.stdin) as import('node:stream').Readable;
      if ((stdin as { isTTY?: boolean }).isTTY) {
        throw new LayerlintError(
          'reading an image from standard input, but it is a terminal: pipe an archive in (docker save IMAGE | layerlint analyze -)',
        );
      }
      return loadArchiveStream(stdin, 'standard input', ref, archiveOpts);
    }
    case 'archive':
    case 'oci-dir':
      return loadArchiveFile(parsed.path, ref, { ...archiveOpts, tag: parsed.tag });
    case 'daemon':
    case 'registry':
    case 'name':
      return openRemote(parsed, ref, opts);
  }
}

/** Daemon and registry sources live in their own modules, loaded only when used. */
async function openRemote(
  parsed: { kind: 'daemon' | 'registry' | 'name'; name: string },
  ref: string,
  opts: SourceOptions,
): Promise<ImageModel> {
  const remote = await import('./remote.js');
  return remote.openRemoteImage(parsed, ref, opts);
}
