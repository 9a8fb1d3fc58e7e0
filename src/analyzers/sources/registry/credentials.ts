// Registry credentials, looked up the way docker and podman do: --username/--password-stdin, then
// REGISTRY_AUTH_FILE, then $DOCKER_CONFIG/config.json (or ~/.docker/config.json): credHelpers[host],
// credsStore, or auths[host] with "auth" (base64 user:pass) or "identitytoken".
// Secrets never leave this module except inside an Authorization header or a token request.

import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { LayerlintError } from '../../../errors.js';
import { readInputFileSync } from '../../../io/input-file.js';
import { requireLater } from '../../../require-later.js';
import { credentialKey } from './reference.js';

export type Credentials =
  | { kind: 'password'; username: string; password: string; from: string }
  | { kind: 'identity-token'; username?: string; token: string; from: string };

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

interface ConfigFile {
  auths?: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

export interface CredentialSources {
  env: NodeJS.ProcessEnv;
  username?: string;
  password?: string;
}

/** "https://host:5000/v1/" and "host:5000" name the same server. */
export function normaliseServer(key: string): string {
  return key
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
}

/** docker's config.json holds a few credentials and settings */
const MAX_CONFIG_JSON = 4 * 1024 * 1024;

function readConfig(path: string): ConfigFile | undefined {
  let text: string;
  try {
    text = readInputFileSync(path, path, MAX_CONFIG_JSON).toString('utf8');
  } catch (err) {
    // unreadable as before is no config; a FIFO, a device or a huge file is said in one line
    const s = statSync(path, { throwIfNoEntry: false });
    if (s && (!s.isFile() || s.size > MAX_CONFIG_JSON)) throw err;
    return undefined;
  }
  try {
    return JSON.parse(text) as ConfigFile;
  } catch (err) {
    throw new LayerlintError(`${path} is not valid JSON (${(err as Error).message})`);
  }
}

function lookup<T>(map: Record<string, T> | undefined, registry: string): T | undefined {
  if (!map) return undefined;
  const want = normaliseServer(credentialKey(registry));
  for (const [key, value] of Object.entries(map)) if (normaliseServer(key) === want) return value;
  return undefined;
}

function fromEntry(entry: AuthEntry, from: string): Credentials | undefined {
  if (entry.identitytoken) return { kind: 'identity-token', token: entry.identitytoken, from };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) throw new LayerlintError(`${from}: the "auth" entry is not base64 of user:password`);
    return { kind: 'password', username: decoded.slice(0, i), password: decoded.slice(i + 1), from };
  }
  if (entry.username && entry.password)
    return { kind: 'password', username: entry.username, password: entry.password, from };
  return undefined;
}

/** Run `docker-credential-<helper> get` with the server URL on stdin. */
export function runCredentialHelper(
  helper: string,
  server: string,
  env: NodeJS.ProcessEnv,
): Promise<Credentials | undefined> {
  const program = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    // node:child_process only when a helper is configured
    const { spawn } = requireLater('node:child_process') as typeof import('node:child_process');
    const child = spawn(program, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      reject(
        new LayerlintError(
          missing
            ? `credential helper ${program} is not on PATH (named in the docker config)`
            : `${program}: ${err.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const text = Buffer.concat(out).toString('utf8').trim();
      if (code !== 0) {
        // "credentials not found in native keychain" is the protocol's way of saying "none"
        if (/not found/i.test(text) || text === '') return resolve(undefined);
        return reject(new LayerlintError(`${program} get failed (exit ${code})`));
      }
      let reply: { Username?: string; Secret?: string };
      try {
        reply = JSON.parse(text);
      } catch {
        return reject(new LayerlintError(`${program} get did not answer JSON`));
      }
      if (!reply.Secret) return resolve(undefined);
      const from = `credential helper ${program}`;
      if (reply.Username === '<token>') resolve({ kind: 'identity-token', token: reply.Secret, from });
      else resolve({ kind: 'password', username: reply.Username ?? '', password: reply.Secret, from });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(credentialKey(server));
  });
}

export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  const dir = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  return join(dir, 'config.json');
}

export async function findCredentials(registry: string, src: CredentialSources): Promise<Credentials | undefined> {
  if (src.username !== undefined) {
    if (src.password === undefined)
      throw new LayerlintError('--username needs the password on standard input: add --password-stdin');
    return { kind: 'password', username: src.username, password: src.password, from: '--username' };
  }
  const files = [src.env.REGISTRY_AUTH_FILE, dockerConfigPath(src.env)].filter((f): f is string => Boolean(f));
  for (const file of files) {
    const config = readConfig(file);
    if (!config) continue;
    const helper = lookup(config.credHelpers, registry);
    if (helper) {
      const creds = await runCredentialHelper(helper, registry, src.env);
      if (creds) return creds;
      continue;
    }
    const entry = lookup(config.auths, registry);
    const creds = entry ? fromEntry(entry, file) : undefined;
    if (creds) return creds;
    if (config.credsStore) {
      const stored = await runCredentialHelper(config.credsStore, registry, src.env);
      if (stored) return stored;
    }
  }
  return undefined;
}
