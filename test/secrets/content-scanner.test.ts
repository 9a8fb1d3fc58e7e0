// The walk's content scanner, through the EntryRecorder the walk feeds: pieces of any size, a
// secret across a piece boundary or the prefilter's 256 KiB input, binaries judged by content,
// package-owned test data and files over the size limit not scanned.
import type { TarHeader } from '../../src/analyzers/tar/header.js';
import { EntryRecorder } from '../../src/analyzers/walk/entry-recorder.js';
import { INPUT_CAP } from '../../src/secrets/bigram-filter.js';
import { SECRET_SCAN_MAX_FILE_BYTES } from '../../src/secrets/content-scanner.js';
import { withBase62Checksum } from '../../src/secrets/detector.js';
import { fake } from '../rules/content-table.js';

const header = (name: string, size: number) =>
  ({ name, size, typeflag: '0', mode: 0o644, uid: 0, gid: 0, linkname: '' }) as unknown as TarHeader;

function walk(files: { name: string; body: Buffer; piece?: number }[]) {
  const recorder = new EntryRecorder(100, 'test');
  for (const f of files) {
    recorder.entry(header(f.name, f.body.length));
    const step = f.piece ?? f.body.length;
    for (let i = 0; i < f.body.length; i += step) recorder.data(f.body.subarray(i, i + step));
    recorder.entryEnd();
  }
  return recorder.entries;
}

const token = withBase62Checksum('ghp_', fake(30, 201));
const key = `-----BEGIN RSA PRIVATE KEY-----\n${fake(64, 202)}\n${fake(64, 203)}\n-----END RSA PRIVATE KEY-----\n`;

describe('content scanner', () => {
  it('finds a secret whatever the pieces the content arrives in', () => {
    const body = Buffer.from(`line one\nline two\nx = "${token}"\n${key}`);
    for (const piece of [1, 2, 3, 7, 64, 1000]) {
      const [e] = walk([{ name: 'app/a.js', body, piece }]);
      expect(e?.secrets).toEqual([
        { rule: 'secret-github', kind: 'github-pat', line: 3, evidence: 'ghp_****' },
        {
          rule: 'secret-private-key',
          kind: 'private-key',
          line: 4,
          evidence: '-----BEGIN RSA PRIVATE KEY----- (content redacted)',
        },
      ]);
    }
  });

  it('counts lines across the 256 KiB input and finds a secret that straddles it', () => {
    const line = `${'a'.repeat(99)}\n`; // 100 bytes a line
    const lines = Math.floor(INPUT_CAP / 100) - 2;
    for (const shift of [0, 50, 100, 150, 190, 220, 240, 250]) {
      const filler = line.repeat(lines) + ' '.repeat(shift);
      const body = Buffer.from(`${filler}${token}\n${line.repeat(3000)}${token}\n`);
      const [e] = walk([{ name: 'app/big.txt', body, piece: 65536 }]);
      expect(e?.secrets?.map((h) => h.line)).toEqual([lines + 1, lines + 3002]);
    }
  });

  it('skips binaries by content (a NUL byte in the first 8000 bytes), not by name', () => {
    const text = Buffer.from(`x=${token}\n`);
    const [bin, named] = walk([
      { name: 'app/config.txt', body: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), text]) },
      { name: 'app/libfoo.so', body: text },
    ]);
    expect(bin?.secrets).toBeUndefined();
    expect(named?.secrets?.map((h) => h.kind)).toEqual(['github-pat']);
  });

  it('does not scan package-owned docs and test data, nor files over the size limit', () => {
    const text = Buffer.from(`x=${token}\n`);
    const entries = walk([
      { name: 'usr/share/doc/pkg/README', body: text },
      { name: 'usr/lib/python3.11/test/keys.py', body: text },
      { name: 'app/node_modules/lib/test/fixture.js', body: text },
      { name: 'app/node_modules/lib/index.js', body: text },
    ]);
    expect(entries.map((e) => e.secrets?.length ?? 0)).toEqual([0, 0, 0, 1]);
    expect(SECRET_SCAN_MAX_FILE_BYTES).toBe(16 * 1024 * 1024);
  });
});
