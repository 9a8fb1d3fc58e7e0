// End to end: the real CLI (built dist/) in a real terminal (tmux), on dive's own test image.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE } from '../helpers/cli.js';
import { requireTmux, terminal } from '../helpers/tmux.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const IMAGE = resolve(ROOT, '../shared/peers/dive/test-docker-image.tar');
const term = terminal('e2e');

let work: string;
beforeAll(() => {
  requireTmux();
  if (!existsSync(IMAGE))
    throw new Error(`dive's test image is missing: ${IMAGE} (shared/ must sit beside the repository)`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  work = mkdtempSync(join(tmpdir(), 'layerlint-e2e-'));
}, 180_000);

afterAll(() => {
  term.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("explore dive's test image: layer 9 shows /root/example removed; q quits", async () => {
  const exitFile = join(work, 'exit');
  // CI=true as CI machines set it: the explorer must still be interactive in a real terminal
  const command = `cd ${JSON.stringify(ROOT)} && CI=true NO_COLOR=1 ${JSON.stringify(NODE)} bin/layerlint explore ${JSON.stringify(IMAGE)}; echo $? > ${JSON.stringify(exitFile)}`;
  term.start(command);

  await term.waitForScreen((s) => s.includes('Layers (14)') && s.includes('Files · layer 0 changes'), 'the explorer');
  for (let i = 0; i < 9; i++) term.keys('j');
  let screen = await term.waitForScreen((s) => s.includes('Files · layer 9 changes'), 'layer 9');
  expect(screen).toMatch(/^> 9 .*rm -rf \/root\/example\//m);
  expect(screen).toContain('layer 9: rm -rf /root/example/');
  // the removed directory, marked by its symbol (colour is off)
  expect(screen).toMatch(/│ - +[\d.]+ k?B +▾ example\/\s*$/m);
  expect(screen).toMatch(/│ - +[\d.]+ k?B +somefile2\.txt\s*$/m);

  term.keys('Tab', 'j');
  screen = await term.waitForScreen((s) => s.includes('/root/example  removed'), 'the status line of /root/example');
  expect(screen).toMatch(/│>- +[\d.]+ k?B +▾ example\//);

  term.keys('q');
  await term.waitForExit();
  expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
}, 60_000);

test('without a terminal it refuses in one line, exit 2, and points at analyze', () => {
  const run = spawnSync(NODE, [join(ROOT, 'bin/layerlint'), 'explore', IMAGE], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/explore needs a terminal.*layerlint analyze/);
});
