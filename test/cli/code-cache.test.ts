// Every command, run again and again with one cache home, does the same thing each time: the
// home holds the layer cache and, on Node 22+, Node's compile cache of the bundle (bin/layerlint).
// A cache written by another build of layerlint, or one that cannot be written, changes nothing
// but speed. scripts/test-all.sh runs this file on Node 20, 22 and 24 (LAYERLINT_TEST_NODE).
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE, REPO, runCli } from '../helpers/cli.js';
import { requireTmux, terminal } from '../helpers/tmux.js';

const IMAGE = join(REPO, 'fixtures/example/example-image.tar');
const DOCKERFILE = join(REPO, 'fixtures/example/Dockerfile');
const NODE_VERSION = spawnSync(NODE, ['-p', 'process.version'], { encoding: 'utf8' }).stdout.trim();
const NODE_MAJOR = Number(/^v(\d+)\./.exec(NODE_VERSION)?.[1]);
const term = terminal('codecache');

let home: string;
beforeAll(() => requireTmux());
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'll-codecache-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));
afterAll(() => term.close());

const run = (args: string[], cacheHome = home) =>
  runCli(args, { env: { XDG_CACHE_HOME: cacheHome }, timeoutMs: 60_000 });

/** explore the example in tmux: the layer table shows, q quits; the exit code and stderr */
async function explore(bin = join(REPO, 'bin/layerlint')): Promise<{ code: string; stderr: string }> {
  const exitFile = join(home, 'explore.exit');
  const errFile = join(home, 'explore.err');
  rmSync(exitFile, { force: true });
  const q = JSON.stringify;
  term.start(
    `XDG_CACHE_HOME=${q(home)} NO_COLOR=1 ${q(NODE)} ${q(bin)} explore ${q(IMAGE)} 2>${q(errFile)}; echo $? > ${q(exitFile)}`,
  );
  await term.waitForScreen((s) => s.includes('Layers (7)') && s.includes('Files · layer 0 changes'), 'the explorer');
  term.keys('q');
  await term.waitForExit();
  // what stderr holds besides the cursor Ink shows again on its way out (a warning, an error)
  const stderr = readFileSync(errFile, 'utf8').replaceAll('\x1b[?25h', '').trim();
  return { code: readFileSync(exitFile, 'utf8').trim(), stderr };
}

/** a JSON report without the notice that says the walks came from the layer cache (warm runs) */
function report(stdout: string): unknown {
  const json = JSON.parse(stdout) as { images: { notices: string[] }[] };
  for (const image of json.images) image.notices = image.notices.filter((n) => !/from the layer cache/.test(n));
  return json;
}

/** the files of Node's compile cache in the cache home */
const compileCacheFiles = () => {
  const dir = join(home, 'layerlint', 'compile-cache');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile());
};

test(`analyze, fix, rules and explore, three times each with one cache home (Node ${NODE_MAJOR})`, async () => {
  const first = {
    analyze: await run(['analyze', IMAGE, '--format', 'json']),
    fix: await run(['fix', DOCKERFILE, '--image', IMAGE]),
    rules: await run(['rules', '--format', 'json']),
  };
  expect([first.analyze.code, first.fix.code, first.rules.code]).toEqual([1, 1, 0]);
  expect(JSON.parse(first.analyze.stdout).images[0].findings.length).toBeGreaterThan(5);
  expect(first.fix.stdout).toContain('+USER 65532');
  for (let i = 0; i < 3; i++) {
    const analyze = await run(['analyze', IMAGE, '--format', 'json']);
    expect([analyze.code, report(analyze.stdout), analyze.stderr]).toEqual([1, report(first.analyze.stdout), '']);
    const fix = await run(['fix', DOCKERFILE, '--image', IMAGE]);
    expect([fix.code, fix.stdout, fix.stderr]).toEqual([1, first.fix.stdout, first.fix.stderr]);
    const rules = await run(['rules', '--format', 'json']);
    expect([rules.code, rules.stdout, rules.stderr]).toEqual([0, first.rules.stdout, '']);
    // the explorer's components load by import(), the part a hand-made code cache once broke
    expect(await explore()).toEqual({ code: '0', stderr: '' });
  }
  // Node 22+ keeps its compile cache there; Node 20 has none and writes nothing
  if (NODE_MAJOR >= 22) expect(compileCacheFiles().length).toBeGreaterThan(0);
  else expect(compileCacheFiles()).toEqual([]);
}, 240_000);

