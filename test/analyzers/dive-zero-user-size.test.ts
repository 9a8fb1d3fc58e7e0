// dive divides wasted bytes by user bytes without a guard: with user layers of 0 bytes its ratio
// is +Inf (its highestUserWastedPercent gate fails) or, with nothing wasted, NaN (its `>` test is
// false: the gate passes). layerlint concludes what dive's gate would, says why, and JSON has null.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImageRecipe, writeImage } from '../../fixtures/builder/index.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'll-dive-zero-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { files: [{ path: 'etc/app.conf', size: 5000 }] };
const cases: [string, ImageRecipe, number | null, string, boolean][] = [
  ['a one-layer image (0/0 = NaN)', { layers: [base] }, null, 'none wasted', true],
  [
    'user layers that only delete (x/0 = +Inf)',
    { layers: [base, { files: [{ path: 'etc/app.conf', type: 'whiteout' }] }] },
    null,
    'user layers add 0 bytes',
    false,
  ],
];

test.each(cases)('%s', async (_name, recipe, expected, reason, gatePasses) => {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.tar`);
  await writeImage({ ...recipe, config: { User: '1000' } }, 'docker-legacy', path);
  const json = await runCli(['analyze', path, '--format', 'json']);
  expect(json.stderr).toBe('');
  const image = JSON.parse(json.stdout).images[0];
  expect(image.metrics.dive.userSize).toBe(0);
  expect(image.metrics.dive.userWastedPercent).toBe(expected);
  expect(image.metrics.dive.userWastedPercentReason).toContain(reason);
  const gate = image.thresholds.find((t: { name: string }) => t.name === 'highestUserWastedPercent');
  expect(gate).toEqual({ name: 'highestUserWastedPercent', limit: 0.1, actual: null, passed: gatePasses });
  const tty = await runCli(['analyze', path]);
  const text = tty.stdout.replace(/\s+/g, ' '); // the summary wraps to the terminal width
  expect(text).toContain(`(${image.metrics.dive.userWastedPercentReason}; kept copies included)`);
  expect(text).toContain(`${gatePasses ? '✓' : '✗'} dive wasted / user size ≤ 10.00%`);
  expect(tty.stdout).not.toMatch(/Infinity|NaN%/);
});
