import { join } from 'node:path';
import { requireBinary } from './bins.js';
import { unixGet } from './http.js';
import { run, spawnDaemon, stopDaemon, waitUntilReady } from './process.js';
import { makeTempDir, removeDir } from './tmp.js';

export interface PodmanHandle {
  /** unix socket of the Docker-compatible API */
  socketPath: string;
  /** `unix://<socketPath>`, for CONTAINER_HOST / DOCKER_HOST */
  host: string;
  dir: string;
  pid: number;
  /** run the podman CLI against the same storage (not through the socket); throws on failure */
  podman: (args: string[]) => string;
  stop: () => Promise<void>;
}

/** Start `podman system service` (vfs storage, file events, cgroupfs) under a fresh temp dir. */
export async function startPodman(opts: { readyTimeoutMs?: number } = {}): Promise<PodmanHandle> {
  const podman = requireBinary('podman', 'podman');
  const dir = makeTempDir('podman');
  const socketPath = join(dir, 'podman.sock');
  const globalArgs = [
    '--root',
    join(dir, 'storage'),
    '--runroot',
    join(dir, 'run'),
    '--storage-driver',
    'vfs',
    '--tmpdir',
    join(dir, 'tmp'),
    '--events-backend',
    'file',
    '--cgroup-manager',
    'cgroupfs',
  ];
  const daemon = spawnDaemon(
    podman,
    [...globalArgs, 'system', 'service', '--time=0', `unix://${socketPath}`],
    join(dir, 'podman.log'),
  );
  const cleanup = async () => {
    await stopDaemon(daemon, 10_000);
    removeDir(dir);
  };
  try {
    await waitUntilReady(
      'podman system service',
      daemon,
      async () => (await unixGet(socketPath, '/_ping')).status === 200,
      opts.readyTimeoutMs ?? 30_000,
    );
  } catch (err) {
    await cleanup();
    throw err;
  }
  let stopped = false;
  return {
    socketPath,
    host: `unix://${socketPath}`,
    dir,
    pid: daemon.pid,
    podman: (args) => run(podman, [...globalArgs, ...args]).stdout,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await cleanup();
    },
  };
}
