// bin/layerlint starts the bundle through a V8 code cache under $XDG_CACHE_HOME/layerlint/v8:
// written by the first run of a kind, used (not rewritten) by the next, replaced when V8 rejects
// it, never written by --help, and never a reason for a run to fail.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, runCli } from '../helpers/cli.js';

const IMAGE = join(REPO, 'fixtures/example/example-image.tar');
const args = ['analyze', IMAGE, '--format', 'json', '--no-cache'];
let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'll-codecache-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const v8Dir = () => join(home, 'layerlint', 'v8');
const run = (a: string[], cacheHome = home) => runCli(a, { env: { XDG_CACHE_HOME: cacheHome }, timeoutMs: 60_000 });

test('the first run writes the cache of its kind, the next uses it as it is', async () => {
  const first = await run(args);
  expect(first.code).toBe(1); // the example's findings fail the gate
  const files = readdirSync(v8Dir());
  expect(files).toEqual([expect.stringMatching(/^analyze-local-v\d+\.\d+\.\d+-\w+-\d+-\d+\.bin$/)]);
  const file = join(v8Dir(), files[0]);
  const written = statSync(file).mtimeMs;
  expect(statSync(file).mode & 0o777).toBe(0o600);

  const second = await run(args);
  expect(second.code).toBe(1);
  expect(second.stdout).toBe(first.stdout);
  expect(statSync(file).mtimeMs).toBe(written);

  // another kind of run (the rule catalog) keeps its own
  expect((await run(['rules', '--format', 'json'])).code).toBe(0);
  const now = readdirSync(v8Dir());
  expect(now).toHaveLength(2);
  expect(now).toEqual(expect.arrayContaining([files[0], expect.stringMatching(/^rules-local-/)]));
});

test('a cache V8 rejects (damaged, another Node) is replaced, and the run is the same', async () => {
  const first = await run(args);
  const [name] = readdirSync(v8Dir());
  const file = join(v8Dir(), name);
  writeFileSync(file, 'not a code cache');
  const again = await run(args);
  expect(again.code).toBe(1);
  expect(again.stdout).toBe(first.stdout);
  expect(readFileSync(file).toString()).not.toBe('not a code cache');
});

test('--help writes no cache', async () => {
  const help = await run(['analyze', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/layerlint analyze/);
  expect(() => readdirSync(v8Dir())).toThrow(/ENOENT/);
});

test('a cache home that cannot be written is only a slower start', async () => {
  const blocked = join(home, 'a-file');
  writeFileSync(blocked, ''); // XDG_CACHE_HOME is a file: nothing can be made under it
  const result = await run(args, blocked);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout).schemaVersion).toBeDefined();
});
