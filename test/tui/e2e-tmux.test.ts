// End to end: the real CLI (built dist/) in a real terminal (tmux), on dive's own test image.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const IMAGE = resolve(ROOT, '../shared/peers/dive/test-docker-image.tar');
const SOCKET = `layerlint-e2e-${process.pid}`;
const SESSION = 'explore';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

const capture = () => tmux('capture-pane', '-p', '-t', SESSION);
const alive = () => spawnSync('tmux', ['-L', SOCKET, 'has-session', '-t', SESSION]).status === 0;

/** Poll the screen until `test` passes; fail with the last screen. */
async function waitForScreen(test: (screen: string) => boolean, what: string, ms = 20_000): Promise<string> {
  let screen = '';
  for (const end = Date.now() + ms; Date.now() < end; ) {
    screen = alive() ? capture() : screen;
    if (test(screen)) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; screen was:\n${screen}`);
}

let work: string;
beforeAll(() => {
  const probe = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error('tmux is required for the explore end-to-end test and was not found on PATH');
  if (!statSync('/dev/null').isCharacterDevice())
    throw new Error('/dev/null is not a device (something replaced it): tmux cannot start a server');
  if (!existsSync(IMAGE))
    throw new Error(`dive's test image is missing: ${IMAGE} (shared/ must sit beside the repository)`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  work = mkdtempSync(join(tmpdir(), 'layerlint-e2e-'));
}, 180_000);

afterAll(() => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  if (work) rmSync(work, { recursive: true, force: true });
});

test("explore dive's test image: layer 9 shows /root/example removed; q quits", async () => {
  const exitFile = join(work, 'exit');
  // CI=true as CI machines set it: the explorer must still be interactive in a real terminal
  const command = `cd ${JSON.stringify(ROOT)} && CI=true NO_COLOR=1 bin/layerlint explore ${JSON.stringify(IMAGE)}; echo $? > ${JSON.stringify(exitFile)}`;
  tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', command);

  await waitForScreen((s) => s.includes('Layers (14)') && s.includes('Files · layer 0 changes'), 'the explorer');
  for (let i = 0; i < 9; i++) tmux('send-keys', '-t', SESSION, 'j');
  let screen = await waitForScreen((s) => s.includes('Files · layer 9 changes'), 'layer 9');
  expect(screen).toMatch(/^> 9 .*rm -rf \/root\/example\//m);
  expect(screen).toContain('layer 9: rm -rf /root/example/');
  // the removed directory, marked by its symbol (colour is off)
  expect(screen).toMatch(/│ - +[\d.]+ k?B +▾ example\/\s*$/m);
  expect(screen).toMatch(/│ - +[\d.]+ k?B +somefile2\.txt\s*$/m);

  tmux('send-keys', '-t', SESSION, 'Tab');
  tmux('send-keys', '-t', SESSION, 'j');
  screen = await waitForScreen((s) => s.includes('/root/example  removed'), 'the status line of /root/example');
  expect(screen).toMatch(/│>- +[\d.]+ k?B +▾ example\//);

  tmux('send-keys', '-t', SESSION, 'q');
  for (const end = Date.now() + 10_000; alive() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
  expect(alive()).toBe(false);
  expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
}, 60_000);

test('the example image with its Dockerfile: finding details with the fix as a diff, layer details, attribute columns', async () => {
  // a server of its own: the previous test's server may still be exiting
  const socket = `${SOCKET}-details`;
  const own = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const session = 'details';
  const send = (...keys: string[]) => own('send-keys', '-t', session, ...keys);
  const screenOf = () => own('capture-pane', '-p', '-t', session);
  const wait = async (test: (s: string) => boolean, what: string) => {
    let screen = '';
    for (const end = Date.now() + 20_000; Date.now() < end; ) {
      screen = screenOf();
      if (test(screen)) return screen;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; screen was:\n${screen}`);
  };
  const example = join(ROOT, 'fixtures/example');
  // an empty code cache: a second `explore --dockerfile` run from bin/layerlint's V8 code cache fails
  // today with "A dynamic import callback was not specified" (start-up, reported separately)
  const cacheHome = mkdtempSync(join(work, 'cache-'));
  const command = `cd ${JSON.stringify(example)} && XDG_CACHE_HOME=${JSON.stringify(cacheHome)} NO_COLOR=1 ${JSON.stringify(join(ROOT, 'bin/layerlint'))} explore example-image.tar --dockerfile Dockerfile`;
  own('new-session', '-d', '-s', session, '-x', '170', '-y', '50', command);
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
  for (const end = Date.now() + 10_000; Date.now() < end; ) {
    if (spawnSync('tmux', ['-L', socket, 'has-session', '-t', session]).status !== 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  spawnSync('tmux', ['-L', socket, 'kill-server']);
}, 60_000);

test('without a terminal it refuses in one line, exit 2, and points at analyze', () => {
  const run = spawnSync(join(ROOT, 'bin/layerlint'), ['explore', IMAGE], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/explore needs a terminal.*layerlint analyze/);
});
