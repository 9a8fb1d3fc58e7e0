// An archive read once from start to end (standard input, or a gzip/zstd-compressed archive):
// docker save writes manifest.json last, so every layer-sized member is walked as it streams
// past, small members are kept (up to MAX_HELD_BYTES in all), and the layout is decided at the
// end from every member name. A tar whose first file does not look like an image archive's is
// walked whole as a rootfs; the caller checks that guess against the walk's paths.
import { createHash, type Hash } from 'node:crypto';
import { LayerlintError } from '../../../errors.js';
import type { LayerWalk } from '../../../model/types.js';
import { TarFormatError, type TarHeader } from '../../tar/header.js';
import { TarParser, type TarVisitor } from '../../tar/parser.js';
import type { Limits } from '../../walk/limits.js';
import { type StreamWalk, WalkPool } from '../../walk/pool.js';
import { sniffCompression } from '../../walk/sniff.js';
import { prepended } from '../chunks.js';
import { isImageMarker, memberName } from './format.js';
import { HeadSniffer } from './head-sniff.js';
import { type ArchiveView, MAX_JSON_BYTES, resolveLink } from './view.js';

const SMALL_MEMBER = 8 * 1024 * 1024;
/** Metadata-looking members kept until the end, in all (a real archive holds a few kB of them). */
export const MAX_HELD_BYTES = 64 * 1024 * 1024;
/** Small layers waiting for a walker, in bytes: past this, reading waits for them. */
const SMALL_WALK_BACKLOG = 32 * 1024 * 1024;

export interface StreamViewOptions {
  limits: Limits;
  /**
   * true for a member the caller already has a walk of (a cached layer whose member name carries
   * its digest): it is only hashed, to check it is what its name says
   */
  skipMember?: (name: string) => boolean;
  /** layers are walked in its workers as the archive streams past (in this thread when it has none) */
  pool?: WalkPool;
  /**
   * stop reading at the end-of-archive marker: for a daemon, which keeps the response open while
   * it deletes its temporary copy of the export (55 ms for 560 MB). Not for standard input: the
   * writer of a pipe closed early (docker save) would fail.
   */
  stopAtEnd?: boolean;
  /**
   * the source verified each uncompressed layer against its diffID while writing the archive
   * (a Docker daemon's export): those are walked without hashing the blob, and their walks carry
   * no digest (loadDockerSave takes the config's)
   */
  layersVerifiedBySource?: boolean;
  /**
   * how to read on, when a first pass showed its guess wrong; otherwise guessed from the first
   * member that is not a directory (see HeadSniffer)
   */
  readAs?: StreamRead['kind'];
}

/** What a one-pass read gives: the members of an image archive, or the walk of a rootfs guess. */
export type StreamRead = { kind: 'members'; view: ArchiveView } | { kind: 'rootfs'; walk: LayerWalk };

