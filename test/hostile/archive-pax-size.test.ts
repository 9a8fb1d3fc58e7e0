// A member whose size is only in a PAX record (the ustar field 0), as Go's and Python's writers
// store members over 8 GiB: the file reader once skipped it and read the archive as a rootfs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveMembers, buildImage, packMembers, zeroUstarSize } from '../../fixtures/builder/index.js';
import { expectOneLineRefusal, runBounded } from './bounded.js';

const dir = mkdtempSync(join(tmpdir(), 'll-hostile-pax-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function paxOnly(sizeOf: (real: number) => number): Promise<Buffer> {
  const image = await buildImage(
    { layers: [{ files: [{ path: 'etc/a', size: 4000 }] }, { files: [{ path: 'etc/b', size: 2000 }] }] },
    'none',
  );
  const members = archiveMembers(image, 'docker-legacy').map((m) =>
    m.name.endsWith('/layer.tar') ? { ...m, pax: { size: String(sizeOf(m.data!.length)) } } : m,
  );
  let bytes = await packMembers(members);
  for (const m of members) if (m.pax) bytes = zeroUstarSize(bytes, m.name);
  return bytes;
}

test('a docker save whose layer sizes are only in PAX records is read as the image, from a file and stdin', async () => {
  const bytes = await paxOnly((n) => n);
  const path = join(dir, 'pax.tar');
  writeFileSync(path, bytes);
  for (const args of [[path], ['-']]) {
    const r = await runBounded(['analyze', ...args, '--format', 'json'], {
      input: bytes,
      timeoutMs: 20_000,
      maxRssMiB: 400,
    });
    expect(r.stderr).toBe('');
    const image = JSON.parse(r.stdout).images[0];
    expect(image.format).toBe('docker-save-legacy');
    expect(image.layers).toHaveLength(2);
  }
});

test('a PAX size claiming 9 GiB in a small archive is one line, from a file and stdin', async () => {
  const path = join(dir, 'lie.tar');
  const bytes = await paxOnly(() => 9 * 1024 ** 3);
  writeFileSync(path, bytes);
  expectOneLineRefusal(await runBounded(['analyze', path], { timeoutMs: 20_000, maxRssMiB: 400 }), /truncated/);
  expectOneLineRefusal(
    await runBounded(['analyze', '-'], { input: bytes, timeoutMs: 20_000, maxRssMiB: 400 }),
    /truncated|has no member/,
  );
});
