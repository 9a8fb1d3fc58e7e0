import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireBinary } from './bins.js';
import { httpRequest } from './http.js';
import { makeTestPki, type TestPki } from './pki.js';
import { freePort } from './ports.js';
import { type Daemon, run, spawnDaemon, stopDaemon, tailLog, waitUntilReady } from './process.js';
import { makeTempDir, removeDir } from './tmp.js';

export type RegistryAuth = 'none' | 'basic' | 'bearer';

export interface RegistryOptions {
  auth?: RegistryAuth;
  /** users for basic/bearer auth; default { tester: 'secret' } */
  users?: Record<string, string>;
  /** bearer only: a token request without credentials gets pull access */
  anonymousPull?: boolean;
  /**
   * bearer only: identity tokens (OAuth2 refresh tokens, what `docker login` stores as
   * `identitytoken`) the token server accepts, and the user each stands for
   */
  refreshTokens?: Record<string, string>;
  /**
   * Serve HTTPS (distribution's http.tls) with a certificate for 127.0.0.1 and localhost signed by
   * a fresh test CA; `requireClientCert` also makes it ask for a client certificate signed by that
   * CA (http.tls.clientcas: mutual TLS).
   */
  tls?: { requireClientCert?: boolean };
}

export interface TokenServerInfo {
  /** the token endpoint: http://127.0.0.1:PORT/token */
  realm: string;
  service: string;
  issuer: string;
  /** PEM of the self-signed certificate the registry trusts */
  certFile: string;
  /**
   * every token issued so far: who asked, which scopes, which access was granted, and how it was
   * asked for ('get', or the OAuth2 grant_type of a POST: 'password', 'refresh_token')
   */
  issued: () => Array<{ user: string | null; scopes: unknown[]; access: unknown[]; grant: string }>;
}

