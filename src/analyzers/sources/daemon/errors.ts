// Daemon failures as one actionable line: which endpoint, what went wrong, what to do.

import { LayerlintError } from '../../../errors.js';
import { StallError } from '../http/watchdog.js';
import { tlsProblem } from '../tls-problem.js';
import type { DaemonEndpoint } from './endpoint.js';

interface DaemonError {
  code?: string;
  statusCode?: number;
  json?: { message?: string; cause?: string } | null;
  reason?: string;
  message?: string;
}

const POINT_ELSEWHERE = 'start it, or point DOCKER_HOST (or CONTAINER_HOST for Podman, or --host) at a running daemon';

export function connectError(err: unknown, ep: DaemonEndpoint): LayerlintError {
  const e = err as DaemonError;
  const where = `${ep.url} (${ep.from})`;
  const tls = tlsError(err, ep, where);
  if (tls) return tls;
  if (err instanceof StallError) return apiError(err, ep, 'the version check'); // it answers, too slowly
  if (e?.code === 'EACCES' || e?.code === 'EPERM') {
    return new LayerlintError(
      `permission denied on the daemon socket ${where}: add your user to the docker group, run as root, or use a rootless Podman socket with --host`,
    );
  }
  if (
    e?.code === 'ENOENT' ||
    e?.code === 'ECONNREFUSED' ||
    e?.code === 'ENOTFOUND' ||
    e?.code === 'EHOSTUNREACH' ||
    e?.code === 'ETIMEDOUT'
  ) {
    return new LayerlintError(`no container daemon answers at ${where}: ${POINT_ELSEWHERE}`);
  }
  return apiError(err, ep, 'the version check');
}

/** The daemon's own message: Docker sends {message}, Podman {cause, message, response}. */
export function daemonMessage(err: unknown): string {
  const e = err as DaemonError;
  const json = e?.json;
  if (json && typeof json === 'object') return json.message ?? json.cause ?? '';
  return e?.reason ?? e?.message ?? String(err);
}

export function apiError(err: unknown, ep: DaemonEndpoint, what: string): LayerlintError {
  if (err instanceof LayerlintError) return err;
  const e = err as DaemonError;
  const status = e?.statusCode ? ` (HTTP ${e.statusCode})` : '';
  return new LayerlintError(`daemon at ${ep.url}: ${what} failed${status}: ${daemonMessage(err).trim()}`);
}

export function notFoundError(name: string, ep: DaemonEndpoint, engine: string): LayerlintError {
  return new LayerlintError(
    `image "${name}" not found in the ${engine} daemon at ${ep.url}: pull it first (docker pull ${name}), or read it from a registry with docker://${name}`,
  );
}

export function isNotFound(err: unknown): boolean {
  return (err as DaemonError)?.statusCode === 404;
}

const CERT_FILES = "the daemon's CA (ca.pem) and a client certificate (cert.pem, key.pem)";

/** A tcp:// daemon and layerlint disagreeing about TLS, or a failed handshake; undefined otherwise. */
function tlsError(err: unknown, ep: DaemonEndpoint, where: string): LayerlintError | undefined {
  const e = err as DaemonError;
  if (!ep.tls) {
    // Go's answer to plain HTTP on a TLS port
    if (e?.statusCode === 400 && /HTTP request to an HTTPS server/i.test(daemonMessage(err)))
      return new LayerlintError(
        `the daemon at ${where} speaks TLS: set DOCKER_TLS_VERIFY=1 and point DOCKER_CERT_PATH at the directory holding ${CERT_FILES}, as for docker`,
      );
    return undefined;
  }
  const { dir } = ep.tls;
  if (/wrong version number|packet length too long/i.test(e?.message ?? ''))
    return new LayerlintError(
      `the daemon at ${where} answers plain HTTP, not TLS: unset DOCKER_TLS_VERIFY (tcp:// on port 2376 and https:// mean TLS too)`,
    );
  const problem = tlsProblem(err);
  if (!problem) return undefined;
  switch (problem.kind) {
    case 'untrusted':
      return new LayerlintError(
        `the TLS certificate of the daemon at ${where} is not trusted (self-signed or signed by an unknown CA: ${problem.detail}): ${
          ep.tls.ca
            ? `${dir}/ca.pem is not the CA that signed it; point DOCKER_CERT_PATH at the directory holding ${CERT_FILES}`
            : `set DOCKER_TLS_VERIFY=1 and point DOCKER_CERT_PATH at the directory holding ${CERT_FILES}`
        }`,
      );
    case 'name':
      return new LayerlintError(
        `the TLS certificate of the daemon at ${where} is not valid for that name (${problem.detail}): use a host name the certificate was issued for`,
      );
    case 'expired':
      return new LayerlintError(
        `the TLS certificate of the daemon at ${where} is expired or not valid yet (${problem.detail}): renew it`,
      );
    case 'client-cert':
      return new LayerlintError(
        ep.tls.cert
          ? `the daemon at ${where} refused the client certificate ${dir}/cert.pem (${problem.detail}): it needs one signed by the CA given to dockerd --tlscacert`
          : `the daemon at ${where} asks for a client certificate (${problem.detail}): put cert.pem and key.pem in DOCKER_CERT_PATH (now ${dir})`,
      );
  }
}
