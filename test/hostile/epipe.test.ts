// Item 9: `layerlint … | head` closes standard output early (JSON: the report that lists every
// path runs to megabytes; the others cap their lists and fit in the pipe): layerlint ends quietly, with the
// verdict's exit code, no stack trace.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';
import { runBounded } from './bounded.js';
import { bigReportImage } from './generators/big-report.js';

let dir: string;
let image: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'll-epipe-'));
  image = await bigReportImage(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run with a reader that takes the first bytes, then closes the pipe (what `| head -c 100` does). */
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string; got: number }> {
  return new Promise((resolve) => {
    const child = spawn(BIN, args, { env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: join(dir, 'cache') } });
    let stderr = '';
    let got = 0;
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.once('data', (d: Buffer) => {
      got = d.length;
      child.stdout.destroy();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, got });
    });
  });
}

test.each(['json'])('-f %s into a pipe closed after the first bytes: a quiet exit', async (format) => {
  const whole = await runBounded(['analyze', image, '-f', format]);
  expect(whole.stdout.length).toBeGreaterThan(1 << 20); // far more than a pipe holds
  const r = await runIntoClosedPipe(['analyze', image, '-f', format]);
  expect(r.got).toBeGreaterThan(0);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(whole.code); // the verdict stands, whoever stopped reading
});
