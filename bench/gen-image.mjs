// Streaming, deterministic generator of a large synthetic image for `npm run bench`.
//
// Writes a "docker save" archive in the Docker 25+ layout (OCI blobs/ + index.json + manifest.json,
// uncompressed outer tar) whose layers are gzip-compressed tars. Nothing is held in memory but a
// 1 MiB output chunk per layer being generated and the plan (one number per file), so 1 GiB+
// images are fine. Same seed and options => byte-identical archive.
//
//   import { generateImage } from './gen-image.mjs';
//   const img = await generateImage({ dir, files: 200_000, bytes: 2 ** 30, layers: 10, seed: 1 });
//
// Also runnable alone: node bench/gen-image.mjs OUTDIR [files] [bytes] [layers] [seed]
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { crc32, createGzip } from 'node:zlib';

// ---------------------------------------------------------------------------------------------
// Deterministic PRNG (mulberry32) and distributions

export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.u32 = () => Math.floor(next() * 4294967296) >>> 0;
  next.normal = () => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  next.lognormal = (median, sigma) => median * Math.exp(sigma * next.normal());
  return next;
}

// ---------------------------------------------------------------------------------------------
// Content pools. File content is a sequence of segments copied from three pools at random
// offsets: seeded random bytes (incompressible, like machine code / compressed assets), word
// text (source, docs, symbol tables: ~3-4x under gzip) and "structured" bytes (zero padding,
// tables of small integers: ~10x+). The pools are far bigger than gzip's 32 KiB window, so the
// ratio is set by the mix, not by repetition. With the default weights gzip -6 gives ~2.4x.

const POOL = 8 * 1024 * 1024;

export function makePools(seed) {
  const r = rng(seed ^ 0x5eed);
  const random = Buffer.allocUnsafe(POOL);
  for (let i = 0; i < POOL; i += 4) random.writeUInt32LE(r.u32(), i);

  const syll = [
    'ar',
    'be',
    'co',
    'de',
    'en',
    'fi',
    'ge',
    'ha',
    'in',
    'jo',
    'ka',
    'li',
    'mo',
    'ne',
    'or',
    'pu',
    'qu',
    're',
    'st',
    'ta',
    'un',
    'vi',
    'wo',
    'xe',
    'yo',
    'ze',
    '_',
    'lib',
    'get',
    'set',
    'init',
    'str',
  ];
  const words = [];
  for (let i = 0; i < 2000; i++) {
    let w = '';
    const n = 1 + r.int(4);
    for (let j = 0; j < n; j++) w += syll[r.int(syll.length)];
    words.push(w);
  }
  const seps = [' ', ' ', ' ', ' ', '\n', '.', ', ', '(', ')', ';\n', '\0', '/', '_', ' = ', '\t'];
  const textParts = [];
  let textLen = 0;
  while (textLen < POOL) {
    // Zipf-ish word choice: frequent words are much more frequent
    const w = words[Math.floor(words.length * r() ** 4)];
    const s = seps[r.int(seps.length)];
    textParts.push(w, s);
    textLen += w.length + s.length;
  }
  const text = Buffer.from(textParts.join('')).subarray(0, POOL);

  const structured = Buffer.alloc(POOL);
  for (let i = 0; i < POOL; ) {
    const kind = r.int(3);
    const run = 64 + r.int(2048);
    if (kind === 0) {
      i += run; // zeros
    } else if (kind === 1) {
      let v = r.int(1 << 16);
      const step = 1 + r.int(16);
      for (let j = 0; j < run && i + 8 <= POOL; j += 8, i += 8) {
        structured.writeUInt32LE(v, i);
        structured.writeUInt32LE(r.int(4), i + 4);
        v += step;
      }
    } else {
      const pat = r.u32();
      for (let j = 0; j < run && i + 4 <= POOL; j += 4, i += 4) structured.writeUInt32LE(pat, i);
    }
  }
  // source text (code, configs): the word text without NUL separators, for text files
  const source = Buffer.from(text);
  for (let i = 0; i < POOL; i++) if (source[i] === 0) source[i] = 0x0a;
  return [random, text, structured, source];
}

