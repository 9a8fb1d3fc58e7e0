// The registry source over TLS, through the built CLI as a user runs it: a real distribution 2.8
// serving https (http.tls) with a certificate from a test CA, and one that also asks for a client
// certificate (http.tls.clientcas). The layer blobs are downloaded by the walker threads, so a
// success here also proves the workers trust and present what the main thread does.
import { copyFileSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, makeTestPki, type RegistryHandle, removeDir, startRegistry } from '../support/index.js';
import { type Analysis, analysisOf, escapeRe, failureLine } from './helpers/cli-result.js';
import { baseRecipe, pushRecipe } from './helpers/images.js';

const SLOW = 180_000;

/** A cert dir holding the named files: { 'ca.crt': path, ... }. */
function certDir(path: string, files: Record<string, string>): string {
  mkdirSync(path, { recursive: true });
  for (const [name, from] of Object.entries(files)) copyFileSync(from, join(path, name));
  return path;
}

describe('registry over TLS (CLI)', () => {
  let tls: RegistryHandle;
  let plain: RegistryHandle;
  let work: string;
  let home: string;
  let expected: Analysis;
  let env: NodeJS.ProcessEnv;
  const ref = () => `docker://${tls.host}/ns/app:1`;
  const analyze = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    runCli(['analyze', ...args, '--format', 'json', '--fail-on', 'none'], {
      env: { ...env, ...extraEnv },
      timeoutMs: 60_000,
    });

  beforeAll(async () => {
    work = makeTempDir('regtls');
    home = join(work, 'home');
    mkdirSync(home);
    // no trust from the machine or the user running the tests: an empty HOME, no extra CA file
    env = {
      HOME: home,
      XDG_CONFIG_HOME: '',
      NODE_EXTRA_CA_CERTS: '',
      DOCKER_CONFIG: '/nonexistent',
      REGISTRY_AUTH_FILE: '',
    };
    [tls, plain] = await Promise.all([startRegistry({ tls: {} }), startRegistry()]);
    await pushRecipe(baseRecipe('app'), join(work, 'a'), ref(), undefined, tls.skopeoDestArgs);
    await pushRecipe(baseRecipe('app'), join(work, 'b'), `docker://${plain.host}/ns/app:1`);
    expected = analysisOf(await analyze([`docker://${plain.host}/ns/app:1`]));
  }, SLOW);
  afterAll(async () => {
    await tls?.stop();
    await plain?.stop();
    removeDir(work);
  });

  test('the plain-HTTP reference run read the three layers', () => {
    expect(expected.layers).toHaveLength(3);
    expect(expected.layers.every((l: { diffId: string }) => /^sha256:[0-9a-f]{64}$/.test(l.diffId))).toBe(true);
  });

  test('a CA nobody trusts: exit 2, one line naming the registry, the reason and both fixes', async () => {
    const line = failureLine(await analyze([ref()]));
    expect(line).toMatch(
      new RegExp(
        `^the TLS certificate of registry ${escapeRe(tls.host)} is not trusted \\(self-signed or signed by an unknown CA: [^)]+\\): ` +
          `trust its CA \\(a ca\\.crt in /etc/containers/certs\\.d/${escapeRe(tls.host)}/ or in --cert-dir DIR, or NODE_EXTRA_CA_CERTS=FILE\\), or skip the check with --insecure$`,
      ),
    );
  });

  test('--insecure: the same analysis as over plain HTTP', async () => {
    expect(analysisOf(await analyze([ref(), '--insecure']))).toEqual(expected);
  });

  test('--cert-dir holding the CA as ca.crt: verified, the same analysis', async () => {
    const dir = certDir(join(work, 'ca-only'), { 'ca.crt': tls.tls!.caCert });
    expect(analysisOf(await analyze([ref(), '--cert-dir', dir]))).toEqual(expected);
  });

  test('the per-registry certs.d lookup: ~/.config/containers/certs.d/HOST:PORT/ca.crt', async () => {
    const userHome = join(work, 'home-with-certs');
    certDir(join(userHome, '.config', 'containers', 'certs.d', tls.host), { 'ca.crt': tls.tls!.caCert });
    expect(analysisOf(await analyze([ref()], { HOME: userHome }))).toEqual(expected);
    // the directory must be named after the registry as written, port included
    const otherHome = join(work, 'home-other-port');
    certDir(join(otherHome, '.config', 'containers', 'certs.d', '127.0.0.1'), { 'ca.crt': tls.tls!.caCert });
    expect(failureLine(await analyze([ref()], { HOME: otherHome }))).toMatch(/is not trusted/);
  });

  test('--cert-dir replaces the lookup, and a CA that did not sign the certificate is named', async () => {
    const userHome = join(work, 'home-with-certs'); // trusts the CA (previous test), but --cert-dir wins
    const otherPki = makeTestPki(join(work, 'other-pki'), 'other');
    const dir = certDir(join(work, 'wrong-ca'), { 'other.crt': otherPki.caCert });
    const line = failureLine(await analyze([ref(), '--cert-dir', dir], { HOME: userHome }));
    expect(line).toContain(`the TLS certificate of registry ${tls.host} is not trusted`);
    expect(line).toContain(`the .crt files in ${dir} do not include its CA`);
  });

  test('NODE_EXTRA_CA_CERTS naming the CA file: verified, the same analysis', async () => {
    expect(analysisOf(await analyze([ref()], { NODE_EXTRA_CA_CERTS: tls.tls!.caCert }))).toEqual(expected);
  });

  test('a cert dir that is not one: a client certificate without its key, a missing --cert-dir', async () => {
    const dir = certDir(join(work, 'unpaired'), { 'ca.crt': tls.tls!.caCert, 'client.cert': tls.tls!.clientCert });
    expect(failureLine(await analyze([ref(), '--cert-dir', dir]))).toBe(
      `${dir}/client.cert is a client certificate without its key client.key (CA certificates use the extension .crt)`,
    );
    const absent = join(work, 'absent');
    expect(failureLine(await analyze([ref(), '--cert-dir', absent]))).toBe(`--cert-dir ${absent}: no such directory`);
  });

  test('a dangling .crt link is skipped, as containers/image does', async () => {
    const dir = certDir(join(work, 'dangling'), { 'ca.crt': tls.tls!.caCert });
    symlinkSync(join(work, 'nowhere.crt'), join(dir, 'gone.crt'));
    expect(analysisOf(await analyze([ref(), '--cert-dir', dir]))).toEqual(expected);
  });
});

