// A compressed archive (or standard input) of many metadata-looking members: the one-pass reader
// keeps such members until the end, so their total is capped. 2.5 MB of gzip once reached 2.5 GB.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expectOneLineRefusal, runBounded } from './bounded.js';

const MEMBER = 8 * 1024 * 1024; // the largest member the reader keeps whole
const COUNT = 320;

function header(name: string, size: number): Buffer {
  const block = Buffer.alloc(512);
  block.write(name, 0, 'utf8');
  block.write('0000644\0', 100, 'latin1');
  block.write('0000000\0', 108, 'latin1');
  block.write('0000000\0', 116, 'latin1');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  block.write('00000000000\0', 136, 'latin1');
  block.write('0', 156, 'latin1');
  block.write('ustar\x0000', 257, 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

/**
 * COUNT members of 8 MB that look like JSON ("{" and spaces), named like image-archive members so
 * the reader reads on as an image archive. Gzip members concatenated (one gzip stream to a reader):
 * the 8 MB body is compressed once and repeated.
 */
function bomb(): Buffer {
  const body = Buffer.alloc(MEMBER, 0x20);
  body[0] = 0x7b;
  const gzBody = gzipSync(body, { level: 9 });
  const parts: Buffer[] = [];
  for (let i = 0; i < COUNT; i++) {
    parts.push(gzipSync(header(`${i.toString(16).padStart(64, '0')}.json`, MEMBER)), gzBody);
  }
  parts.push(gzipSync(Buffer.alloc(1024)));
  return Buffer.concat(parts);
}

const dir = mkdtempSync(join(tmpdir(), 'll-hostile-held-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a small .tar.gz of JSON-looking members is refused within bounded memory, from a file and stdin', async () => {
  const bytes = bomb();
  expect(bytes.length).toBeLessThan(4 * 1024 * 1024);
  const path = join(dir, 'held.tar.gz');
  writeFileSync(path, bytes);
  const fromFile = await runBounded(['analyze', path], { timeoutMs: 60_000, maxRssMiB: 500 });
  expectOneLineRefusal(fromFile, /holds more than 64 MB of metadata-like members/);
  const fromStdin = await runBounded(['analyze', '-'], { input: bytes, timeoutMs: 60_000, maxRssMiB: 500 });
  expectOneLineRefusal(fromStdin, /standard input holds more than 64 MB of metadata-like members/);
}, 150_000);