// Files with these extensions and under 256 KiB are all text (source trees, configs), so the
// secret scanner reads them; every PLANT_EVERY-th of them holds a made-up credential.
const TEXT_EXTS = new Set(['.js', '.py', '.json', '.conf', '.txt']);
const TEXT_MAX = 256 * 1024;
const PLANT_EVERY = 2000;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function base62(n, width) {
  let out = '';
  for (let v = n; v > 0; v = Math.floor(v / 62)) out = BASE62[v % 62] + out;
  return out.padStart(width, '0');
}
/** A fake credential line of a documented format (GitHub's checksummed token, Slack, AWS pair). */
function plantedLine(r, k) {
  const rand = (n, alphabet = BASE62) => Array.from({ length: n }, () => alphabet[r.int(alphabet.length)]).join('');
  if (k % 3 === 0) {
    const body = rand(30);
    return `\nGITHUB_TOKEN = "ghp_${body}${base62(crc32(Buffer.from(body)), 6)}"\n`;
  }
  if (k % 3 === 1) return `\nSLACK = "xoxb-${rand(12, '0123456789')}-${rand(12, '0123456789')}-${rand(24)}"\n`;
  return `\naws_access_key_id = AKIA${rand(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}\naws_secret_access_key = ${rand(40)}\n`;
}

// Segment source weights: random, text, structured. Tuned for a ~2.4x gzip -6 ratio overall.
const MIX = [0.2, 0.6, 0.2];

// ---------------------------------------------------------------------------------------------
// The plan: how many files, how big, in which layer.

const LAYER_FILE_SHARE = [0.3, 0.15, 0.12, 0.1, 0.08, 0.07, 0.06, 0.05, 0.04, 0.03];
const LAYER_BYTE_SHARE = [0.22, 0.2, 0.08, 0.14, 0.06, 0.1, 0.05, 0.07, 0.03, 0.05];

function shares(base, n) {
  const out = Array.from({ length: n }, (_, i) => base[i % base.length]);
  const sum = out.reduce((a, b) => a + b, 0);
  return out.map((x) => x / sum);
}

/**
 * Size of every regular file, grouped by layer. Many small files, some large: 80% "small"
 * (median 700 B), 19% "medium" (median 6 KiB), 1% "large" (median 128 KiB) and about one in
 * 10,000 "huge" (several MiB, like a libLLVM or a JDK module file), then scaled so each layer
 * holds its share of `bytes`. About 1% of files are empty.
 */
