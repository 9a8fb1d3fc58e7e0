import { GO_BUILDINFO_MAGIC, parseGoBuildInfo } from '../../../src/analyzers/packages/go-buildinfo.js';
import { GoBuildInfoScan } from '../../../src/analyzers/packages/go-scan.js';

const varint = (n: number) => {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
};
const str = (s: string) => Buffer.concat([varint(Buffer.byteLength(s)), Buffer.from(s)]);
const SENTINEL = Buffer.alloc(16, 0x30);

/** A .go.buildinfo block as Go 1.18+ writes it (debug/buildinfo's layout). */
function block(modinfo: string, flags = 2): Buffer {
  const header = Buffer.alloc(32);
  GO_BUILDINFO_MAGIC.copy(header);
  header[14] = 8;
  header[15] = flags;
  const mod = Buffer.concat([SENTINEL, Buffer.from(modinfo), SENTINEL]).toString('latin1');
  return Buffer.concat([header, str('go1.21.5'), str(mod)]);
}

const MODINFO =
  'path\texample.com/app\nmod\texample.com/app\tv1.2.3\th1:abc=\ndep\tgolang.org/x/sys\tv0.15.0\th1:x=\ndep\texample.com/greet\tv0.1.0\n=>\t./greet\t(devel)\t\nbuild\t-compiler=gc\n';

test('module info: main module, dependencies, replacements', () => {
  expect(parseGoBuildInfo(block(MODINFO))).toEqual({
    goVersion: 'go1.21.5',
    path: 'example.com/app',
    main: { path: 'example.com/app', version: 'v1.2.3' },
    deps: [
      { path: 'golang.org/x/sys', version: 'v0.15.0' },
      { path: 'example.com/greet', version: 'v0.1.0', replacedBy: './greet' },
    ],
  });
});

test('a pre-1.18 block (pointers into the data segment) is named, not guessed', () => {
  expect(parseGoBuildInfo(block(MODINFO, 0))).toBe('pre-1.18');
  expect(parseGoBuildInfo(Buffer.from('not build info at all, long enough to have a header'))).toBeUndefined();
  expect(parseGoBuildInfo(block(MODINFO).subarray(0, 40))).toBeUndefined(); // cut short
});

describe('the streaming scan', () => {
  const elf = Buffer.concat([
    Buffer.from('\x7fELF', 'latin1'),
    Buffer.alloc(5000, 0xab),
    block(MODINFO),
    Buffer.alloc(3000, 0xcd),
  ]);

  test.each([1, 7, 13, 14, 15, 4096, elf.length])('finds the block in chunks of %i bytes', (size) => {
    const scan = new GoBuildInfoScan();
    scan.start(0o755, elf.length);
    for (let at = 0; at < elf.length; at += size) scan.feed(elf.subarray(at, at + size));
    const found = scan.finish();
    expect(found && parseGoBuildInfo(found)).toMatchObject({ main: { path: 'example.com/app', version: 'v1.2.3' } });
  });

  test('only executable ELF files are searched', () => {
    const scan = new GoBuildInfoScan();
    scan.start(0o644, elf.length); // a library or data file
    scan.feed(elf);
    expect(scan.finish()).toBeUndefined();
    const script = Buffer.concat([Buffer.from('#!/bin/sh\n'), block(MODINFO), Buffer.alloc(2000)]);
    scan.start(0o755, script.length);
    scan.feed(script);
    expect(scan.finish()).toBeUndefined();
  });
});
