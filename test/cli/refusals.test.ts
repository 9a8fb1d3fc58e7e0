// Inputs that are refused (or inferred) instead of guessed: -o formats and directories, threshold
// ranges, several images where one cannot be read, runs without arguments, grouped --help.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIGURE_MEANINGS } from '../../src/report/figures.js';
import { RESULT_SCHEMA_VERSION } from '../../src/report/result.js';
import { REPO, runCli } from '../helpers/cli.js';

const example = `${REPO}fixtures/example/example-image.tar`;
const dockerfile = `${REPO}fixtures/example/Dockerfile`;
const dir = mkdtempSync(join(tmpdir(), 'layerlint-refuse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('-o: the format from the file name, unknown formats and missing directories refused (item 9)', () => {
  test.each([
    ['out.json', (t: string) => expect(JSON.parse(t).images[0].ref).toBe(example)],
    ['out.sarif', (t: string) => expect(JSON.parse(t).version).toBe('2.1.0')],
    ['out.md', (t: string) => expect(t).toMatch(/^## layerlint: ❌ failed/)],
  ])('-o %s writes that format, and nothing else goes to stdout', async (name, check) => {
    const r = await runCli(['analyze', example, '-o', join(dir, name)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    check(readFileSync(join(dir, name), 'utf8'));
  });

  test('a misspelt FORMAT= is refused, no file is written', async () => {
    const r = await runCli(['analyze', example, '-o', `sarfi=${dir}/x.sarif`], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^layerlint: --output sarfi=.*: unknown format "sarfi" \(choose from tty, json, sarif/);
    expect(existsSync(join(dir, `sarfi=${dir}/x.sarif`))).toBe(false);
    expect(r.stdout).toBe('');
  });

  test('a name that says no format needs --format', async () => {
    const r = await runCli(['analyze', example, '-o', join(dir, 'out.data')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot tell the format from the name: add --format, or write FORMAT=/);
    const withFormat = await runCli(['analyze', example, '--format', 'json', '-o', join(dir, 'out.data')]);
    expect(withFormat.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'out.data'), 'utf8')).schemaVersion).toBe(RESULT_SCHEMA_VERSION);
  });

  test('a missing directory is not created: refused before the analysis', async () => {
    const r = await runCli(['analyze', example, '-o', `json=${dir}/no/such/report.json`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `layerlint: cannot write ${dir}/no/such/report.json: directory ${dir}/no/such does not exist (layerlint does not create it)\n`,
    );
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});

describe('threshold ranges (item 10)', () => {
  test('--lowest-efficiency 90 is refused; 90% and 0.9 mean the same', async () => {
    const bad = await runCli(['analyze', example, '--lowest-efficiency', '90']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'layerlint: --lowest-efficiency 90: out of range: give a ratio from 0 to 1 (0.9) or a percentage (90%)\n',
    );
    const pct = await runCli(['analyze', example, '--lowest-efficiency', '50%', '-f', 'json']);
    const ratio = await runCli(['analyze', example, '--lowest-efficiency', '0.5', '-f', 'json']);
    const limit = (t: string) =>
      JSON.parse(t).images[0].thresholds.find((x: { name: string }) => x.name === 'lowestEfficiency').limit;
    expect(limit(pct.stdout)).toBe(0.5);
    expect(limit(ratio.stdout)).toBe(0.5);
    for (const v of ['150%', '-0.1', 'lots', '1.5'])
      expect((await runCli(['analyze', example, '--highest-user-wasted-percent', v])).code).toBe(2);
  });
});

test('several images, one unreadable: the others are reported, then exit 2 naming it (item 12)', async () => {
  const r = await runCli(['analyze', example, join(dir, 'missing.tar'), example, '--fail-on', 'none']);
  expect(r.code).toBe(2);
  expect(r.stdout.match(/^Image /gm)).toHaveLength(2);
  expect(r.stdout).toMatch(/not read: .*missing\.tar \(1 image\)/);
  expect(r.stderr).toBe(
    `layerlint: ${dir}/missing.tar: no such file or directory\nlayerlint: 1 of 3 images could not be read (${dir}/missing.tar): the report covers the others\n`,
  );
  const json = await runCli(['analyze', example, join(dir, 'missing.tar'), '-f', 'json']);
  expect(json.code).toBe(2);
  const result = JSON.parse(json.stdout);
  expect(result.images).toHaveLength(1);
  expect(result.unreadable).toEqual([
    { ref: `${dir}/missing.tar`, error: `${dir}/missing.tar: no such file or directory` },
  ]);
  expect(result.exitCode).toBe(2);
});

describe('runs without arguments say what to do (item 11)', () => {
  test('layerlint', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^layerlint: nothing to analyse: give an image \(layerlint image\.tar, .*see layerlint --help\n$/,
    );
  });

  test('layerlint fix', async () => {
    const r = await runCli(['fix']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'layerlint: fix needs the Dockerfile: layerlint fix Dockerfile [--image IMAGE] [--write] (see layerlint fix --help)\n',
    );
  });

  test('fix without --image names the fixes that need the image', async () => {
    const r = await runCli(['fix', dockerfile]);
    expect(r.stderr).toMatch(
      /^ {2}- without --image, the fixes that need the built image are not tried: .*deleted-but-shipped/m,
    );
    const withImage = await runCli(['fix', dockerfile, '--image', example]);
    expect(withImage.stderr).not.toMatch(/without --image/);
  });
});

test('--help: options in sections, and the figures defined (items 13 and 1)', async () => {
  const r = await runCli(['--help']);
  expect(r.code).toBe(0);
  const sections = r.stdout.split('\n').filter((l) => /^[A-Z][A-Za-z ,]*:$/.test(l));
  expect(sections).toEqual([
    'Commands:',
    'Positionals:',
    'Image source and Dockerfile:',
    'Output:',
    'CI gate:',
    'Registry and daemon:',
    'Limits and cache:',
    'Options:',
    'Examples:',
  ]);
  const section = (name: string) => r.stdout.split(`\n${name}\n`)[1].split('\n\n')[0];
  expect(section('CI gate:')).toMatch(/--lowest-efficiency[\s\S]*--highest-user-wasted-percent/);
  expect(section('Registry and daemon:')).toMatch(/--host[\s\S]*--cert-dir/);
  expect(section('Options:')).not.toMatch(/--host|--format|--jobs/);
  const flat = r.stdout.replace(/\s+/g, ' ');
  for (const [name, meaning] of Object.entries(FIGURE_MEANINGS)) expect(flat).toContain(`${name}: ${meaning}`);
});