export function planSizes({ files, bytes, layers, seed }) {
  const r = rng(seed);
  const fileShare = shares(LAYER_FILE_SHARE, layers);
  const byteShare = shares(LAYER_BYTE_SHARE, layers);
  const counts = fileShare.map((s) => Math.max(1, Math.floor(s * files)));
  counts[0] += files - counts.reduce((a, b) => a + b, 0);
  const plan = [];
  for (let l = 0; l < layers; l++) {
    const n = counts[l];
    const sizes = new Float64Array(n);
    const huge = [];
    for (let i = 0; i < n; i++) {
      const u = r();
      let s;
      if (u < 0.01) s = 0;
      else if (u < 0.8) s = Math.min(r.lognormal(700, 1.2), 64 * 1024);
      else if (u < 0.99) s = Math.min(r.lognormal(6 * 1024, 1.1), 1024 * 1024);
      else if (u < 0.9999) s = Math.min(r.lognormal(128 * 1024, 1.4), 16 * 1024 * 1024);
      else {
        s = 0;
        huge.push(i);
      }
      sizes[i] = s;
    }
    if (huge.length === 0 && n > 100) huge.push(r.int(n));
    const target = byteShare[l] * bytes;
    // huge files take ~25% of the layer's bytes, the rest is the others scaled to fit
    const hugeBytes = huge.length ? target * 0.25 : 0;
    let rest = 0;
    for (let i = 0; i < n; i++) rest += sizes[i];
    const f = rest > 0 ? (target - hugeBytes) / rest : 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      sizes[i] = Math.floor(sizes[i] * f);
      total += sizes[i];
    }
    for (let k = 0; k < huge.length; k++) {
      const share = k === huge.length - 1 ? target - total : Math.floor((hugeBytes / huge.length) * (0.5 + r()));
      sizes[huge[k]] = Math.max(0, Math.floor(share));
      total += sizes[huge[k]];
    }
    plan.push(sizes);
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Paths: a pure function of (layer, index), so a layer can name files of earlier layers
// (overwrites, whiteouts) without any shared state and layers can be generated concurrently.

const TOPS = [
  'usr/lib',
  'usr/share',
  'usr/local/lib/node_modules',
  'opt/app',
  'usr/lib/python3/dist-packages',
  'var/lib',
  'etc',
  'usr/include',
  'srv/www',
  'usr/bin',
];
const EXTS = ['.so', '.js', '.py', '.h', '.json', '.txt', '.md', '.pyc', '', '.conf', '.d.ts', '.mo', '.png', '.class'];
const PER_DIR = 24;
const DIRS_PER_PKG = 6;

function dirOf(layer, i) {
  const d = Math.floor(i / PER_DIR);
  return `${TOPS[layer % TOPS.length]}/l${layer}-pkg${Math.floor(d / DIRS_PER_PKG)}/sub${d % DIRS_PER_PKG}`;
}

function pathOf(layer, i) {
  return `${dirOf(layer, i)}/file-${i.toString(36)}${EXTS[(i * 7 + layer) % EXTS.length]}`;
}

// ---------------------------------------------------------------------------------------------
// Tar writing (ustar), into 1 MiB chunks handed to an async sink with back-pressure.

const CHUNK = 1024 * 1024;

class TarOut {
  constructor(sink) {
    this.sink = sink;
    this.buf = Buffer.alloc(CHUNK);
    this.pos = 0;
    this.bytes = 0;
  }

  async flush() {
    if (this.pos === 0) return;
    const chunk = this.buf.subarray(0, this.pos);
    this.buf = Buffer.alloc(CHUNK); // the sink keeps `chunk`; zero-filled so padding is zeros
    this.bytes += chunk.length;
    this.pos = 0;
    await this.sink(chunk);
  }

  async header(name, { size = 0, type = '0', mode = 0o644, link = '' } = {}) {
    if (this.pos + 512 > CHUNK) await this.flush();
    writeHeader(this.buf, this.pos, name, size, type, mode, link);
    this.pos += 512;
  }

  /** `size` content bytes from the pools, then zero padding to a block boundary. */
  async content(size, r, pools, text = false, planted = undefined) {
    let left = size;
    if (planted && planted.length <= size) {
      const at = CHUNK - this.pos >= planted.length ? 0 : -1;
      if (at === 0) {
        this.buf.write(planted, this.pos, 'latin1');
        this.pos += planted.length;
        left -= planted.length;
      }
    }
    while (left > 0) {
      if (this.pos === CHUNK) await this.flush();
      const u = r();
      const src = text ? pools[3] : u < MIX[0] ? pools[0] : u < MIX[0] + MIX[1] ? pools[1] : pools[2];
      const len = Math.min(left, 256 + r.int(4096), CHUNK - this.pos);
      const off = r.int(POOL - len);
      src.copy(this.buf, this.pos, off, off + len);
      this.pos += len;
      left -= len;
    }
    const pad = (512 - (size % 512)) % 512;
    if (pad) {
      if (this.pos + pad > CHUNK) {
        const first = CHUNK - this.pos;
        this.pos = CHUNK; // buffers are zero-filled
        await this.flush();
        this.pos = pad - first;
      } else this.pos += pad;
    }
  }

  /** Exact bytes (a small generated file), then zero padding to a block boundary. */
  async literal(bytes) {
    for (let at = 0; at < bytes.length; ) {
      if (this.pos === CHUNK) await this.flush();
      const len = Math.min(bytes.length - at, CHUNK - this.pos);
      bytes.copy(this.buf, this.pos, at, at + len);
      this.pos += len;
      at += len;
    }
    const pad = (512 - (bytes.length % 512)) % 512;
    if (pad) {
      if (this.pos + pad > CHUNK) {
        const first = CHUNK - this.pos;
        this.pos = CHUNK;
        await this.flush();
        this.pos = pad - first;
      } else this.pos += pad;
    }
  }

  async end() {
    if (this.pos + 1024 > CHUNK) await this.flush();
    this.pos += 1024; // two zero blocks
    await this.flush();
  }
}

function octal(buf, off, len, value) {
  buf.write(value.toString(8).padStart(len - 1, '0'), off, len - 1, 'latin1');
  buf[off + len - 1] = 0;
}

function writeHeader(buf, at, name, size, type, mode, link) {
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    // ustar: split at a '/' so that prefix <= 155 and name <= 100 bytes
    for (let j = name.indexOf('/'); j > 0; j = name.indexOf('/', j + 1)) {
      if (j <= 155 && Buffer.byteLength(name.slice(j + 1)) <= 100) {
        prefix = name.slice(0, j);
        name = name.slice(j + 1);
        break;
      }
    }
    if (!prefix) throw new Error(`path too long for ustar: ${name}`);
  }
  buf.fill(0, at, at + 512);
  buf.write(name, at, 100, 'utf8');
  octal(buf, at + 100, 8, mode);
  octal(buf, at + 108, 8, 0);
  octal(buf, at + 116, 8, 0);
  octal(buf, at + 124, 12, size);
  octal(buf, at + 136, 12, 1704067200); // 2024-01-01
  buf[at + 156] = type.charCodeAt(0);
  if (link) buf.write(link, at + 157, 100, 'utf8');
  buf.write('ustar\u000000', at + 257, 8, 'latin1');
  buf.write('root', at + 265, 32, 'latin1');
  buf.write('root', at + 297, 32, 'latin1');
  if (prefix) buf.write(prefix, at + 345, 155, 'utf8');
  buf.fill(0x20, at + 148, at + 156);
  let sum = 0;
  for (let i = at; i < at + 512; i++) sum += buf[i];
  buf.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, at + 148, 8, 'latin1');
}

