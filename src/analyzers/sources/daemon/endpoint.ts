// Where the daemon is: --host, DOCKER_HOST, CONTAINER_HOST (Podman), else the usual sockets.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { LayerlintError } from '../../../errors.js';
import { kindOf } from '../../../io/input-file.js';

const MAX_PEM_BYTES = 4 * 1024 * 1024;

export interface DaemonEndpoint {
  /** "unix:///var/run/docker.sock", "tcp://host:2376" */
  url: string;
  /** how it was chosen, for error messages */
  from: string;
  options: EndpointOptions;
  /** a TLS endpoint: where its files were looked for and which were found, for error messages */
  tls?: EndpointTls;
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

export interface EndpointTls {
  /** DOCKER_CERT_PATH, or its default ($DOCKER_CONFIG or ~/.docker) */
  dir: string;
  /** DOCKER_TLS_VERIFY was set */
  verify: boolean;
  ca: boolean;
  cert: boolean;
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
  return { ...chosen, ...optionsFor(chosen.url, chosen.from, env) };
}

function optionsFor(
  url: string,
  from: string,
  env: NodeJS.ProcessEnv,
): { options: EndpointOptions; tls?: EndpointTls } {
  if (url.startsWith('unix://')) return { options: { socketPath: url.slice('unix://'.length) || DEFAULT_SOCKET } };
  if (url.startsWith('/')) return { options: { socketPath: url } };
  const m = /^(tcp|http|https):\/\/([^/:]+|\[[^\]]+\])(?::(\d+))?\/?$/.exec(url);
  if (!m) {
    if (url.startsWith('ssh://'))
      throw new LayerlintError(
        `${from}=${url}: ssh:// daemons are not supported; forward the socket (ssh -L) and use unix:// or tcp://`,
      );
    throw new LayerlintError(`${from}=${url} is not unix:///path, tcp://host:port or https://host:port`);
  }
  const [, scheme, hostname, port] = m;
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  const tls = scheme === 'https' || verify || (scheme === 'tcp' && port === '2376');
  const opts: EndpointOptions = {
    host: hostname.replace(/^\[|\]$/g, ''),
    port: port ?? (tls ? '2376' : '2375'),
    protocol: tls ? 'https' : 'http',
  };
  if (!tls) return { options: opts };
  const files = tlsFiles(`${url} (${from})`, verify, env);
  return {
    options: { ...opts, ca: files.ca, cert: files.cert, key: files.key },
    tls: { dir: files.dir, verify, ca: files.ca !== undefined, cert: files.cert !== undefined },
  };
}

/**
 * The TLS files as the docker CLI finds them: ca.pem, cert.pem and key.pem in DOCKER_CERT_PATH,
 * by default the docker config directory. With DOCKER_TLS_VERIFY the CA must be there; a client
 * certificate is used when both of its files are. Never a file's content in a message.
 */
function tlsFiles(
  where: string,
  verify: boolean,
  env: NodeJS.ProcessEnv,
): { dir: string; ca?: Buffer; cert?: Buffer; key?: Buffer } {
  const dir = env.DOCKER_CERT_PATH || env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  const named = env.DOCKER_CERT_PATH ? 'DOCKER_CERT_PATH' : 'the default of DOCKER_CERT_PATH';
  const read = (f: string, required: boolean): Buffer | undefined => {
    const path = join(dir, f);
    // a FIFO would hang the read, /dev/zero never end it
    const s = statSync(path, { throwIfNoEntry: false });
    if (s && !s.isFile()) throw new LayerlintError(`${path} is ${kindOf(s)}, not a regular file`);
    if (s && s.size > MAX_PEM_BYTES)
      throw new LayerlintError(`${path} is ${s.size} bytes, too large for a certificate`);
    try {
      return readFileSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !required) return undefined;
      throw new LayerlintError(
        `the daemon at ${where} is reached over TLS: cannot read ${join(dir, f)} (${named}; ${code}): point DOCKER_CERT_PATH at the directory holding the daemon's CA (ca.pem) and a client certificate (cert.pem, key.pem)`,
      );
    }
  };
  const ca = read('ca.pem', verify);
  const cert = read('cert.pem', false);
  const key = read('key.pem', false);
  if ((cert === undefined) !== (key === undefined)) {
    const [has, lacks] = cert ? ['cert.pem', 'key.pem'] : ['key.pem', 'cert.pem'];
    throw new LayerlintError(`the daemon at ${where} is reached over TLS: ${join(dir, has)} has no ${lacks} beside it`);
  }
  return { dir, ca, cert, key };
}
