// Image references as Docker reads them: [registry[:port]/]path[:tag][@digest], docker.io and
// "library/" by default, "localhost" or anything with a dot or a port is a registry.
import { LayerlintError } from '../../../errors.js';

export interface RegistryReference {
  /** host[:port] as written ("docker.io" for Docker Hub) */
  registry: string;
  /** repository path: "library/debian", "ns/img" */
  repository: string;
  tag?: string;
  digest?: string;
}

export const DOCKER_HUB = 'docker.io';
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

export function parseDockerReference(text: string): RegistryReference {
  const bad = (why: string) => new LayerlintError(`invalid image reference "${text}": ${why}`);
  let rest = text.trim();
  if (rest === '') throw bad('it is empty');
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(`"${digest}" is not a digest (algorithm:hex)`);
    if (digest.startsWith('sha256:') && !/^sha256:[0-9a-f]{64}$/.test(digest))
      throw bad(`"${digest}" is not a sha256 digest`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(`"${tag}" is not a valid tag`);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  let registry: string;
  let repository: string;
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    registry = first;
    repository = rest.slice(slash + 1);
  } else {
    registry = DOCKER_HUB;
    repository = rest;
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (repository === '') throw bad('no repository name');
  for (const part of repository.split('/')) {
    if (!PATH_COMPONENT.test(part)) {
      throw bad(
        part !== part.toLowerCase() ? 'repository names must be lowercase' : `"${part}" is not a valid path component`,
      );
    }
  }
  if (!tag && !digest) tag = 'latest';
  return { registry, repository, tag, digest };
}

/** Where the registry API answers ("registry-1.docker.io" for Docker Hub). */
export function apiHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

/** The server name credential stores use for this registry. */
export function credentialKey(registry: string): string {
  return registry === DOCKER_HUB ? 'https://index.docker.io/v1/' : registry;
}

export function formatReference(r: RegistryReference): string {
  return `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

/** Hosts Docker talks plain HTTP to without being told (loopback). */
export function isLoopback(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * A digest from a manifest or index, checked before it becomes part of a URL path: the OCI
 * grammar (algorithm ":" encoded) admits no "/", "." or "?", so a hostile manifest cannot point a
 * request elsewhere on the registry. The bytes are hashed against it later.
 */
export function checkedDigest(digest: unknown, what: string): string {
  if (typeof digest === 'string' && /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(digest)) return digest;
  const shown = JSON.stringify(digest) ?? String(digest);
  throw new LayerlintError(`${what} names the digest ${shown.slice(0, 80)}, which is not a digest (algorithm:hex)`);
}
