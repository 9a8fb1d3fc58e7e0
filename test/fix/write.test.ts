import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/io/atomic-write.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'layerlint-write-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const leftovers = async () => (await fs.readdir(dir)).filter((n) => n.includes('.layerlint-'));

describe('writeFileAtomic', () => {
  test('replaces the content and keeps the file mode', async () => {
    const p = join(dir, 'Dockerfile');
    await fs.writeFile(p, 'FROM a\n');
    await fs.chmod(p, 0o640);
    await writeFileAtomic(p, 'FROM b\n', { expected: 'FROM a\n' });
    expect(await fs.readFile(p, 'utf8')).toBe('FROM b\n');
    expect((await fs.stat(p)).mode & 0o777).toBe(0o640);
    expect(await leftovers()).toEqual([]);
  });

  test('keeps a BOM and CRLF byte for byte', async () => {
    const p = join(dir, 'Dockerfile');
    const text = '\ufeffFROM a\r\nRUN x\r\n';
    await fs.writeFile(p, text);
    await writeFileAtomic(p, `${text}USER 1\r\n`, { expected: text });
    expect((await fs.readFile(p)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(await fs.readFile(p, 'utf8')).toBe(`${text}USER 1\r\n`);
  });

  test('refuses when the file changed since it was read, and writes nothing', async () => {
    const p = join(dir, 'Dockerfile');
    await fs.writeFile(p, 'FROM edited-by-someone\n');
    await expect(writeFileAtomic(p, 'FROM b\n', { expected: 'FROM a\n' })).rejects.toThrow(/changed since it was read/);
    expect(await fs.readFile(p, 'utf8')).toBe('FROM edited-by-someone\n');
    expect(await leftovers()).toEqual([]);
  });

  test('writes through a symlink to its target', async () => {
    const real = join(dir, 'real.Dockerfile');
    const link = join(dir, 'Dockerfile');
    await fs.writeFile(real, 'FROM a\n');
    await fs.symlink(real, link);
    await writeFileAtomic(link, 'FROM b\n', { expected: 'FROM a\n' });
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(real, 'utf8')).toBe('FROM b\n');
  });

  test('a missing file is an error and nothing is created', async () => {
    await expect(writeFileAtomic(join(dir, 'nope'), 'x', { expected: 'y' })).rejects.toThrow();
    expect(await fs.readdir(dir)).toEqual([]);
  });

  test('an unwritable directory is an error and the original stays', async () => {
    if (process.getuid?.() === 0) return; // root ignores directory permissions
    const p = join(dir, 'Dockerfile');
    await fs.writeFile(p, 'FROM a\n');
    await fs.chmod(dir, 0o500);
    try {
      await expect(writeFileAtomic(p, 'FROM b\n', { expected: 'FROM a\n' })).rejects.toThrow();
      expect(await fs.readFile(p, 'utf8')).toBe('FROM a\n');
    } finally {
      await fs.chmod(dir, 0o700);
    }
  });
});
