import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dockerClient, requireBinary } from './bins.js';
import { unixGet } from './http.js';
import { unmountUnder } from './mounts.js';
import { makeTestPki, type TestPki } from './pki.js';
import { freePort } from './ports.js';
import { run, spawnDaemon, stopDaemon, waitUntilReady } from './process.js';
import { makeTempDir, removeDir } from './tmp.js';

export interface DockerdHandle {
  /** unix socket of this dockerd */
  socketPath: string;
  /** `unix://<socketPath>`, for DOCKER_HOST */
  dockerHost: string;
  /**
   * with `tcp`: tcp://127.0.0.1:PORT, where this dockerd also listens (TLS with client
   * certificates when `tcp.tls`)
   */
  tcpHost?: string;
  /**
   * with `tcp.tls`: the test CA and certificates; `clientCertPath` is a DOCKER_CERT_PATH
   * (ca.pem, cert.pem, key.pem) for a client the daemon accepts
   */
  tls?: TestPki & { clientCertPath: string };
  /** the temp dir holding socket, data-root, exec-root and dockerd.log */
  dir: string;
  pid: number;
  /** environment for /usr/bin/docker talking to this daemon */
  env: NodeJS.ProcessEnv;
  /** run /usr/bin/docker (20.10 client) against this daemon; throws on failure */
  docker: (args: string[], opts?: { env?: NodeJS.ProcessEnv; cwd?: string }) => string;
  stop: () => Promise<void>;
}

export interface DockerdOptions {
  readyTimeoutMs?: number;
  /**
   * Also listen on tcp://127.0.0.1:PORT (the unix socket stays, for loading images): plain HTTP,
   * or with `tls` as `dockerd --tlsverify` (a test CA's server certificate, client certificates
   * signed by that CA required).
   */
  tcp?: { tls?: boolean };
}

/**
 * Start a private dockerd 20.10 (vfs storage, no iptables, no bridge) under a fresh temp dir.
 * Ready when GET /_ping answers OK. stop() kills it by PID and unmounts its netns.
 */
export async function startDockerd(opts: DockerdOptions = {}): Promise<DockerdHandle> {
  const dockerd = requireBinary('dockerd', 'docker.io');
  requireBinary('containerd', 'containerd (dependency of docker.io)');
  const client = dockerClient();
  if (process.getuid?.() !== 0) throw new Error('startDockerd needs root (CI runs as root)');
  const dir = makeTempDir('dockerd');
  const socketPath = join(dir, 'docker.sock');
  const execRoot = join(dir, 'exec');
  const tcpArgs: string[] = [];
  let tcpHost: string | undefined;
  let tls: DockerdHandle['tls'];
  if (opts.tcp) {
    tcpHost = `tcp://127.0.0.1:${await freePort()}`;
    tcpArgs.push('--host', tcpHost);
    if (opts.tcp.tls) {
      const pki = makeTestPki(join(dir, 'pki'), 'layerlint-test-dockerd');
      const clientCertPath = join(dir, 'client-certs');
      mkdirSync(clientCertPath);
      copyFileSync(pki.caCert, join(clientCertPath, 'ca.pem'));
      copyFileSync(pki.clientCert, join(clientCertPath, 'cert.pem'));
      copyFileSync(pki.clientKey, join(clientCertPath, 'key.pem'));
      tls = { ...pki, clientCertPath };
      tcpArgs.push('--tlsverify', '--tlscacert', pki.caCert, '--tlscert', pki.serverCert, '--tlskey', pki.serverKey);
    }
  }
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
      ...tcpArgs,
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
    tcpHost,
    tls,
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
