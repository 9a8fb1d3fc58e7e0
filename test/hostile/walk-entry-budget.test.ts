// Item 4: an entry flood spread over several layers, each under any per-layer bound, must stop at
// the image-wide entry budget with one line and exit 2, in bounded memory (it used to grow to
// 5.9 GB and end in a V8 out-of-memory abort).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeEntryFlood } from '../../bench/gen-entries.mjs';
import { expectOneLineRefusal, runBounded } from './bounded.js';

const dir = mkdtempSync(join(tmpdir(), 'll-walk-budget-'));
const image = join(dir, 'flood.tar');
beforeAll(() => writeEntryFlood(image, 60_000, 3));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('three layers of empty files past the image-wide entry budget: exit 2, one line', async () => {
  const r = await runBounded(['analyze', image, '--max-entries', '150000'], { timeoutMs: 60_000, maxRssMiB: 600 });
  expectOneLineRefusal(r, /the image holds more than 150000 tar entries \(raise --max-entries\)/);
});

test('the same image under the budget is analysed (the budget counts entries, not layers)', async () => {
  const r = await runBounded(['analyze', image, '--max-entries', '180000', '--format', 'json'], {
    timeoutMs: 60_000,
    maxRssMiB: 800,
  });
  expect(r.killedFor).toBeUndefined();
  expect(r.stderr).toBe('');
  const layers = JSON.parse(r.stdout).images[0].layers as { fileCount: number }[];
  expect(layers.map((l) => l.fileCount)).toEqual([60_000, 60_000, 60_000]);
});

test('layers read from the layer cache count against the budget too', async () => {
  const cacheHome = mkdtempSync(join(tmpdir(), 'll-walk-budget-cache-'));
  try {
    const warm = await runBounded(['analyze', image, '--max-entries', '180000', '--format', 'json'], { cacheHome });
    expect(warm.code).toBe(0);
    const r = await runBounded(['analyze', image, '--max-entries', '150000'], { cacheHome, maxRssMiB: 600 });
    expectOneLineRefusal(r, /the image holds more than 150000 tar entries \(raise --max-entries\)/);
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
});
