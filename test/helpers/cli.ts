import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = `${REPO}bin/layerlint`;
export const SHARED = `${REPO}../shared`;
/**
 * The Node that runs the CLI: LAYERLINT_TEST_NODE (scripts/test-all.sh sets it to Node 22 and 24
 * for the CLI lane of its Node matrix), else the one running the tests.
 */
export const NODE = process.env.LAYERLINT_TEST_NODE || process.execPath;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Run the built CLI (`npm run build` first) with a hard time limit. */
export function runCli(
  args: string[],
  opts: { input?: Buffer | string; timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CliResult> {
  if (!existsSync(`${REPO}dist/bundle/cli.cjs`))
    throw new Error('dist/bundle/cli.cjs missing: run `npm run build` before the CLI tests');
  return new Promise((resolve) => {
    // each run gets an empty layer cache: never the user's, and never a walk from an earlier test
    const cacheHome = mkdtempSync(join(tmpdir(), 'll-clicache-'));
    const child = spawn(NODE, [BIN, ...args], {
      cwd: opts.cwd ?? REPO,
      env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(cacheHome, { recursive: true, force: true });
      resolve({ code, stdout, stderr, timedOut });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input);
  });
}
