// Archive source: sniffs the format from content (never from the file name) and loads the image.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { LayerlintError } from '../../../errors.js';
import { kindOf } from '../../../io/input-file.js';
import type { ImageModel, LayerWalk } from '../../../model/types.js';
import { parseHeader } from '../../tar/header.js';
import { DecodeStream, gunzipStream, zstdDecoder } from '../../walk/decompress.js';
import type { Limits } from '../../walk/limits.js';
import type { WalkPool } from '../../walk/pool.js';
import { sniffCompression } from '../../walk/sniff.js';
import type { OnLayer } from '../all-in-order.js';
import { assembleImage } from '../assemble.js';
import type { LayerCache } from '../cache/index.js';
import { chunksOf, prepended } from '../chunks.js';
import type { Platform } from '../platform.js';
import { dirView } from './dir-view.js';
import { loadDockerSave } from './docker-save.js';
import { loadOciLayout } from './oci-layout.js';
import { streamView } from './stream-view.js';
import { tarFileView } from './tar-file-view.js';
import { ARCHIVE_FIRST_NAME, type ArchiveView } from './view.js';

export interface ArchiveOptions {
  limits: Limits;
  pool: WalkPool;
  platform?: Platform;
  tag?: string;
  stdin?: Readable;
  /** per-layer walks by diffID, shared across sources and runs */
  cache?: LayerCache;
  /** stream inputs: members whose name shows they are cached layers are hashed, not walked */
  skipMember?: (name: string) => boolean;
  /** stream inputs: stop reading at the end-of-archive marker (see StreamViewOptions) */
  stopAtEnd?: boolean;
  /** stream inputs: the source verified each uncompressed layer already (see StreamViewOptions) */
  layersVerifiedBySource?: boolean;
  /** each layer's walk, in layer order, as soon as it and those below it are done */
  onLayer?: OnLayer;
}

export async function loadArchiveFile(path: string, ref: string, opts: ArchiveOptions): Promise<ImageModel> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LayerlintError(
      code === 'ENOENT' ? `${path}: no such file or directory` : `${path}: ${(err as Error).message}`,
    );
  }
  if (info.isDirectory()) return loadFromView(await dirView(path, opts.pool, opts.limits), ref, opts, false);
  // a FIFO or a device (a link to /dev/zero) would hang the reader or never end: `-` reads streams
  if (!info.isFile()) {
    throw new LayerlintError(
      `archive ${path} is ${kindOf(info)}, not a regular file or a directory (use - for a stream)`,
    );
  }
  if (info.size === 0) throw new LayerlintError(`archive ${path} is empty`);
  const head = Buffer.alloc(512);
  const fh = await open(path, 'r');
  let got: number;
  try {
    ({ bytesRead: got } = await fh.read(head, 0, 512, 0));
  } finally {
    await fh.close();
  }
  const compression = sniffCompression(head);
  if (compression === 'none') {
    if (got === 512 && looksLikeRootfs(head)) return loadRootfs(path, ref, opts);
    return loadFromView(await tarFileView(path, opts.pool, opts.limits), ref, opts, true);
  }
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  return loadFromView(
    await streamView(decompressed(file, compression, opts.limits, path), `archive ${path}`, {
      limits: opts.limits,
      pool: opts.pool,
    }),
    ref,
    opts,
    true,
  );
}

/**
 * An archive read once, start to end. `input`'s chunks may be views of buffers its producer reuses
 * once the next chunk is asked for (the daemon's export): nothing here keeps one without a copy.
 */
export async function loadArchiveStream(
  input: Readable | AsyncIterable<Buffer>,
  describe: string,
  ref: string,
  opts: ArchiveOptions,
): Promise<ImageModel> {
  const iterator = input instanceof Readable ? chunksOf(input) : input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.length === 0) throw new LayerlintError(`${describe} is empty`);
  const compression = sniffCompression(first.value);
  const rest = prepended([first.value], iterator);
  const source = compression === 'none' ? rest : decompressed(rest, compression, opts.limits, describe);
  const view = await streamView(source, describe, {
    limits: opts.limits,
    skipMember: opts.skipMember,
    pool: opts.pool,
    stopAtEnd: opts.stopAtEnd,
    layersVerifiedBySource: opts.layersVerifiedBySource,
  });
  return loadFromView(view, ref, opts, true);
}

function decompressed(
  source: AsyncIterable<Buffer>,
  compression: string,
  limits: Limits,
  describe: string,
): AsyncIterable<Buffer> {
  if (compression === 'bzip2' || compression === 'xz') {
    throw new LayerlintError(`${describe} is ${compression}-compressed; decompress it first or use gzip/zstd`);
  }
  const decoder = compression === 'gzip' ? gunzipStream() : new DecodeStream(zstdDecoder(limits.maxZstdWindow));
  (async () => {
    try {
      for await (const chunk of source) {
        // a copy: the decoder may still hold the chunk when the next is asked for
        if (!decoder.write(Buffer.from(chunk))) await new Promise((r) => decoder.once('drain', r));
      }
      decoder.end();
    } catch (err) {
      decoder.destroy(err as Error);
    }
  })();
  return (async function* () {
    try {
      for await (const chunk of decoder) yield chunk as Buffer;
    } catch (err) {
      if (err instanceof LayerlintError) throw err;
      throw new LayerlintError(`${describe}: ${compression} data is corrupt or truncated (${(err as Error).message})`);
    }
  })();
}

function looksLikeRootfs(firstBlock: Buffer): boolean {
  try {
    return !ARCHIVE_FIRST_NAME.test(parseHeader(firstBlock).name);
  } catch {
    return false; // not a tar header: let the indexer report it
  }
}

async function loadRootfs(path: string, ref: string, opts: ArchiveOptions): Promise<ImageModel> {
  const describe = `archive ${path}`;
  const walk = await opts.pool.walkFile({ path, label: describe, limits: opts.limits });
  return rootfsImage(walk, ref);
}

function rootfsImage(walk: LayerWalk, ref: string): ImageModel {
  return assembleImage({
    ref,
    source: 'archive',
    format: 'rootfs',
    config: { os: 'linux', rootfs: { type: 'layers', diff_ids: [walk.diffId] } },
    layers: [{ walk }],
    notices: ['plain filesystem tar (e.g. docker export): read as a single layer with no history or config'],
  });
}

async function loadFromView(
  view: ArchiveView,
  ref: string,
  opts: ArchiveOptions,
  allowRootfs: boolean,
): Promise<ImageModel> {
  if (view.has('manifest.json')) return loadDockerSave(view, ref, opts.tag, opts.cache, opts.onLayer);
  if (view.has('index.json')) return loadOciLayout(view, ref, opts);
  if (view.has('oci-layout')) throw new LayerlintError(`${view.describe} has an oci-layout file but no index.json`);
  if (!allowRootfs || !view.walkWhole) {
    throw new LayerlintError(
      `${view.describe} is not an image: no manifest.json (docker save) or index.json (OCI layout)`,
    );
  }
  return rootfsImage(await view.walkWhole(view.describe), ref);
}
