// A real terminal for the explorer tests: one private tmux server per test file, one session at a
// time, its screen read with capture-pane.
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

export interface Terminal {
  /** start `command` (a shell line) in a fresh session, 120x40 unless told */
  start: (command: string, size?: { width: number; height: number }) => void;
  keys: (...keys: string[]) => void;
  /** poll the screen until `test` passes; fail with the last screen */
  waitForScreen: (test: (screen: string) => boolean, what: string, ms?: number) => Promise<string>;
  /** wait until the session's command has ended (the session closes with it) */
  waitForExit: (ms?: number) => Promise<void>;
  alive: () => boolean;
  /** stop this tmux server (its sessions and their processes) */
  close: () => void;
}

/** Throws a clear error when tmux cannot run here. */
export function requireTmux(): void {
  const probe = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error('tmux is required for the explore end-to-end tests and was not found on PATH');
  if (!statSync('/dev/null').isCharacterDevice())
    throw new Error('/dev/null is not a device (something replaced it): tmux cannot start a server');
}

export function terminal(name: string): Terminal {
  const socket = `layerlint-${name}-${process.pid}`;
  const session = 'explore';
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const alive = () => spawnSync('tmux', ['-L', socket, 'has-session', '-t', session]).status === 0;
  const tick = () => new Promise((r) => setTimeout(r, 100));
  return {
    start: (command, size = { width: 120, height: 40 }) => {
      tmux('new-session', '-d', '-s', session, '-x', String(size.width), '-y', String(size.height), command);
    },
    keys: (...keys) => {
      for (const key of keys) tmux('send-keys', '-t', session, key);
    },
    waitForScreen: async (test, what, ms = 20_000) => {
      let screen = '';
      for (const end = Date.now() + ms; Date.now() < end; await tick()) {
        screen = alive() ? tmux('capture-pane', '-p', '-t', session) : screen;
        if (test(screen)) return screen;
      }
      throw new Error(`timed out waiting for ${what}; screen was:\n${screen}`);
    },
    waitForExit: async (ms = 10_000) => {
      for (const end = Date.now() + ms; alive() && Date.now() < end; ) await tick();
      if (alive()) throw new Error(`the command in tmux session ${socket} did not end within ${ms} ms`);
    },
    alive,
    close: () => {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
    },
  };
}