export interface RegistryHandle {
  /** 127.0.0.1:PORT, for docker://127.0.0.1:PORT/ns/img:tag references */
  host: string;
  /** http://127.0.0.1:PORT, or https:// when started with `tls` */
  url: string;
  auth: RegistryAuth;
  users: Record<string, string>;
  dir: string;
  pid: number;
  /** present when auth is 'bearer' */
  tokenServer?: TokenServerInfo;
  /** `user:pass` of the first user, handy for skopeo --creds */
  creds?: string;
  /** present when started with `tls`: the CA, the server's certificate and a client certificate */
  tls?: TestPki;
  /** skopeo options to push to this registry (no TLS check; the client certificate when required) */
  skopeoDestArgs: string[];
  stop: () => Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

function tlsBlock(pki: TestPki | undefined, requireClientCert: boolean): string {
  if (!pki) return '';
  const lines = ['  tls:', `    certificate: ${pki.serverCert}`, `    key: ${pki.serverKey}`];
  if (requireClientCert) lines.push('    clientcas:', `      - ${pki.caCert}`);
  return lines.join('\n');
}

function registryConfig(dir: string, port: number, authBlock: string, tls: string): string {
  return [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    '  secret: layerlint-test-secret',
    ...(tls ? [tls] : []),
    authBlock,
    '',
  ].join('\n');
}

async function startTokenServer(
  dir: string,
  users: Record<string, string>,
  anonymousPull: boolean,
  refreshTokens: Record<string, string>,
): Promise<{ info: TokenServerInfo; daemon: Daemon }> {
  const openssl = requireBinary('openssl', 'openssl');
  const keyFile = join(dir, 'token.key');
  const certFile = join(dir, 'token.crt');
  run(openssl, [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    '2',
    '-subj',
    '/CN=layerlint-test-token-issuer',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  const port = await freePort();
  const logFile = join(dir, 'tokens.jsonl');
  const cfg = {
    port,
    keyFile,
    certFile,
    issuer: 'layerlint-test-issuer',
    service: 'layerlint-test-registry',
    users,
    refreshTokens,
    anonymousPull,
    logFile,
  };
  const cfgFile = join(dir, 'token-server.json');
  writeFileSync(cfgFile, JSON.stringify(cfg));
  const daemon = spawnDaemon(
    process.execPath,
    [join(here, 'token-server.mjs'), cfgFile],
    join(dir, 'token-server.log'),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(
    'token server',
    daemon,
    async () => (await httpRequest(`${url}/healthz`)).status === 200,
    15_000,
  );
  const info: TokenServerInfo = {
    realm: `${url}/token`,
    service: cfg.service,
    issuer: cfg.issuer,
    certFile,
    issued: () =>
      existsSync(logFile)
        ? readFileSync(logFile, 'utf8')
            .split('\n')
            .filter((l) => l !== '')
            .map((l) => JSON.parse(l))
        : [],
  };
  return { info, daemon };
}

/**
 * Start distribution 2.8 (`docker-registry serve`) with a config of our own under a fresh temp dir,
 * on a free 127.0.0.1 port. auth 'basic' uses an htpasswd file; 'bearer' also starts a token server.
 */
export async function startRegistry(opts: RegistryOptions = {}): Promise<RegistryHandle> {
  const auth = opts.auth ?? 'none';
  const users = opts.users ?? { tester: 'secret' };
  const registry = requireBinary('docker-registry', 'docker-registry');
  const dir = makeTempDir('registry');
  const extra: Daemon[] = [];
  let authBlock = '';
  let tokenServer: TokenServerInfo | undefined;
  let pki: TestPki | undefined;
  const skopeoDestArgs = ['--dest-tls-verify=false'];
  const stopAll = async (d?: Daemon) => {
    if (d !== undefined) await stopDaemon(d, 5_000);
    for (const x of extra) await stopDaemon(x, 5_000);
    removeDir(dir);
  };
  try {
    if (opts.tls) {
      pki = makeTestPki(join(dir, 'pki'), 'layerlint-test-registry');
      if (opts.tls.requireClientCert) {
        // skopeo reads a client certificate from a cert dir: NAME.cert with NAME.key
        const certDir = join(dir, 'skopeo-certs');
        mkdirSync(certDir);
        copyFileSync(pki.clientCert, join(certDir, 'client.cert'));
        copyFileSync(pki.clientKey, join(certDir, 'client.key'));
        skopeoDestArgs.push('--dest-cert-dir', certDir);
      }
    }
    if (auth === 'basic') {
      const htpasswd = requireBinary('htpasswd', 'apache2-utils');
      const lines = Object.entries(users).map(([u, p]) => run(htpasswd, ['-Bbn', u, p]).stdout.trim());
      writeFileSync(join(dir, 'htpasswd'), `${lines.join('\n')}\n`);
      authBlock = ['auth:', '  htpasswd:', '    realm: layerlint-test', `    path: ${join(dir, 'htpasswd')}`].join(
        '\n',
      );
    } else if (auth === 'bearer') {
      const ts = await startTokenServer(dir, users, opts.anonymousPull === true, opts.refreshTokens ?? {});
      extra.push(ts.daemon);
      tokenServer = ts.info;
      authBlock = [
        'auth:',
        '  token:',
        `    realm: ${ts.info.realm}`,
        `    service: ${ts.info.service}`,
        `    issuer: ${ts.info.issuer}`,
        `    rootcertbundle: ${ts.info.certFile}`,
      ].join('\n');
    }
  } catch (err) {
    await stopAll();
    throw err;
  }

  // The port is free when picked but another worker may grab it first: retry a few times.
  let lastErr: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    const port = await freePort();
    const cfgFile = join(dir, 'config.yml');
    writeFileSync(cfgFile, registryConfig(dir, port, authBlock, tlsBlock(pki, opts.tls?.requireClientCert === true)));
    const logFile = join(dir, `registry-${attempt}.log`);
    const daemon = spawnDaemon(registry, ['serve', cfgFile], logFile);
    const url = `${pki ? 'https' : 'http'}://127.0.0.1:${port}`;
    const clientTls = pki && {
      ca: readFileSync(pki.caCert, 'utf8'),
      cert: readFileSync(pki.clientCert, 'utf8'),
      key: readFileSync(pki.clientKey, 'utf8'),
    };
    try {
      await waitUntilReady(
        'docker-registry',
        daemon,
        async () => {
          const r = await httpRequest(`${url}/v2/`, { tls: clientTls });
          return r.status === 200 || r.status === 401;
        },
        15_000,
      );
    } catch (err) {
      lastErr = err;
      await stopDaemon(daemon, 2_000);
      if (/address already in use/.test(tailLog(logFile))) continue;
      await stopAll();
      throw err;
    }
    let stopped = false;
    const first = Object.entries(users)[0];
    return {
      host: `127.0.0.1:${port}`,
      url,
      auth,
      users,
      dir,
      pid: daemon.pid,
      tokenServer,
      creds: auth !== 'none' && first !== undefined ? `${first[0]}:${first[1]}` : undefined,
      tls: pki,
      skopeoDestArgs,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        await stopAll(daemon);
      },
    };
  }
  await stopAll();
  throw new Error(`docker-registry could not bind a free port: ${(lastErr as Error).message}`);
}
