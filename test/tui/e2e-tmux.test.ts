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

test('the example image with its Dockerfile: finding details with the fix as a diff, layer details, attribute columns', async () => {
  // a server of its own: the previous test's server may still be exiting
  const details = terminal('e2e-details');
  const send = details.keys;
  const wait = (test: (s: string) => boolean, what: string) => details.waitForScreen(test, what);
  const example = join(ROOT, 'fixtures/example');
  const cacheHome = mkdtempSync(join(work, 'cache-'));
  const command = `cd ${JSON.stringify(example)} && XDG_CACHE_HOME=${JSON.stringify(cacheHome)} NO_COLOR=1 ${JSON.stringify(NODE)} ${JSON.stringify(join(ROOT, 'bin/layerlint'))} explore example-image.tar --dockerfile Dockerfile`;
  details.start(command, { width: 170, height: 50 });
  await wait((s) => s.includes('Layers (7)'), 'the explorer');

  // findings pane, then the details of each finding until one layerlint fix can rewrite
  send('Tab', 'Tab', 'd');
  let screen = await wait((s) => s.includes('Finding details'), 'the finding details');
  expect(screen).toMatch(/Finding 1 of \d+ · /);
  for (let i = 0; i < 20 && !/· apt-lists-not-removed\s/.test(screen); i++) {
    send('j');
    const before = screen;
    screen = await wait((s) => s !== before, 'the next finding');
  }
  screen = await wait((s) => /\+RUN apt-get update .*rm -rf \/var\/lib\/apt\/lists\/\*/.test(s), 'the fix as a diff');
  expect(screen).toMatch(/layerlint fix can do this/);
  expect(screen).toMatch(/│ -RUN apt-get update && apt-get install -y curl\s*$/m);
  expect(screen).toMatch(/│ Dockerfile line 5: RUN apt-get update && apt-get install -y curl\s*$/m);
  expect(screen).toMatch(/│ Evidence:\s*$/m);

  // the layers pane: the selected layer's details, following the cursor
  send('Tab', 'g', 'j', 'j');
  screen = await wait((s) => s.includes('Layer details') && s.includes('Layer 2 of 6'), 'the layer details');
  expect(screen).toMatch(/│ Layer 2 of 6\s*$/m);
  expect(screen).toMatch(/│ diffID\s+sha256:[0-9a-f]{64}\s*$/m);
  expect(screen).toMatch(/│ created \d{4}-\d\d-\d\dT/m);
  expect(screen).toMatch(/│ Dockerfile line 5: RUN apt-get update/m);
  send('j');
  screen = await wait((s) => s.includes('Layer 3 of 6'), 'the next layer');
  expect(screen).toMatch(/│ wasted 52\.0 kB:\s*$/m);
  expect(screen).toMatch(/│ +25\.0 kB {2}deleted later\s*$/m);
  expect(screen).toMatch(/│ +15\.0 kB {2}chmod\/chown copy\s*$/m);

  // back to the tree, with dive's attribute columns
  send('d');
  await wait((s) => !s.includes('Layer details'), 'the tree back');
  send('Tab', 'm');
  screen = await wait((s) => /│[> ]\+ -rw-r--r-- +0:0 /.test(s), 'the attribute columns');
  expect(screen).toMatch(/│ \+ -rw-r--r-- {9}0:0 {4}43 B {5}\.env\s*$/m);
  send('q');
  await details.waitForExit();
  details.close();
}, 60_000);

test('without a terminal it refuses in one line, exit 2, and points at analyze', () => {
  const run = spawnSync(NODE, [join(ROOT, 'bin/layerlint'), 'explore', IMAGE], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/explore needs a terminal.*layerlint analyze/);
});