// ---------------------------------------------------------------------------------------------
// The base layer's package database: 1,500 packages per 200,000 files, each listing the base
// layer's files round-robin (at most 100,000 paths at scale 1), with status stanzas of the usual size.

function dpkgDatabase(totalFiles, baseFiles, pathOf) {
  const scale = totalFiles / 200_000;
  const packages = Math.max(1, Math.round(1500 * scale));
  const listed = Math.min(baseFiles, Math.round(100_000 * scale));
  const lists = Array.from({ length: packages }, () => ['/.']);
  for (let i = 0; i < listed; i++) lists[i % packages].push(`/${pathOf(0, i)}`);
  const stanzas = lists.map(
    (_, k) =>
      `Package: pkg-${k}\nStatus: install ok installed\nPriority: optional\nSection: ${k % 7 === 0 ? 'devel' : 'libs'}\n` +
      `Installed-Size: ${100 + k}\nMaintainer: Bench Maintainers <bench@example.org>\nArchitecture: amd64\n` +
      `Version: 1.${k % 13}.${k % 101}-1\nDepends: libc6 (>= 2.34), pkg-${(k + 1) % packages}\n` +
      `Description: generated package ${k}\n This stanza has the shape and size of a Debian package's status entry,\n` +
      ` with a two-line description as most packages have.\n`,
  );
  const out = [['var/lib/dpkg/status', Buffer.from(stanzas.join('\n'))]];
  for (const [k, l] of lists.entries()) out.push([`var/lib/dpkg/info/pkg-${k}.list`, Buffer.from(`${l.join('\n')}\n`)]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// One layer: tar -> sha256 (diffID) -> gzip -6 -> sha256 (digest) -> file

async function writeLayer({ index, sizes, plan, seed, pools, path }) {
  const r = rng(seed * 1000003 + index * 7919 + 17);
  const diff = createHash('sha256');
  const blob = createHash('sha256');
  const gzip = createGzip({ level: 6, chunkSize: 256 * 1024 });
  const file = createWriteStream(path);
  let blobSize = 0;
  gzip.on('data', (c) => {
    blob.update(c);
    blobSize += c.length;
  });
  const done = new Promise((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
    file.on('error', reject);
  });
  gzip.pipe(file);
  const out = new TarOut(async (chunk) => {
    diff.update(chunk);
    if (!gzip.write(chunk)) await new Promise((res) => gzip.once('drain', res));
  });

  let files = 0;
  let textFiles = 0;
  let entries = 0;
  let lastDir = '';
  const madeDirs = new Set();
  const mkdirs = async (dir) => {
    const parts = dir.split('/');
    for (let k = 1; k <= parts.length; k++) {
      const d = parts.slice(0, k).join('/');
      if (madeDirs.has(d)) continue;
      madeDirs.add(d);
      await out.header(`${d}/`, { type: '5', mode: 0o755 });
      entries++;
    }
  };
  const n = sizes.length;
  for (let i = 0; i < n; i++) {
    const dir = dirOf(index, i);
    if (dir !== lastDir) {
      await mkdirs(dir);
      lastDir = dir;
      madeDirs.clear(); // dirs are visited in order: only the chain of the current one matters
      for (let k = 1, parts = dir.split('/'); k <= parts.length; k++) madeDirs.add(parts.slice(0, k).join('/'));
    }
    const u = r();
    if (u < 0.02 && i > 0) {
      // a symlink next to the file (lib.so -> lib.so.1 style)
      await out.header(`${pathOf(index, i)}.link`, {
        type: '2',
        mode: 0o777,
        link: pathOf(index, i - 1).slice(dir.length + 1),
      });
      entries++;
    }
    const size = sizes[i];
    const exec = (i * 7 + index) % EXTS.length === 0 || u > 0.995;
    // ~1% of a non-base layer's files overwrite a file of an earlier layer (wasted bytes)
    let name = pathOf(index, i);
    if (index > 0 && u > 0.02 && u < 0.03) {
      const l = r.int(index);
      const j = r.int(plan[l].length);
      name = pathOf(l, j);
    }
    await out.header(name, { size, mode: exec ? 0o755 : 0o644 });
    const dot = name.lastIndexOf('.');
    const text = size < TEXT_MAX && dot > name.lastIndexOf('/') && TEXT_EXTS.has(name.slice(dot));
    if (text) textFiles++;
    const planted = text && textFiles % PLANT_EVERY === 0 ? plantedLine(r, textFiles / PLANT_EVERY) : undefined;
    await out.content(size, r, pools, text, planted);
    files++;
    entries++;
  }
  if (index === 0) {
    // a dpkg database of realistic size in the base layer (~1,500 packages listing ~100,000 of its
    // paths at scale 1): /var/lib/dpkg/status and one info/<package>.list per package
    const db = dpkgDatabase(
      plan.reduce((sum, l) => sum + l.length, 0),
      n,
      pathOf,
    );
    await mkdirs('var/lib/dpkg/info');
    lastDir = '';
    for (const [name, bytes] of db) {
      await out.header(name, { size: bytes.length, mode: 0o644 });
      await out.literal(bytes);
      files++;
      entries++;
    }
  }
  if (index > 0) {
    // a few deletions of earlier files (whiteouts)
    const dels = Math.max(1, Math.floor(n / 2000));
    for (let k = 0; k < dels; k++) {
      const l = r.int(index);
      const j = r.int(plan[l].length);
      const p = pathOf(l, j);
      const slash = p.lastIndexOf('/');
      await out.header(`${p.slice(0, slash)}/.wh.${p.slice(slash + 1)}`, {});
      entries++;
    }
  }
  await out.end();
  gzip.end();
  await done;
  await new Promise((res, rej) => file.close((err) => (err ? rej(err) : res())));
  return {
    path,
    files,
    entries,
    tarSize: out.bytes,
    contentBytes: sizes.reduce((a, b) => a + b, 0),
    diffId: `sha256:${diff.digest('hex')}`,
    digest: `sha256:${blob.digest('hex')}`,
    size: blobSize,
  };
}

// ---------------------------------------------------------------------------------------------
// The archive

class OuterTar {
  constructor(path) {
    this.stream = createWriteStream(path);
    this.offset = 0;
    this.members = new Map();
  }

  async write(buf) {
    this.offset += buf.length;
    if (!this.stream.write(buf)) await new Promise((res) => this.stream.once('drain', res));
  }

  async header(name, size, type = '0', mode = 0o644) {
    const h = Buffer.alloc(512);
    writeHeader(h, 0, name, size, type, mode, '');
    await this.write(h);
  }

  async pad(size) {
    const pad = (512 - (size % 512)) % 512;
    if (pad) await this.write(Buffer.alloc(pad));
  }

  async bytes(name, data) {
    await this.header(name, data.length);
    this.members.set(name, { offset: this.offset, size: data.length });
    await this.write(data);
    await this.pad(data.length);
  }

  async file(name, path, size) {
    await this.header(name, size);
    this.members.set(name, { offset: this.offset, size });
    for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) await this.write(chunk);
    await this.pad(size);
  }

  async end() {
    await this.write(Buffer.alloc(1024));
    await new Promise((res, rej) => this.stream.end((err) => (err ? rej(err) : res())));
  }
}

const hex = (d) => d.slice('sha256:'.length);
const sha = (b) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/**
 * Generate the image. Returns { archive, blobs: [{path, digest, size, ...}], files, entries,
 * tarBytes, contentBytes, blobBytes, seconds }. Layer blobs stay in `dir/blobs/` (the floors
 * decompress those files; layerlint reads the same bytes from inside the archive).
 */
export async function generateImage({
  dir,
  files = 200_000,
  bytes = 2 ** 30,
  layers = 10,
  seed = 1,
  jobs = availableParallelism(),
  log = () => {},
  // another seed for the last layer's content: the same image but its last layer (bench/diff.mjs)
  lastLayerSeed = seed,
}) {
  const started = process.hrtime.bigint();
  mkdirSync(join(dir, 'blobs'), { recursive: true });
  const plan = planSizes({ files, bytes, layers, seed });
  const pools = makePools(seed);
  const results = new Array(layers);
  let next = 0;
  const runOne = async () => {
    for (;;) {
      const index = next++;
      if (index >= layers) return;
      results[index] = await writeLayer({
        index,
        sizes: plan[index],
        plan,
        seed: index === layers - 1 ? lastLayerSeed : seed,
        pools,
        path: join(dir, 'blobs', `layer-${index}.tar.gz`),
      });
      log(
        `  layer ${index}: ${plan[index].length} files, ${(results[index].tarSize / 2 ** 20).toFixed(0)} MiB tar -> ${(results[index].size / 2 ** 20).toFixed(0)} MiB gzip`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, layers)) }, runOne));

  const config = {
    architecture: 'amd64',
    os: 'linux',
    created: '2024-01-01T00:00:00Z',
    config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/bin/sh'] },
    rootfs: { type: 'layers', diff_ids: results.map((l) => l.diffId) },
    history: results.map((_, i) => ({
      created: '2024-01-01T00:00:00Z',
      created_by: `/bin/sh -c #(nop) bench layer ${i}`,
    })),
  };
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = sha(configBytes);
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: configBytes.length },
    layers: results.map((l) => ({
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: l.digest,
      size: l.size,
    })),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const manifestDigest = sha(manifestBytes);
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: manifestDigest,
        size: manifestBytes.length,
        annotations: {
          'io.containerd.image.name': 'docker.io/library/bench:latest',
          'org.opencontainers.image.ref.name': 'latest',
        },
      },
    ],
  };
  const dockerManifest = [
    {
      Config: `blobs/sha256/${hex(configDigest)}`,
      RepoTags: ['bench:latest'],
      Layers: results.map((l) => `blobs/sha256/${hex(l.digest)}`),
    },
  ];

  const archive = join(dir, 'bench-image.tar');
  const tar = new OuterTar(archive);
  await tar.header('blobs/', 0, '5', 0o755);
  await tar.header('blobs/sha256/', 0, '5', 0o755);
  const written = new Set();
  for (const l of results) {
    if (written.has(l.digest)) continue; // identical layers are stored once, as docker does
    written.add(l.digest);
    await tar.file(`blobs/sha256/${hex(l.digest)}`, l.path, l.size);
  }
  await tar.bytes(`blobs/sha256/${hex(configDigest)}`, configBytes);
  await tar.bytes(`blobs/sha256/${hex(manifestDigest)}`, manifestBytes);
  await tar.bytes('index.json', Buffer.from(JSON.stringify(index)));
  await tar.bytes('manifest.json', Buffer.from(JSON.stringify(dockerManifest)));
  await tar.bytes('oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
  await tar.end();

  const sum = (k) => results.reduce((a, l) => a + l[k], 0);
  return {
    archive,
    configDigest,
    archiveSize: statSync(archive).size,
    blobs: results,
    layers,
    files: sum('files'),
    entries: sum('entries'),
    tarBytes: sum('tarSize'),
    contentBytes: sum('contentBytes'),
    blobBytes: sum('size'),
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, files, bytes, layers, seed] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write(
      'usage: node bench/gen-image.mjs OUTDIR [files=200000] [bytes=1073741824] [layers=10] [seed=1]\n',
    );
    process.exit(2);
  }
  const img = await generateImage({
    dir,
    files: files ? Number(files) : undefined,
    bytes: bytes ? Number(bytes) : undefined,
    layers: layers ? Number(layers) : undefined,
    seed: seed ? Number(seed) : undefined,
    log: (s) => process.stderr.write(`${s}\n`),
  });
  const { blobs, ...rest } = img;
  process.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
}
