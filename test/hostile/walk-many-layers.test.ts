// Item 9: a terminal report of an image with 20,000 layers (it overflowed the stack) is printed,
// every layer in it, within the hostile suite's time and memory bounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBounded } from './bounded.js';
import { writeManyLayers } from './walk-kit.js';

const dir = mkdtempSync(join(tmpdir(), 'll-walk-layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('20,000 layers: the tty report lists them all', async () => {
  const out = join(dir, 'many.tar');
  writeManyLayers(out, 20_000);
  const r = await runBounded(['analyze', out, '--format', 'tty'], { timeoutMs: 240_000, maxRssMiB: 1024 });
  expect(r.killedFor).toBeUndefined();
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('20000 layers');
  expect(r.stdout).toMatch(/^\s+19999\s/m); // the last layer's row
}, 270_000);