describe('registry with mutual TLS (http.tls.clientcas, CLI)', () => {
  let reg: RegistryHandle;
  let work: string;
  let env: NodeJS.ProcessEnv;
  let expected: Analysis;
  const ref = () => `docker://${reg.host}/ns/app:1`;
  const analyze = (args: string[]) =>
    runCli(['analyze', ref(), ...args, '--format', 'json', '--fail-on', 'none'], { env, timeoutMs: 60_000 });

  beforeAll(async () => {
    work = makeTempDir('regmtls');
    mkdirSync(join(work, 'home'));
    env = {
      HOME: join(work, 'home'),
      XDG_CONFIG_HOME: '',
      NODE_EXTRA_CA_CERTS: '',
      DOCKER_CONFIG: '/nonexistent',
      REGISTRY_AUTH_FILE: '',
    };
    reg = await startRegistry({ tls: { requireClientCert: true } });
    await pushRecipe(baseRecipe('app'), join(work, 'a'), ref(), undefined, reg.skopeoDestArgs);
  }, SLOW);
  afterAll(async () => {
    await reg?.stop();
    removeDir(work);
  });

  test('ca.crt with client.cert and client.key: the same layers as pushed', async () => {
    const pki = reg.tls!;
    const dir = certDir(join(work, 'full'), {
      'ca.crt': pki.caCert,
      'client.cert': pki.clientCert,
      'client.key': pki.clientKey,
    });
    expected = analysisOf(await analyze(['--cert-dir', dir]));
    expect(expected.layers).toHaveLength(3);
  });

  test('without a client certificate: exit 2, one line saying the registry asks for one and where it goes', async () => {
    const dir = certDir(join(work, 'ca-only'), { 'ca.crt': reg.tls!.caCert });
    // not "HTTP 400" from falling back to plain HTTP: the TLS alert is the registry refusing us
    expect(failureLine(await analyze(['--cert-dir', dir]))).toMatch(
      new RegExp(
        `^registry ${escapeRe(reg.host)} asks for a client certificate \\(mutual TLS; TLS alert: (bad certificate|certificate required)\\): ` +
          `put NAME\\.cert and NAME\\.key in /etc/containers/certs\\.d/${escapeRe(reg.host)}/ or in --cert-dir DIR$`,
      ),
    );
    expect(failureLine(await analyze(['--insecure']))).toMatch(/asks for a client certificate/);
  });

  test('a client certificate from a CA the registry does not trust: one line, no key material', async () => {
    const stranger = makeTestPki(join(work, 'stranger'), 'stranger');
    const dir = certDir(join(work, 'stranger-cert'), {
      'ca.crt': reg.tls!.caCert,
      'me.cert': stranger.clientCert,
      'me.key': stranger.clientKey,
    });
    const r = await analyze(['--cert-dir', dir]);
    const line = failureLine(r);
    expect(line).toMatch(
      new RegExp(
        `^registry ${escapeRe(reg.host)} refused the client certificate from ${escapeRe(dir)} \\(TLS alert: [a-z ]+\\): it needs one signed by a CA the registry trusts$`,
      ),
    );
    const keyBody = readFileSync(stranger.clientKey, 'utf8').split('\n')[1] as string;
    expect(r.stderr).not.toContain('PRIVATE KEY');
    expect(r.stderr).not.toContain(keyBody);
  });

  test('--insecure skips the server check but still presents the client certificate', async () => {
    const dir = certDir(join(work, 'no-ca'), { 'client.cert': reg.tls!.clientCert, 'client.key': reg.tls!.clientKey });
    expect(analysisOf(await analyze(['--cert-dir', dir, '--insecure']))).toEqual(expected);
  });
});
