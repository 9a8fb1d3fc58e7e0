// Runs the built CLI (bin/layerlint -> dist/bundle/) as a user would. ensureBuilt() runs the
// build (tsc, then the bundle) once when dist/bundle/ is older than src/ (a lock directory keeps parallel jest workers from
// building at the same time).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NODE } from '../helpers/cli.js';

export const REPO = resolve(new URL('../..', import.meta.url).pathname);
const BIN = join(REPO, 'bin/layerlint');
const CACHE = mkdtempSync(join(tmpdir(), 'layerlint-cli-cache-'));

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    t = Math.max(t, name.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function stale(): boolean {
  const cli = join(REPO, 'dist/bundle/cli.cjs');
  return !existsSync(cli) || statSync(cli).mtimeMs < newest(join(REPO, 'src'));
}

export async function ensureBuilt(): Promise<void> {
  if (!stale()) return;
  const lock = join(REPO, '.cache/build.lock');
  mkdirSync(join(REPO, '.cache'), { recursive: true });
  for (let waited = 0; ; waited += 500) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000) throw new Error(`${lock} held for 3 minutes: remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 500));
      if (!stale()) return;
    }
  }
  try {
    if (!stale()) return;
    const tsc = spawnSync(
      process.execPath,
      [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      { cwd: REPO, encoding: 'utf8' },
    );
    // tsc emits even with type errors (someone's work in progress): only a build that wrote nothing fails
    const bundle = spawnSync(process.execPath, [join(REPO, 'scripts/bundle.mjs')], { cwd: REPO, encoding: 'utf8' });
    if (stale())
      throw new Error(
        `npm run build failed (tsc exit ${tsc.status}, bundle exit ${bundle.status}):\n${tsc.stdout}${tsc.stderr}${bundle.stderr}`,
      );
  } finally {
    rmdirSync(lock);
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function layerlint(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(NODE, [BIN, ...args], {
    cwd: opts.cwd ?? REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: CACHE, ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON report of one image: findings and thresholds. */
export function jsonReport(r: CliResult): {
  findings: Finding[];
  thresholds: { name: string; passed: boolean }[];
  passed: boolean;
} {
  return JSON.parse(r.stdout).images[0];
}

export interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  layer?: number;
  bytes?: number;
  paths?: string[];
  data?: Record<string, unknown>;
  location?: { file: string; line: number };
  related?: string[];
}
