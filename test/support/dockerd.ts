import { join } from 'node:path';
import { dockerClient, requireBinary } from './bins.js';
import { unixGet } from './http.js';
import { unmountUnder } from './mounts.js';
import { run, spawnDaemon, stopDaemon, waitUntilReady } from './process.js';
import { makeTempDir, removeDir } from './tmp.js';

export interface DockerdHandle {
  /** unix socket of this dockerd */
  socketPath: string;
  /** `unix://<socketPath>`, for DOCKER_HOST */
  dockerHost: string;
  /** the temp dir holding socket, data-root, exec-root and dockerd.log */
  dir: string;
  pid: number;
  /** environment for /usr/bin/docker talking to this daemon */
  env: NodeJS.ProcessEnv;
  /** run /usr/bin/docker (20.10 client) against this daemon; throws on failure */
  docker: (args: string[], opts?: { env?: NodeJS.ProcessEnv; cwd?: string }) => string;
  stop: () => Promise<void>;
}

/**
 * Start a private dockerd 20.10 (vfs storage, no iptables, no bridge) under a fresh temp dir.
 * Ready when GET /_ping answers OK. stop() kills it by PID and unmounts its netns.
 */
export async function startDockerd(opts: { readyTimeoutMs?: number } = {}): Promise<DockerdHandle> {
  const dockerd = requireBinary('dockerd', 'docker.io');
  requireBinary('containerd', 'containerd (dependency of docker.io)');
  const client = dockerClient();
  if (process.getuid?.() !== 0) throw new Error('startDockerd needs root (CI runs as root)');
  const dir = makeTempDir('dockerd');
  const socketPath = join(dir, 'docker.sock');
  const execRoot = join(dir, 'exec');
  const daemon = spawnDaemon(
    dockerd,
    [
      '--storage-driver=vfs',
      '--iptables=false',
      '--ip6tables=false',
      '--bridge=none',
      '--host',
      `unix://${socketPath}`,
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      execRoot,
      '--pidfile',
      join(dir, 'docker.pid'),
    ],
    join(dir, 'dockerd.log'),
  );
  const cleanup = async () => {
    await stopDaemon(daemon, 15_000);
    // dockerd leaves its netns (exec-root/netns/default) and its data-root bind mount behind
    unmountUnder(dir);
    removeDir(dir);
  };
  try {
    await waitUntilReady(
      'dockerd',
      daemon,
      async () => {
        const r = await unixGet(socketPath, '/_ping');
        return r.status === 200 && r.body === 'OK';
      },
      opts.readyTimeoutMs ?? 60_000,
    );
  } catch (err) {
    await cleanup();
    throw err;
  }
  const dockerHost = `unix://${socketPath}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DOCKER_HOST: dockerHost,
    DOCKER_CONFIG: join(dir, 'client-config'),
  };
  let stopped = false;
  return {
    socketPath,
    dockerHost,
    dir,
    pid: daemon.pid,
    env,
    docker: (args, o = {}) => run(client, args, { env: { ...env, ...o.env }, cwd: o.cwd }).stdout,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await cleanup();
    },
  };
}
