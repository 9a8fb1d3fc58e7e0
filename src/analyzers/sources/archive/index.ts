// Archive source: decides the format from content (never from the file name) and loads the image.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { LayerlintError } from '../../../errors.js';
import { kindOf } from '../../../io/input-file.js';
import type { ImageModel, LayerWalk } from '../../../model/types.js';
import { TarFormatError } from '../../tar/header.js';
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
import { loadDockerSave, manifestJsonKind } from './docker-save.js';
import { loadDockerSaveV1 } from './docker-save-v1.js';
import { decideLayout, markerAmongPaths } from './format.js';
import { HeadSniffer } from './head-sniff.js';
import { loadDirTransport, loadOciLayout } from './oci-layout.js';
import { type StreamRead, streamView } from './stream-view.js';
import { tarFileView } from './tar-file-view.js';
import type { ArchiveView } from './view.js';

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
  const describe = `archive ${path}`;
  if (info.isDirectory()) {
    return loadFromView(await dirView(path, opts.pool, opts.limits), ref, opts, async () => {
      throw new LayerlintError(`OCI layout ${path} is not an image: no index.json (OCI layout) or manifest.json`);
    });
  }
  // a FIFO or a device (a link to /dev/zero) would hang the reader or never end: `-` reads streams
  if (!info.isFile()) {
    throw new LayerlintError(`${describe} is ${kindOf(info)}, not a regular file or a directory (use - for a stream)`);
  }
  if (info.size === 0) throw new LayerlintError(`${describe} is empty`);
  const compression = sniffCompression(await readHead(path, 512));
  if (compression === 'none') {
    const members = async () => {
      const view = await tarFileView(path, opts.pool, opts.limits);
      return loadFromView(view, ref, opts, async () => rootfsImage(await view.walkWhole!(describe), ref));
    };
    if (await guessImage(path, describe)) return members();
    // a rootfs guess is walked at once (no index pass); its paths confirm the guess
    const walk = await opts.pool.walkFile({ path, label: describe, limits: opts.limits });
    return markerAmong(walk) === undefined ? rootfsImage(walk, ref) : members();
  }
  const read = (readAs?: StreamRead['kind']) =>
    streamView(
      decompressed(createReadStream(path, { highWaterMark: 1024 * 1024 }), compression, opts.limits, path),
      describe,
      {
        limits: opts.limits,
        pool: opts.pool,
        readAs,
      },
    );
  // a wrong first guess costs a second pass over the file (an image archive whose first member is
  // a rootfs-like name, or the reverse): rare, and never a misread
  return loadFromStreamRead(await read(), ref, opts, async (readAs) =>
    loadFromStreamRead(await read(readAs), ref, opts),
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
  const read = await streamView(source, describe, {
    limits: opts.limits,
    skipMember: opts.skipMember,
    pool: opts.pool,
    stopAtEnd: opts.stopAtEnd,
    layersVerifiedBySource: opts.layersVerifiedBySource,
  });
  return loadFromStreamRead(read, ref, opts, async (readAs, marker) => {
    const what =
      readAs === 'members'
        ? `an image archive (it has "${marker}") whose first file is not one of its members`
        : 'a plain tar whose first file looks like an image archive member';
    throw new LayerlintError(
      `${describe} is ${what}: it cannot be read in one pass; save it to a file and analyse that`,
    );
  });
}

/**
 * Take a one-pass read, or read again the other way when the names prove its guess wrong
 * (`again` absent: the guess was forced and is final).
 */
async function loadFromStreamRead(
  read: StreamRead,
  ref: string,
  opts: ArchiveOptions,
  again?: (readAs: StreamRead['kind'], marker?: string) => Promise<ImageModel>,
): Promise<ImageModel> {
  if (read.kind === 'rootfs') {
    const marker = markerAmong(read.walk);
    if (marker === undefined) return rootfsImage(read.walk, ref);
    if (again) return again('members', marker);
    throw new LayerlintError(`the archive has image member "${marker}" but is not an image archive`);
  }
  return loadFromView(read.view, ref, opts, async () => {
    if (again) return again('rootfs');
    throw new LayerlintError(`${read.view.describe} is not an image: no manifest.json or index.json`);
  });
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

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(head, 0, bytes, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The first guess for an uncompressed tar file, from its first headers (see HeadSniffer). */
async function guessImage(path: string, describe: string): Promise<boolean> {
  const sniffer = new HeadSniffer();
  const fh = await open(path, 'r');
  try {
    const chunk = Buffer.alloc(64 * 1024);
    for (let pos = 0; ; ) {
      const { bytesRead } = await fh.read(chunk, 0, chunk.length, pos);
      if (bytesRead === 0) {
        if (!sniffer.decided) sniffer.end();
        return sniffer.looksLikeImage;
      }
      pos += bytesRead;
      if (sniffer.write(chunk.subarray(0, bytesRead))) return sniffer.looksLikeImage;
    }
  } catch (err) {
    if (!(err instanceof TarFormatError)) throw err;
    const notTar = err.message.startsWith('not a tar');
    throw new LayerlintError(notTar ? `${describe} is ${err.message}` : `${describe}: ${err.message}`);
  } finally {
    await fh.close();
  }
}

/** An image-archive marker among a rootfs walk's paths: the walk was of an image archive. */
function markerAmong(walk: LayerWalk): string | undefined {
  return markerAmongPaths(
    (function* () {
      for (const e of walk.entries) yield e.path;
    })(),
  );
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
  asRootfs: () => Promise<ImageModel>,
): Promise<ImageModel> {
  const layout = decideLayout(view.names());
  switch (layout.kind) {
    case 'docker-save':
      switch (await manifestJsonKind(view)) {
        case 'manifest':
          return loadDirTransport(view, ref, opts);
        case 'empty':
          if (view.has('index.json')) return loadOciLayout(view, ref, opts);
      }
      return loadDockerSave(view, ref, opts.tag, opts.cache, opts.onLayer);
    case 'docker-save-v1':
      return loadDockerSaveV1(view, ref, opts.tag, opts.onLayer);
    case 'oci-layout':
      return loadOciLayout(view, ref, opts);
    case 'refuse':
      throw new LayerlintError(`${view.describe} is ${layout.reason}`);
    case 'rootfs':
      return asRootfs();
  }
}
