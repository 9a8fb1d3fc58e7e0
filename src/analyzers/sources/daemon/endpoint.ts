// Where the daemon is: --host, DOCKER_HOST, CONTAINER_HOST (Podman), else the usual sockets.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LayerlintError } from '../../../errors.js';

export interface DaemonEndpoint {
  /** "unix:///var/run/docker.sock", "tcp://host:2376" */
  url: string;
  /** how it was chosen, for error messages */
  from: string;
  options: EndpointOptions;
}

/** How to reach the daemon: a unix socket, or host and port over http or https. */
export interface EndpointOptions {
  socketPath?: string;
  host?: string;
  port?: string;
  protocol?: 'http' | 'https';
  /** https: the CA to trust (else Node's), and a client certificate */
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

export const DEFAULT_SOCKET = '/var/run/docker.sock';

function defaultSockets(env: NodeJS.ProcessEnv): string[] {
  const podman = [
    env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock') : undefined,
    '/run/podman/podman.sock',
  ];
  return [DEFAULT_SOCKET, ...podman].filter((s): s is string => Boolean(s));
}

export function resolveEndpoint(
  host: string | undefined,
  env: NodeJS.ProcessEnv,
  exists: (p: string) => boolean = existsSync,
): DaemonEndpoint {
  const chosen = host
    ? { url: host, from: '--host' }
    : env.DOCKER_HOST
      ? { url: env.DOCKER_HOST, from: 'DOCKER_HOST' }
      : env.CONTAINER_HOST
        ? { url: env.CONTAINER_HOST, from: 'CONTAINER_HOST' }
        : undefined;
  if (!chosen) {
    const socket = defaultSockets(env).find(exists) ?? DEFAULT_SOCKET;
    return { url: `unix://${socket}`, from: 'the default socket', options: { socketPath: socket } };
  }
  return { ...chosen, options: optionsFor(chosen.url, chosen.from, env) };
}

function optionsFor(url: string, from: string, env: NodeJS.ProcessEnv): EndpointOptions {
  if (url.startsWith('unix://')) return { socketPath: url.slice('unix://'.length) || DEFAULT_SOCKET };
  if (url.startsWith('/')) return { socketPath: url };
  const m = /^(tcp|http|https):\/\/([^/:]+|\[[^\]]+\])(?::(\d+))?\/?$/.exec(url);
  if (!m) {
    if (url.startsWith('ssh://'))
      throw new LayerlintError(
        `${from}=${url}: ssh:// daemons are not supported; forward the socket (ssh -L) and use unix:// or tcp://`,
      );
    throw new LayerlintError(`${from}=${url} is not unix:///path, tcp://host:port or https://host:port`);
  }
  const [, scheme, hostname, port] = m;
  const tls = scheme === 'https' || Boolean(env.DOCKER_TLS_VERIFY) || (scheme === 'tcp' && port === '2376');
  const opts: EndpointOptions = {
    host: hostname.replace(/^\[|\]$/g, ''),
    port: port ?? (tls ? '2376' : '2375'),
    protocol: tls ? 'https' : 'http',
  };
  if (tls && env.DOCKER_CERT_PATH) {
    const read = (f: string) => {
      try {
        return readFileSync(join(env.DOCKER_CERT_PATH!, f));
      } catch (err) {
        throw new LayerlintError(`DOCKER_CERT_PATH: cannot read ${f} (${(err as Error).message})`);
      }
    };
    opts.ca = read('ca.pem');
    opts.cert = read('cert.pem');
    opts.key = read('key.pem');
  }
  return opts;
}
