import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, runCli } from '../helpers/cli.js';

const example = `${REPO}fixtures/example/example-image.tar`;
const dir = mkdtempSync(join(tmpdir(), 'layerlint-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('--output FORMAT=FILE writes each report whole', async () => {
  const r = await runCli([
    'analyze',
    example,
    '--format',
    'tty',
    '-o',
    `json=${dir}/report.json`,
    '-o',
    `markdown=${dir}/summary.md`,
  ]);
  expect(r.code).toBe(1);
  expect(JSON.parse(readFileSync(`${dir}/report.json`, 'utf8')).images[0].ref).toBe(example);
  expect(readFileSync(`${dir}/summary.md`, 'utf8')).toMatch(/^#/m);
  expect(r.stdout).toMatch(/✗ FAIL/);
});

test('a FIFO stays a FIFO (as /dev/null must stay a device)', async () => {
  const fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  let received = '';
  const reader = new Promise<void>((resolve) => {
    createReadStream(fifo)
      .on('data', (d) => {
        received += d;
      })
      .on('end', resolve);
  });
  const r = await runCli(['analyze', example, '--format', 'json', '-o', fifo]);
  await reader;
  expect(r.code).toBe(1);
  expect(statSync(fifo).isFIFO()).toBe(true);
  expect(JSON.parse(received).images).toHaveLength(1);
});

test('a symlinked output keeps the link and writes its target', async () => {
  const target = join(dir, 'real.json');
  writeFileSync(target, 'old');
  const link = join(dir, 'link.json');
  symlinkSync(target, link);
  const r = await runCli(['analyze', example, '--format', 'json', '-o', link]);
  expect(r.code).toBe(1);
  expect(lstatSync(link).isSymbolicLink()).toBe(true);
  expect(readlinkSync(link)).toBe(target);
  expect(JSON.parse(readFileSync(target, 'utf8')).images).toHaveLength(1);
});
