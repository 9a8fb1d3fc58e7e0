// An entry flood: a `docker save` archive (legacy layout, uncompressed outer tar) whose gzip layers
// hold nothing but empty regular files, as many as asked. The hostile suite uses it to check the
// image-wide entry budget; `npm run bench` to measure memory per entry. Written in one streaming
// pass: only one layer's gzip bytes are held (2 M entries gzip to ~14 MB).
//
//   node bench/gen-entries.mjs OUT.tar ENTRIES_PER_LAYER [LAYERS]
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BLOCK = 512;

/** A ustar header; only the fields a reader needs, checksum filled in. */
export function tarHeader(name, size = 0, typeflag = '0', mode = 0o644) {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(`${mode.toString(8).padStart(7, '0')}\0`, 100, 'ascii');
  h.write('0000000\0', 108, 'ascii');
  h.write('0000000\0', 116, 'ascii');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  h.write('14000000000\0', 136, 'ascii');
  h.write(typeflag, 156, 'ascii');
  h.write('ustar\x0000', 257, 'binary');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** A tar member with its content padded to whole blocks. */
export function tarMember(name, data) {
  const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
  return Buffer.concat([tarHeader(name, data.length), data, Buffer.alloc(pad)]);
}

/**
 * One layer: `entries` empty files named d<k>/f<i> (1000 per directory, the directories implied),
 * prefixed by `tag` so that layers differ. Returns the uncompressed tar's digest and the gzip bytes.
 */
export function floodLayer(entries, tag) {
  // concatenated gzip members are one valid gzip stream (RFC 1952 §2.2): the tar (1 GB for 2 M
  // entries) is compressed in 64 MiB slices, never held whole
  const slices = [];
  const tarHash = createHash('sha256');
  let batch = [];
  let bytes = 0;
  const flush = () => {
    const tar = Buffer.concat(batch);
    batch = [];
    bytes = 0;
    tarHash.update(tar);
    slices.push(gzipSync(tar, { level: 6 }));
  };
  for (let i = 0; i < entries; i++) {
    batch.push(tarHeader(`${tag}/d${Math.floor(i / 1000)}/f${i}`));
    bytes += BLOCK;
    if (bytes >= 64 << 20) flush();
  }
  batch.push(Buffer.alloc(2 * BLOCK));
  flush();
  return { diffId: `sha256:${tarHash.digest('hex')}`, blob: Buffer.concat(slices) };
}

/** Write the flood image to `out`: `layers` layers of `entriesPerLayer` empty files. */
export async function writeEntryFlood(out, entriesPerLayer, layers = 1) {
  const file = createWriteStream(out);
  const write = (buf) => new Promise((resolve, reject) => file.write(buf, (err) => (err ? reject(err) : resolve())));
  const diffIds = [];
  const names = [];
  let blobBytes = 0;
  for (let l = 0; l < layers; l++) {
    const { diffId, blob } = floodLayer(entriesPerLayer, `l${l}`);
    diffIds.push(diffId);
    const name = `${diffId.slice(7)}/layer.tar`;
    names.push(name);
    blobBytes += blob.length;
    await write(tarMember(name, blob));
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: diffIds.map((_, i) => ({ created_by: `flood ${i}` })),
    }),
  );
  const configName = `${createHash('sha256').update(config).digest('hex')}.json`;
  await write(tarMember(configName, config));
  const manifest = [{ Config: configName, RepoTags: ['flood:latest'], Layers: names }];
  await write(tarMember('manifest.json', Buffer.from(JSON.stringify(manifest))));
  await write(Buffer.alloc(2 * BLOCK));
  await new Promise((resolve, reject) => file.end((err) => (err ? reject(err) : resolve())));
  return { entries: entriesPerLayer * layers, blobBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [out, perLayer, layers] = process.argv.slice(2);
  if (!out || !perLayer) {
    process.stderr.write('usage: node bench/gen-entries.mjs OUT.tar ENTRIES_PER_LAYER [LAYERS]\n');
    process.exit(2);
  }
  const r = await writeEntryFlood(out, Number(perLayer), Number(layers ?? 1));
  process.stdout.write(`${r.entries} entries, ${r.blobBytes} bytes of gzip\n`);
}
