// The npm package as a user gets it: `npm pack` on a fresh copy of the sources (prepack builds),
// `npm install -g` of the tarball into an empty prefix, `npx` of the tarball, each run from
// another directory with only Node and npm on PATH. (On Node 22/24 too: scripts/test-all.sh.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { NODE, REPO, runCli } from '../helpers/cli.js';
import { packCleanCopy } from '../helpers/pack.js';
import { requireTmux, terminal } from '../helpers/tmux.js';

const IMAGE = join(REPO, 'fixtures/example/example-image.tar');
const DOCKERFILE = join(REPO, 'fixtures/example/Dockerfile');
const term = terminal('pack');
let work: string;
let tarball: string;
let env: NodeJS.ProcessEnv;

function sh(cmd: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  requireTmux();
  work = mkdtempSync(join(tmpdir(), 'll-pack-'));
  // the Node under test first, then the system's tools; no repository node_modules/.bin
  env = {
    ...process.env,
    PATH: `${dirname(NODE)}:/usr/local/bin:/usr/bin:/bin`,
    NO_COLOR: '1',
    XDG_CACHE_HOME: join(work, 'cache-home'),
  };
  tarball = packCleanCopy(work, env);
}, 300_000);

afterAll(() => {
  term.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the tarball holds only what runs: one bundle, its worker and explorer modules, docs, schemas', () => {
  const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  expect(tarball.endsWith(`/layerlint-${version}.tgz`)).toBe(true);
  const list = sh('tar', ['-tzf', tarball], work);
  const entries = list.stdout.trim().split('\n').sort();
  const allowed = [
    /^package\/(package\.json|README\.md|CHANGELOG\.md|rules\.schema\.json)$/,
    /^package\/bin\/(layerlint|package\.json)$/,
    /^package\/dist\/bundle\/(cli\.cjs|tui\.js|worker\.js|blob-fetch\.js|chunk-[A-Z0-9]+\.js)$/,
    /^package\/dist\/bundle\/sqljs\/(sql-wasm\.cjs|sql-wasm\.wasm|LICENSE)$/,
    /^package\/docs\/[\w/.-]+\.md$/,
    /^package\/docs\/examples\/[\w.-]+\.mjs$/,
    /^package\/schemas\/[\w.-]+\.json$/,
  ];
  expect(entries.filter((e) => !allowed.some((re) => re.test(e)))).toEqual([]);
  for (const needed of [
    'package/bin/layerlint',
    'package/dist/bundle/cli.cjs',
    'package/dist/bundle/tui.js',
    'package/dist/bundle/worker.js',
    'package/dist/bundle/blob-fetch.js',
    'package/docs/rules/README.md',
    'package/schemas/result.schema.json',
    'package/CHANGELOG.md',
  ])
    expect(entries).toContain(needed);
});

test('npm install -g of the tarball: analyze, fix, --version and explore work from another directory', async () => {
  const prefix = join(work, 'prefix');
  const install = sh('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], work);
  expect([install.code, install.stderr]).toEqual([0, expect.not.stringMatching(/ERR/)]);
  const bin = join(prefix, 'bin/layerlint');
  const elsewhere = mkdtempSync(join(work, 'elsewhere-'));

  const analyze = sh(bin, ['analyze', IMAGE, '--format', 'json'], elsewhere);
  const fromRepo = await runCli(['analyze', IMAGE, '--format', 'json']);
  expect([analyze.code, analyze.stdout, analyze.stderr]).toEqual([1, fromRepo.stdout, '']);

  const fix = sh(bin, ['fix', DOCKERFILE, '--image', IMAGE], elsewhere);
  expect([fix.code, fix.stdout]).toEqual([
    1,
    (await runCli(['fix', DOCKERFILE, '--image', IMAGE], { cwd: elsewhere })).stdout,
  ]);

  const version = sh(bin, ['--version'], elsewhere);
  expect(version.stdout).toMatch(/^layerlint \d+\.\d+\.\d+ \(Node v\d+/);

  // the explorer loads ink and react from the installed package's own node_modules
  const exitFile = join(work, 'explore.exit');
  const q = JSON.stringify;
  term.start(`cd ${q(elsewhere)} && PATH=${q(env.PATH)} ${q(bin)} explore ${q(IMAGE)}; echo $? > ${q(exitFile)}`);
  await term.waitForScreen((s) => s.includes('Layers (7)') && s.includes('Files · layer 0 changes'), 'the explorer');
  term.keys('q');
  await term.waitForExit();
  expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
}, 300_000);

test('npx ./layerlint-*.tgz runs analyze', async () => {
  // npx takes a path as a package only in the form ./x.tgz (an absolute one is a command to run)
  // an empty layer cache, as the repository's run below has: the same report, no cache notice
  const npx = sh('npx', ['--yes', `./${basename(tarball)}`, 'analyze', IMAGE, '--format', 'json'], dirname(tarball), {
    XDG_CACHE_HOME: mkdtempSync(join(work, 'npx-cache-')),
  });
  const fromRepo = await runCli(['analyze', IMAGE, '--format', 'json']);
  expect([npx.code, npx.stdout]).toEqual([1, fromRepo.stdout]);
}, 300_000);
