// Runs the built CLI on hostile input under a time and memory bound, as the hostile suite needs:
// a case passes only if layerlint ends by itself within `timeoutMs`, its peak resident memory
// (VmHWM, polled from /proc) stays under `maxRssMiB`, and it printed no stack trace.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN } from '../helpers/cli.js';

export interface BoundedResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** the limit that ended the run, when one did */
  killedFor?: 'time' | 'memory';
  peakRssMiB: number;
  ms: number;
}

export interface BoundedOptions {
  timeoutMs?: number;
  maxRssMiB?: number;
  input?: Buffer | string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** a cache home to keep between runs (default: a fresh one, removed afterwards) */
  cacheHome?: string;
  /** run as this unprivileged user and group (the tests run as root), e.g. nobody/nogroup */
  runAs?: { user: string; group: string };
}

function peakRssMiB(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined; // already gone
  }
}

export function runBounded(args: string[], opts: BoundedOptions = {}): Promise<BoundedResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxRssMiB = opts.maxRssMiB ?? 1024;
  const cacheHome = opts.cacheHome ?? mkdtempSync(join(tmpdir(), 'll-hostile-cache-'));
  const started = Date.now();
  return new Promise((resolve) => {
    const [cmd, argv] = opts.runAs
      ? ['setpriv', [`--reuid=${opts.runAs.user}`, `--regid=${opts.runAs.group}`, '--clear-groups', BIN, ...args]]
      : [BIN, args];
    const child = spawn(cmd, argv, {
      cwd: opts.cwd,
      env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    let killedFor: BoundedResult['killedFor'];
    child.stdout.on('data', (d) => {
      if (stdout.length < 4 << 20) stdout += d;
    });
    child.stderr.on('data', (d) => {
      if (stderr.length < 4 << 20) stderr += d;
    });
    const kill = (why: 'time' | 'memory') => {
      killedFor ??= why;
      child.kill('SIGKILL');
    };
    const poll = setInterval(() => {
      const rss = child.pid === undefined ? undefined : peakRssMiB(child.pid);
      if (rss !== undefined) peak = Math.max(peak, rss);
      if (peak > maxRssMiB) kill('memory');
    }, 25);
    const timer = setTimeout(() => kill('time'), timeoutMs);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      if (!opts.cacheHome) rmSync(cacheHome, { recursive: true, force: true });
      resolve({ code, signal, stdout, stderr, killedFor, peakRssMiB: Math.round(peak), ms: Date.now() - started });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input);
  });
}

/** The outcome every hostile case must have when it is refused: exit 2, one line, no trace. */
// C0 but tab and newline, DEL, C1, and the bidi overrides/isolates: the characters this checks for
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const TERMINAL_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function expectOneLineRefusal(r: BoundedResult, pattern?: RegExp): void {
  expect(r.killedFor).toBeUndefined();
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error|this is a bug/);
  // no raw control character reaches the terminal (tab is allowed)
  expect(r.stderr.trimEnd()).not.toMatch(TERMINAL_CONTROL);
  if (pattern) expect(r.stderr).toMatch(pattern);
}
