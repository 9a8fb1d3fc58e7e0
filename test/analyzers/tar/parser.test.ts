import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TarHeader } from '../../../src/analyzers/tar/header.js';
import { TarParser } from '../../../src/analyzers/tar/parser.js';
import { entryFromHeader } from '../../../src/analyzers/walk/entry-recorder.js';

function parseAll(bytes: Buffer, chunkSize = bytes.length) {
  const entries: (TarHeader & { content: string })[] = [];
  let current: (TarHeader & { content: string }) | undefined;
  const parser = new TarParser({
    entry: (h) => {
      current = { ...h, content: '' };
      entries.push(current);
    },
    data: (c) => {
      current!.content += c.toString('latin1');
    },
    entryEnd: () => {},
  });
  for (let i = 0; i < bytes.length; i += chunkSize) parser.write(bytes.subarray(i, i + chunkSize));
  parser.end();
  return entries;
}

describe('tar parser on archives written by GNU tar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-tar-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const longDir = 'd'.repeat(120);
  const longName = `${longDir}/${'f'.repeat(130)}.txt`;

  beforeAll(() => {
    const root = join(dir, 'root');
    mkdirSync(join(root, longDir), { recursive: true });
    writeFileSync(join(root, longName), 'long');
    writeFileSync(join(root, 'ünïcødé.txt'), 'utf8');
    writeFileSync(join(root, 'big'), Buffer.alloc(1500, 'z'));
    symlinkSync(`../${longName}`, join(root, 'link'));
    linkSync(join(root, 'big'), join(root, 'hard'));
  });

  test.each(['gnu', 'posix', 'ustar'])('%s format, fed in chunks of every awkward size', (format) => {
    const args = ['-C', join(dir, 'root'), '--sort=name', `--format=${format}`, '-cf', '-', '.'];
    let bytes: Buffer;
    try {
      bytes = execFileSync('tar', args);
    } catch {
      // ustar cannot store names this long: GNU tar refuses; that is the point of the other formats
      expect(format).toBe('ustar');
      return;
    }
    for (const chunk of [bytes.length, 512, 511, 7, 1]) {
      const entries = parseAll(bytes, chunk).map((e) => ({ ...entryFromHeader(e), content: e.content }));
      const byPath = new Map(entries.map((e) => [e.path, e]));
      expect(byPath.get(`/${longName}`)).toMatchObject({ kind: 'file', size: 4, content: 'long' });
      expect(byPath.get('/ünïcødé.txt')).toMatchObject({ kind: 'file', content: 'utf8' });
      expect(byPath.get('/big')).toMatchObject({ kind: 'file', size: 1500 });
      expect(byPath.get('/link')).toMatchObject({ kind: 'symlink', linkTarget: `../${longName}` });
      expect(byPath.get('/hard')).toMatchObject({ kind: 'hardlink', linkTarget: '/big', size: 0, content: '' });
      expect(byPath.get(`/${longDir}`)).toMatchObject({ kind: 'dir' });
    }
  });
});

describe('entryFromHeader', () => {
  const h = (name: string, typeflag = '0', extra: Partial<TarHeader> = {}): TarHeader => ({
    name,
    mode: 0o100644,
    uid: 0,
    gid: 0,
    size: 10,
    typeflag,
    linkname: '',
    ...extra,
  });
  test.each([
    [h('./etc/passwd'), { path: '/etc/passwd', kind: 'file', size: 10, mode: 0o644 }],
    [h('usr/bin/'), { path: '/usr/bin', kind: 'dir', size: 0 }],
    [h('a/.wh.b'), { path: '/a/b', kind: 'whiteout', size: 0 }],
    [h('a/b/.wh..wh..opq'), { path: '/a/b', kind: 'opaque', size: 0 }],
    [h('.wh..wh.plnk/123'), { path: '/.wh..wh.plnk/123', kind: 'file' }],
    [h('a/.wh..wh.aufs'), { path: '/a/.wh..wh.aufs', kind: 'other' }],
    [h('../../etc/shadow'), { path: '/etc/shadow', unsafeName: true }],
    [h('/abs/path'), { path: '/abs/path', unsafeName: true }],
    [h('a/../../b'), { path: '/b', unsafeName: true }],
    [h('bin/sh', '2', { linkname: 'busybox' }), { path: '/bin/sh', kind: 'symlink', linkTarget: 'busybox', size: 0 }],
    [
      h('bin/ls', '1', { linkname: './bin/busybox' }),
      { path: '/bin/ls', kind: 'hardlink', linkTarget: '/bin/busybox', size: 0 },
    ],
    [h('usr/bin/sudo', '0', { mode: 0o104755 }), { mode: 0o4755 }],
    [h('dev/null', '3'), { kind: 'other', size: 0 }],
  ])('%j', (header, expected) => {
    expect(entryFromHeader(header)).toMatchObject(expected);
  });
});

test('PAX records override the header (path, size, uid)', () => {
  const pax = (records: Record<string, string>) => {
    let body = '';
    for (const [k, v] of Object.entries(records)) {
      const rec = ` ${k}=${v}\n`;
      let len = rec.length + String(rec.length).length;
      if (String(len).length !== String(rec.length).length) len++;
      body += `${len}${rec}`;
    }
    return Buffer.from(body);
  };
  const block = (name: string, size: number, type: string) => {
    const b = Buffer.alloc(512);
    b.write(name, 0);
    b.write('0000644\0', 100);
    b.write('0000000\0', 108);
    b.write('0000000\0', 116);
    b.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
    b.write(type, 156);
    b.write('ustar\0' + '00', 257);
    b.fill(' ', 148, 156);
    let sum = 0;
    for (const x of b) sum += x;
    b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    return b;
  };
  const body = pax({ path: 'very/long/pax/name.txt', uid: '123456789' });
  const padded = (buf: Buffer) => Buffer.concat([buf, Buffer.alloc((512 - (buf.length % 512)) % 512)]);
  const bytes = Buffer.concat([
    block('PaxHeader', body.length, 'x'),
    padded(body),
    block('short', 3, '0'),
    padded(Buffer.from('abc')),
    Buffer.alloc(1024),
  ]);
  const [entry] = parseAll(bytes, 100);
  expect(entry).toMatchObject({ name: 'very/long/pax/name.txt', uid: 123456789, size: 3, content: 'abc' });
});
