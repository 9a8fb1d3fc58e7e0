// The Node zlib floor: decompress each gzip blob once, one after another, to nowhere.
// No tar parsing, no hashing. Usage: node bench/floor-zlib.mjs BLOB...
// FLOOR_CHUNK=bytes sets createGunzip's chunkSize (default: Node's default, 16 KiB).
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

const chunkSize = process.env.FLOOR_CHUNK ? Number(process.env.FLOOR_CHUNK) : undefined;
let total = 0;
for (const blob of process.argv.slice(2)) {
  await pipeline(
    createReadStream(blob, { highWaterMark: 1024 * 1024 }),
    createGunzip(chunkSize ? { chunkSize } : {}),
    new Writable({
      write(chunk, _enc, done) {
        total += chunk.length;
        done();
      },
    }),
  );
}
process.stdout.write(`${total}\n`);