export async function streamView(
  source: AsyncIterable<Buffer>,
  describe: string,
  {
    limits,
    skipMember,
    pool = new WalkPool(0),
    stopAtEnd = false,
    layersVerifiedBySource = false,
    readAs,
  }: StreamViewOptions,
): Promise<StreamRead> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  const sniffer = new HeadSniffer();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        if (head.length === 0) throw new LayerlintError(`${describe} is empty`);
        if (!sniffer.decided) sniffer.end();
        break;
      }
      const copy = Buffer.from(next.value); // a copy: the source may reuse its buffers (see loadArchiveStream)
      head.push(copy);
      if (sniffer.write(copy)) break;
    }
  } catch (err) {
    if (!(err instanceof TarFormatError)) throw err;
    const notTar = err.message.startsWith('not a tar');
    throw new LayerlintError(notTar ? `${describe} is ${err.message}` : `${describe}: ${err.message}`);
  }
  // stopping early (stopAtEnd, a failure) closes the source: a daemon's connection
  const all = () => prepended(head, iterator);
  if ((readAs ?? (sniffer.looksLikeImage ? 'members' : 'rootfs')) === 'rootfs') {
    return { kind: 'rootfs', walk: await pool.walkStream(all(), describe, limits, { hashHere: true }) };
  }

  const collector = new MemberCollector(describe, limits, pool, skipMember, layersVerifiedBySource);
  const parser = new TarParser(collector);
  try {
    // one chunk at a time: the next is asked for only once this one is parsed and handed on
    for await (const chunk of all()) {
      parser.write(chunk);
      await collector.settle();
      if (stopAtEnd && parser.finished) break;
    }
    parser.end();
  } catch (err) {
    if (err instanceof LayerlintError) throw err;
    if (err instanceof TarFormatError) throw new LayerlintError(`${describe}: ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_'))
      throw new LayerlintError(`${describe}: compressed data is corrupt or truncated`);
    throw err;
  }
  const walks = await collector.finish();
  const linkOf = (name: string) => collector.links.get(name);
  const resolve = (name: string) => {
    try {
      return resolveLink(memberName(name), linkOf, describe);
    } catch (err) {
      throw new LayerlintError((err as Error).message);
    }
  };
  const names = new Set([...collector.small.keys(), ...walks.keys(), ...collector.links.keys(), ...collector.hashed]);
  const view: ArchiveView = {
    describe,
    has: (name) => names.has(memberName(name)),
    names: () => [...names],
    async readBytes(name) {
      const bytes = collector.small.get(resolve(name));
      if (!bytes) throw new LayerlintError(`${describe} has no member "${name}" small enough to be metadata`);
      return bytes;
    },
    async walkLayer(name, label) {
      const resolved = resolve(name);
      const done = walks.get(resolved);
      if (done)
        return done.then(
          (walk) => walk,
          (err) => Promise.reject(err),
        );
      if (collector.hashed.has(resolved))
        throw new LayerlintError(`${describe}: member "${name}" was skipped as cached but is not in the cache`);
      const bytes = collector.small.get(resolved);
      if (!bytes) throw new LayerlintError(`${describe} has no member "${name}"`);
      return pool.walkBytes(bytes, label, limits);
    },
  };
  return { kind: 'members', view };
}

function looksLikeJson(bytes: Buffer): boolean {
  if (bytes.length > MAX_JSON_BYTES) return false;
  for (const b of bytes) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    return b === 0x7b || b === 0x5b; // { or [
  }
  return true; // empty
}

class MemberCollector implements TarVisitor {
  readonly small = new Map<string, Buffer>();
  readonly links = new Map<string, string>();
  /** members only hashed (see skipMember) */
  readonly hashed = new Set<string>();
  private readonly walks = new Map<string, Promise<LayerWalk>>();
  private heldBytes = 0;
  /** walks of small members not yet known to be done, and their bytes */
  private smallBacklog: Promise<unknown>[] = [];
  private smallBacklogBytes = 0;
  private failure?: unknown;
  /** a digest mismatch of a member only hashed (finish fails with it) */
  private hashFailure?: LayerlintError;
  private name = '';
  private chunks: Buffer[] | undefined;
  /** the walk of the large member being read (fed as its bytes pass) */
  private stream: StreamWalk | undefined;
  /** a large member whose walk opens with its first data chunk */
  private layerStarts = false;
  /** the hash of the large member being read when it is only hashed */
  private hash: Hash | undefined;
  private drain: Promise<unknown> | undefined;
  private currentWalk: Promise<unknown> | undefined;

  constructor(
    private readonly describe: string,
    private readonly limits: Limits,
    private readonly pool: WalkPool,
    private readonly skipMember?: (name: string) => boolean,
    private readonly layersVerifiedBySource = false,
  ) {}

  entry(header: TarHeader): void {
    this.name = memberName(header.name);
    if (header.typeflag === '2') this.links.set(this.name, header.linkname);
    if (header.typeflag === '1') this.links.set(this.name, `/${memberName(header.linkname)}`);
    if (header.typeflag !== '0' && header.typeflag !== '7') return;
    if (header.size <= SMALL_MEMBER) {
      this.chunks = [];
      return;
    }
    if (this.skipMember?.(this.name) === true) {
      this.hashed.add(this.name);
      this.hash = createHash('sha256');
      return;
    }
    this.layerStarts = true; // the walk opens on the first bytes, which tell its compression
  }

  /**
   * Members come one after another, so this thread and one worker share each layer: a compressed
   * layer keeps its worker busy inflating, so this thread hashes the blob; an uncompressed one
   * (a daemon export) is light to walk, so the worker hashes it too and this thread only reads;
   * nobody does when the source verified it already.
   */
  private openLayer(first: Buffer): void {
    this.layerStarts = false;
    const compressed = sniffCompression(first) !== 'none';
    const stream = this.pool.openStream(`${this.describe} member "${this.name}"`, this.limits, {
      hashHere: compressed,
      verifiedBySource: !compressed && this.layersVerifiedBySource,
    });
    this.stream = stream;
    stream.result.catch((err) => {
      this.failure ??= err;
    });
    this.walks.set(this.name, stream.result);
    this.currentWalk = stream.result;
  }

  data(chunk: Buffer): void {
    if (this.layerStarts) this.openLayer(chunk);
    if (this.chunks)
      this.chunks.push(Buffer.from(chunk)); // a copy: input buffers may be reused
    else if (this.hash) this.hash.update(chunk);
    else if (this.stream) {
      const wait = this.stream.write(chunk);
      if (wait) this.drain ??= wait;
    }
  }

  entryEnd(): void {
    if (this.chunks) {
      const bytes = Buffer.concat(this.chunks);
      if (looksLikeJson(bytes) || isImageMarker(this.name)) this.hold(bytes);
      else this.walkSmall(bytes);
    }
    if (this.hash) this.checkHashed(this.name, `sha256:${this.hash.digest('hex')}`);
    this.stream?.end();
    this.layerStarts = false;
    this.chunks = undefined;
    this.stream = undefined;
    this.hash = undefined;
  }

  /** Wait for the layer walk to take what it was given (backpressure), and surface its failure. */
  async settle(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.smallBacklogBytes > SMALL_WALK_BACKLOG) {
      await Promise.allSettled(this.smallBacklog);
      this.smallBacklog = [];
      this.smallBacklogBytes = 0;
    }
    if (this.drain) {
      const drain = this.drain;
      this.drain = undefined;
      await Promise.race([drain, this.currentWalk]);
    }
    if (this.failure) throw this.failure;
  }

  /** A cached member is hashed instead of walked; it fails when the bytes are not what the name says. */
  private checkHashed(name: string, actual: string): void {
    const expected = `sha256:${/([0-9a-f]{64})(\.tar)?$/.exec(name)?.[1]}`;
    if (actual !== expected) {
      this.hashFailure ??= new LayerlintError(
        `${this.describe} member "${name}" digest mismatch: its name says ${expected}, content is ${actual}`,
      );
      this.failure ??= this.hashFailure;
    }
  }

  private hold(bytes: Buffer): void {
    this.heldBytes += bytes.length - (this.small.get(this.name)?.length ?? 0);
    if (this.heldBytes > MAX_HELD_BYTES) {
      throw new LayerlintError(
        `${this.describe} holds more than ${MAX_HELD_BYTES / 1024 / 1024} MB of metadata-like members (at "${this.name}"): refused`,
      );
    }
    this.small.set(this.name, bytes);
  }

  /** A small member that is not JSON is a layer: walk it now so its bytes need not be kept. */
  private walkSmall(bytes: Buffer): void {
    const walk = this.pool.walkBytes(bytes, `${this.describe} member "${this.name}"`, this.limits);
    walk.catch(() => {}); // not every small member is a layer: its error matters only if it is asked for
    this.smallBacklog.push(walk);
    this.smallBacklogBytes += bytes.length;
    this.walks.set(this.name, walk);
  }

  /** Walks by member name; a failed walk rejects only when its member is used as a layer. */
  async finish(): Promise<Map<string, Promise<LayerWalk>>> {
    await Promise.allSettled(this.walks.values());
    if (this.hashFailure) throw this.hashFailure;
    return this.walks;
  }
}
