import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/** PIDs of daemons this process started and has not stopped yet; killed if the worker exits early. */
const live = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of live) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

export interface Daemon {
  child: ChildProcess;
  pid: number;
  logFile: string;
  /** true once the process has exited */
  exited: () => boolean;
  exitInfo: () => string;
}

/** Start a long-running process with stdout+stderr going to logFile (never to the test's output). */
export function spawnDaemon(cmd: string, args: string[], logFile: string, env?: NodeJS.ProcessEnv): Daemon {
  installExitHook();
  const fd = openSync(logFile, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], env: env ?? process.env });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  const pid = child.pid;
  live.add(pid);
  let exitText: string | undefined;
  child.on('exit', (code, signal) => {
    live.delete(pid);
    exitText = signal !== null ? `killed by ${signal}` : `exited with code ${code}`;
  });
  child.on('error', (err) => {
    live.delete(pid);
    exitText = `failed to start: ${err.message}`;
  });
  return { child, pid, logFile, exited: () => exitText !== undefined, exitInfo: () => exitText ?? 'running' };
}

export function tailLog(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Poll `ready` until it returns true. Fails fast (with the log tail) when the daemon dies,
 * and with a clear message after `timeoutMs`.
 */
export async function waitUntilReady(
  what: string,
  daemon: Daemon,
  ready: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delay = 20;
  while (Date.now() < deadline) {
    if (daemon.exited()) {
      throw new Error(
        `${what} ${daemon.exitInfo()} before it was ready; log ${daemon.logFile}:\n${tailLog(daemon.logFile)}`,
      );
    }
    try {
      if (await ready()) return;
    } catch {
      // not yet
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 250);
  }
  await stopDaemon(daemon, 2_000);
  throw new Error(`${what} not ready after ${timeoutMs} ms; log ${daemon.logFile}:\n${tailLog(daemon.logFile)}`);
}

/** SIGTERM our own PID, wait up to graceMs, then SIGKILL. Never signals anything else. */
export async function stopDaemon(daemon: Daemon, graceMs = 10_000): Promise<void> {
  if (daemon.exited()) return;
  const gone = new Promise<void>((resolve) => daemon.child.once('exit', () => resolve()));
  try {
    process.kill(daemon.pid, 'SIGTERM');
  } catch {
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), graceMs);
  });
  const outcome = await Promise.race([gone.then(() => 'gone' as const), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    try {
      process.kill(daemon.pid, 'SIGKILL');
    } catch {
      // raced with exit
    }
    await gone;
  }
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run a command to completion; throw with its stderr when it fails (unless allowFailure). */
export function run(
  cmd: string,
  args: string[],
  opts: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    input?: string;
    allowFailure?: boolean;
    timeoutMs?: number;
  } = {},
): RunResult {
  const r = spawnSync(cmd, args, {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: opts.timeoutMs ?? 15 * 60_000,
  });
  if (r.error !== undefined) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  const res = { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  if (res.status !== 0 && opts.allowFailure !== true) {
    throw new Error(
      `${cmd} ${args.join(' ')} failed (${res.status}):\n${(res.stderr || res.stdout).trim().slice(-4000)}`,
    );
  }
  return res;
}

/** Async variant of run (does not block the jest worker's event loop; use for long builds). */
export function runAsync(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message}`)));
    child.on('close', (code) => {
      const res = {
        status: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (res.status !== 0) {
        reject(
          new Error(
            `${cmd} ${args.join(' ')} failed (${res.status}):\n${(res.stderr + res.stdout).trim().slice(-4000)}`,
          ),
        );
      } else resolve(res);
    });
  });
}
