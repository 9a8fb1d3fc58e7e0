// Daemon and registry sources behind one entry point, plus the bare `name:tag` rule: the daemon
// if one answers and has the image, else the registry; a notice says which was used and why.
import { LayerlintError } from '../../errors.js';
import type { ImageModel } from '../../model/types.js';
import type { LayerCache } from './cache/index.js';
import type { SourceOptions } from './index.js';
import { platformOption } from './index.js';

interface RemoteOptions {
  host?: string;
  username?: string;
  passwordStdin?: boolean;
  insecure?: boolean;
  certDir?: string;
  concurrency?: number;
  /** seconds */
  timeout?: number;
  layerCache?: LayerCache;
  stderr?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
}

const passwords = new WeakMap<object, Promise<string>>();

/** --password-stdin: read standard input once per run, whatever the number of images. */
export function readPasswordStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  let p = passwords.get(stdin);
  if (!p) {
    p = (async () => {
      if ((stdin as { isTTY?: boolean }).isTTY)
        throw new LayerlintError('--password-stdin: standard input is a terminal; pipe the password in');
      const chunks: Buffer[] = [];
      for await (const c of stdin) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
      const text = Buffer.concat(chunks)
        .toString('utf8')
        .replace(/\r?\n$/, '');
      if (text === '') throw new LayerlintError('--password-stdin: standard input is empty');
      return text;
    })();
    passwords.set(stdin, p);
  }
  return p;
}

export async function openRemoteImage(
  parsed: { kind: 'daemon' | 'registry' | 'name'; name: string },
  ref: string,
  opts: SourceOptions,
): Promise<ImageModel> {
  const o = opts as SourceOptions & RemoteOptions;
  const timeoutMs = o.timeout !== undefined ? Math.max(0.1, Number(o.timeout)) * 1000 : undefined;
  const daemonOpts = { limits: o.limits, pool: o.pool, cache: o.layerCache, host: o.host, env: o.env, timeoutMs };
  const registry = async (notices?: string[]) => {
    const { openRegistryImage } = await import('./registry/index.js');
    if (o.passwordStdin && o.username === undefined) throw new LayerlintError('--password-stdin needs --username');
    const password = o.passwordStdin ? await readPasswordStdin(o.stdin ?? process.stdin) : undefined;
    return openRegistryImage(parsed.name, ref, {
      limits: o.limits,
      pool: o.pool,
      platform: platformOption(o.platform),
      cache: o.layerCache,
      insecure: o.insecure,
      certDir: o.certDir,
      concurrency: o.concurrency,
      timeoutMs,
      username: o.username,
      password,
      env: o.env,
      stderr: o.stderr,
      notices,
    });
  };
  if (parsed.kind === 'registry') return registry();
  const daemon = await import('./daemon/index.js');
  if (parsed.kind === 'daemon') return daemon.openDaemonImage(parsed.name, ref, daemonOpts);

  // bare name: daemon first (quick connect), else registry
  let connected: Awaited<ReturnType<typeof daemon.connectDaemon>> | undefined;
  let why: string;
  try {
    connected = await daemon.connectDaemon(
      { host: o.host, env: o.env, timeoutMs: Math.min(timeoutMs ?? 3000, 3000) },
      parsed.name,
    );
    why = `not in the ${connected.engine} daemon at ${connected.endpoint.url}`;
  } catch (err) {
    why = `no daemon answered (${(err as Error).message.split(': ')[0]})`;
  }
  if (connected && (await daemon.inspectImage(connected, parsed.name))) {
    const notice = `"${parsed.name}" read from the ${connected.engine} daemon at ${connected.endpoint.url} (a bare name tries the daemon first; use docker://${parsed.name} for the registry)`;
    return daemon.openDaemonImage(parsed.name, ref, { ...daemonOpts, notices: [notice] }, connected);
  }
  const notice = `"${parsed.name}" read from the registry: ${why} (use docker-daemon:${parsed.name} or docker://${parsed.name} to choose)`;
  try {
    return await registry([notice]);
  } catch (err) {
    if (err instanceof LayerlintError) throw new LayerlintError(`${err.message} (${why})`);
    throw err;
  }
}
