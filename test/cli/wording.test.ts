// Outputs that cannot be mistaken: one wording for "layerlint fix can do this" and one for "done",
// no internal names in the header, the image name for an archive on stdin, no "Dockerfile Dockerfile".
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, runCli } from '../helpers/cli.js';

const EXAMPLE = `${REPO}fixtures/example`;
const dir = mkdtempSync(join(tmpdir(), 'layerlint-words-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fix wording (item 7)', () => {
  test('analyze says what layerlint fix can do, never as if it were done', async () => {
    const r = await runCli(['analyze', 'example-image.tar', '--dockerfile', 'Dockerfile'], { cwd: EXAMPLE });
    expect(r.stdout).toContain('layerlint fix can do this: Runs as root: add USER 65532;');
    expect(r.stdout).not.toMatch(/fix \(automatic\)|automatic, run layerlint fix|Added USER/);
    expect(r.stdout.match(/layerlint fix can do this/g)?.length).toBeGreaterThanOrEqual(4);
  });

  test('fix: the dry run ends with what it can do, --write with what it did, and a clean file says so', async () => {
    const df = join(dir, 'Dockerfile');
    copyFileSync(join(EXAMPLE, 'Dockerfile'), df);
    const dry = await runCli(['fix', 'Dockerfile'], { cwd: dir });
    expect(dry.code).toBe(1);
    expect(dry.stderr.trimEnd().split('\n').pop()).toBe(
      'layerlint fix can do this for 5 findings: apt-no-install-recommends (line 5), exposed-sensitive-port (line 10), shell-form-entrypoint (line 11), apt-lists-not-removed (line 5), missing-user (line 3); the diff above is the change (apply it with --write)',
    );
    const write = await runCli(['fix', 'Dockerfile', '--write'], { cwd: dir });
    expect(write.stderr.trimEnd().split('\n').pop()).toMatch(
      /^layerlint fix: fixed 5 findings in Dockerfile: apt-no-install-recommends/,
    );
    const again = await runCli(['fix', 'Dockerfile'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr.trimEnd().split('\n').pop()).toBe('layerlint fix: nothing to fix automatically in Dockerfile');
    expect(readFileSync(df, 'utf8')).toContain('USER 65532');
  });
});

describe('the report header (item 8)', () => {
  test('user words for the archive format, and "built from Dockerfile", never "Dockerfile Dockerfile"', async () => {
    const r = await runCli(['analyze', 'example-image.tar', '--dockerfile', 'Dockerfile'], { cwd: EXAMPLE });
    const head = r.stdout.split('\n\n')[0];
    expect(head).toContain('184 kB · 7 layers · linux/amd64 · docker save archive');
    expect(head).toMatch(/^ {2}built from Dockerfile$/m);
    expect(r.stdout).not.toMatch(/docker-save-legacy|Dockerfile Dockerfile/);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY a /a\n');
    const alone = await runCli(['analyze', '--dockerfile', 'Dockerfile'], { cwd: dir });
    expect(alone.stdout.split('\n')[0]).toBe('Dockerfile');
  });

  test('an archive on standard input is named by the image it holds', async () => {
    const r = await runCli(['analyze', '-'], { input: readFileSync(join(EXAMPLE, 'example-image.tar')) });
    expect(r.stdout.split('\n')[0]).toBe('Image example/app:latest (standard input)');
    const md = await runCli(['analyze', '-', '-f', 'markdown'], {
      input: readFileSync(join(EXAMPLE, 'example-image.tar')),
    });
    expect(md.stdout).toContain('### ❌ `example/app:latest (standard input)`');
  });
});
