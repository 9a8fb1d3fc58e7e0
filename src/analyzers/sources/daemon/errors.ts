// Daemon failures as one actionable line: which endpoint, what went wrong, what to do.
import { LayerlintError } from '../../../errors.js';
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