test('a cache written by another build of layerlint at the same place changes nothing but speed', async () => {
  // an installed copy of this build: bin/, dist/bundle/, package.json, its node_modules
  const install = mkdtempSync(join(tmpdir(), 'll-otherbuild-'));
  try {
    cpSync(join(REPO, 'bin'), join(install, 'bin'), { recursive: true });
    cpSync(join(REPO, 'dist/bundle'), join(install, 'dist/bundle'), { recursive: true });
    cpSync(join(REPO, 'package.json'), join(install, 'package.json'));
    symlinkSync(join(REPO, 'node_modules'), join(install, 'node_modules'));
    const bin = join(install, 'bin/layerlint');
    const cli = join(install, 'dist/bundle/cli.cjs');

    const before = await runInstalled(bin, ['analyze', IMAGE, '--format', 'json']);
    expect(before.code).toBe(1);
    expect(await explore(bin)).toEqual({ code: '0', stderr: '' });
    expect((await runInstalled(bin, ['--help'])).stdout).toContain('Exit codes: 0 passed');

    // the next build, in place (an upgrade): its code differs, its length does not, so only a
    // cache checked by content would notice
    const source = readFileSync(cli, 'utf8');
    expect(source).toContain('Exit codes: 0 passed');
    writeFileSync(cli, source.replace('Exit codes: 0 passed', 'Exit codes: 0 PASSED'));
    for (let i = 0; i < 2; i++) {
      const help = await runInstalled(bin, ['--help']);
      expect(help.stdout).toContain('Exit codes: 0 PASSED');
      const after = await runInstalled(bin, ['analyze', IMAGE, '--format', 'json']);
      expect([after.code, report(after.stdout), after.stderr]).toEqual([1, report(before.stdout), '']);
      expect(await explore(bin)).toEqual({ code: '0', stderr: '' });
    }
  } finally {
    rmSync(install, { recursive: true, force: true });
  }
}, 180_000);

test('--version says the version and the Node it runs on', async () => {
  const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const result = await run(['--version']);
  expect([result.code, result.stdout, result.stderr]).toEqual([
    0,
    `layerlint ${version} (Node ${NODE_VERSION}, ${process.platform}-${process.arch})\n`,
    '',
  ]);
});

test('a damaged compile cache is replaced, and the run is the same', async () => {
  const first = await run(['analyze', IMAGE, '--format', 'json']);
  const files = compileCacheFiles();
  if (NODE_MAJOR >= 22) expect(files.length).toBeGreaterThan(0);
  for (const file of files) writeFileSync(file, 'not a code cache');
  const again = await run(['analyze', IMAGE, '--format', 'json']);
  expect([again.code, report(again.stdout), again.stderr]).toEqual([1, report(first.stdout), '']);
  for (const file of files) expect(readFileSync(file, 'latin1')).not.toBe('not a code cache');
});

test('a cache home that cannot be written is only a slower start', async () => {
  const blocked = join(home, 'a-file');
  writeFileSync(blocked, ''); // XDG_CACHE_HOME is a file: nothing can be made under it
  const result = await run(['analyze', IMAGE, '--format', 'json', '--no-cache'], blocked);
  expect([result.code, result.stderr]).toEqual([1, '']);
  expect(JSON.parse(result.stdout).schemaVersion).toBeDefined();
});

test('a copy that was never built says so in one line (a git install: npm runs no build for it)', async () => {
  const copy = mkdtempSync(join(tmpdir(), 'll-unbuilt-'));
  try {
    cpSync(join(REPO, 'bin'), join(copy, 'bin'), { recursive: true });
    const result = await runInstalled(join(copy, 'bin/layerlint'), ['analyze', IMAGE]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^layerlint: .*cli\.cjs is missing: this copy was never built \(.*\)\n$/);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

/** run a bin/layerlint other than the repository's, with this test's cache home */
function runInstalled(bin: string, args: string[]) {
  const r = spawnSync(NODE, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: home },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
