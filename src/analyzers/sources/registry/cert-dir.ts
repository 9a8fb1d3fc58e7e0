// Per-registry TLS settings from a certs.d directory, as docker, podman and skopeo read them:
// <root>/<host[:port]>/ holds *.crt (CA certificates trusted for that registry, added to the
// usual ones) and NAME.cert with NAME.key (a client certificate for mutual TLS). The first root
// with a directory for the registry wins: $XDG_CONFIG_HOME/containers/certs.d (default
// ~/.config/containers/certs.d), /etc/containers/certs.d, /etc/docker/certs.d. --cert-dir DIR
// replaces the lookup and holds the files itself (skopeo's --src-cert-dir).
// The result is plain PEM text, so that a worker thread can be given the same settings.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { LayerlintError } from '../../../errors.js';
import { readInputFileSync } from '../../../io/input-file.js';

/** a certificate chain or key: a few KiB; a bundle of every public CA is ~200 KiB */
const MAX_PEM_BYTES = 4 * 1024 * 1024;

export interface RegistryTls {
  /** PEM of the CAs the directory adds (trusted besides the usual ones) */
  ca?: string[];
  /** PEM of the client certificate (chain) and its key, for a registry that asks for one */
  cert?: string;
  key?: string;
  /** the directory these came from, for messages */
  dir: string;
}

/** Where certs.d directories are looked for, in order: the first holding `<host[:port]>/` wins. */
export function certRoots(env: NodeJS.ProcessEnv): string[] {
  const config = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return [join(config, 'containers', 'certs.d'), '/etc/containers/certs.d', '/etc/docker/certs.d'];
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // absent, or not ours to read: as if absent (what containers/image does)
  }
}

/** The certs.d directory for `registry` (host[:port] as written in the reference), if any. */
export function findCertDir(registry: string, roots: string[]): string | undefined {
  for (const root of roots) {
    const dir = join(root, registry);
    if (isDir(dir)) return dir;
  }
  return undefined;
}

/**
 * The TLS settings a directory holds: every *.crt is a CA, NAME.cert needs NAME.key and the
 * other way round (the first pair by name is the client certificate).
 */
export function readCertDir(dir: string): RegistryTls {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    throw new LayerlintError(`cannot read the certificate directory ${dir} (${(err as NodeJS.ErrnoException).code})`);
  }
  const has = new Set(names);
  const read = (name: string): string | undefined => {
    const path = join(dir, name);
    if (!existsSync(path)) return undefined; // a dangling link
    return readInputFileSync(path, path, MAX_PEM_BYTES).toString('utf8');
  };
  const cas: string[] = [];
  let pair: { cert: string; key: string } | undefined;
  for (const name of names) {
    if (name.endsWith('.crt')) {
      const pem = read(name);
      if (pem !== undefined) cas.push(pem);
    } else if (name.endsWith('.cert')) {
      const key = `${name.slice(0, -'.cert'.length)}.key`;
      if (!has.has(key))
        throw new LayerlintError(
          `${join(dir, name)} is a client certificate without its key ${key} (CA certificates use the extension .crt)`,
        );
      pair ??= { cert: name, key };
    } else if (name.endsWith('.key')) {
      const cert = `${name.slice(0, -'.key'.length)}.cert`;
      if (!has.has(cert))
        throw new LayerlintError(`${join(dir, name)} is a key without its client certificate ${cert}`);
    }
  }
  const tls: RegistryTls = { dir };
  if (cas.length > 0) tls.ca = cas;
  if (pair) {
    tls.cert = read(pair.cert);
    tls.key = read(pair.key);
    if (tls.cert === undefined || tls.key === undefined)
      throw new LayerlintError(`${join(dir, pair.cert)} or its key ${pair.key} is a dangling link`);
  }
  return tls;
}

/**
 * The TLS settings for `registry`: from --cert-dir when given (it must exist), else from the
 * first certs.d directory for the registry; undefined when there is none.
 */
export function registryTls(
  registry: string,
  opts: { certDir?: string; env: NodeJS.ProcessEnv; roots?: string[] },
): RegistryTls | undefined {
  if (opts.certDir !== undefined) {
    if (!isDir(opts.certDir)) throw new LayerlintError(`--cert-dir ${opts.certDir}: no such directory`);
    return readCertDir(opts.certDir);
  }
  const dir = findCertDir(registry, opts.roots ?? certRoots(opts.env));
  return dir === undefined ? undefined : readCertDir(dir);
}
