import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectOneLineRefusal, runBounded } from './bounded.js';

test('a file that is not an image is refused in one line, within bounds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'll-bounded-'));
  const junk = join(dir, 'junk.tar');
  writeFileSync(junk, Buffer.alloc(1000, 7));
  const r = await runBounded(['analyze', junk], { timeoutMs: 20_000, maxRssMiB: 512 });
  expectOneLineRefusal(r, /junk\.tar/);
  expect(r.peakRssMiB).toBeGreaterThan(0);
});
