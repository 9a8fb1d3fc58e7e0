// The daemon source over tcp://, through the built CLI as a user runs it, against real dockerd
// 20.10: one started with --tlsverify (a test CA; client certificates required), read with
// DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as the docker CLI reads them, and one
// listening on plain-HTTP tcp:// (the raw socket reader). Both also listen on a unix socket, which
// loads the image and gives the analysis the tcp:// runs must match.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeImage } from '../../fixtures/builder/index.js';
import { runCli } from '../helpers/cli.js';
import {
  type DockerdHandle,
  loadImageArchive,
  makeTempDir,
  makeTestPki,
  removeDir,
  startDockerd,
} from '../support/index.js';
import { type Analysis, analysisOf, escapeRe, failureLine } from './helpers/cli-result.js';
import { baseRecipe } from './helpers/images.js';

const SLOW = 180_000;
const IMAGE = 'layerlint/tls-app:1';

/** A DOCKER_CERT_PATH holding the named files: { 'ca.pem': path, ... }. */
function certPath(path: string, files: Record<string, string>): string {
  mkdirSync(path, { recursive: true });
  for (const [name, from] of Object.entries(files)) copyFileSync(from, join(path, name));
  return path;
}

/** Write the test image as `docker save` output and load it into the daemon over its unix socket. */
async function loadTestImage(d: DockerdHandle, work: string): Promise<string[]> {
  const archive = join(work, `image-${d.pid}.tar`);
  const built = await writeImage(baseRecipe('tls-app'), 'docker-legacy', archive, { tag: IMAGE });
  expect(await loadImageArchive(d.socketPath, archive)).toEqual([IMAGE]);
  return built.layers.map((l) => l.diffId);
}

describe('daemon over tcp:// with TLS (dockerd --tlsverify, CLI)', () => {
  let d: DockerdHandle;
  let work: string;
  let expected: Analysis;
  let base: NodeJS.ProcessEnv;
  let diffIds: string[];
  const analyze = (env: NodeJS.ProcessEnv, args: string[] = []) =>
    runCli(['analyze', `docker-daemon:${IMAGE}`, ...args, '--format', 'json', '--fail-on', 'none'], {
      env: { ...base, ...env },
      timeoutMs: 60_000,
    });
  const overTls = (env: NodeJS.ProcessEnv = {}) => analyze({ DOCKER_HOST: d.tcpHost, DOCKER_TLS_VERIFY: '1', ...env });

  beforeAll(async () => {
    work = makeTempDir('daemontls');
    mkdirSync(join(work, 'home'));
    // nothing from the user running the tests: no docker config dir, no daemon from the environment
    base = {
      HOME: join(work, 'home'),
      DOCKER_CONFIG: join(work, 'no-docker-config'),
      DOCKER_HOST: '',
      DOCKER_TLS_VERIFY: '',
      DOCKER_CERT_PATH: '',
      CONTAINER_HOST: '',
    };
    d = await startDockerd({ tcp: { tls: true } });
    diffIds = await loadTestImage(d, work);
    expected = analysisOf(await analyze({ DOCKER_HOST: d.dockerHost }));
  }, SLOW);
  afterAll(async () => {
    await d?.stop();
    removeDir(work);
  }, 60_000);

  test('over the unix socket: the layers written', () => {
    expect(expected.layers.map((l: { diffId: string }) => l.diffId)).toEqual(diffIds);
  });

  test('DOCKER_HOST=tcp://, DOCKER_TLS_VERIFY=1, DOCKER_CERT_PATH: the same analysis as over the unix socket', async () => {
    expect(analysisOf(await overTls({ DOCKER_CERT_PATH: d.tls!.clientCertPath }))).toEqual(expected);
  });

  test('--host tcp:// and DOCKER_CERT_PATH unset: ca.pem, cert.pem, key.pem from the docker config dir', async () => {
    const config = certPath(join(work, 'docker-config'), {
      'ca.pem': d.tls!.caCert,
      'cert.pem': d.tls!.clientCert,
      'key.pem': d.tls!.clientKey,
    });
    const r = await analyze({ DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: config }, ['--host', d.tcpHost!]);
    expect(analysisOf(r)).toEqual(expected);
  });

  test('no certificates where DOCKER_CERT_PATH points: exit 2, one line naming the endpoint and the file', async () => {
    expect(failureLine(await overTls())).toBe(
      `the daemon at ${d.tcpHost} (DOCKER_HOST) is reached over TLS: cannot read ${join(work, 'no-docker-config')}/ca.pem (the default of DOCKER_CERT_PATH; ENOENT): point DOCKER_CERT_PATH at the directory holding the daemon's CA (ca.pem) and a client certificate (cert.pem, key.pem)`,
    );
  });

  test('the CA of another PKI: exit 2, one line naming the endpoint and the CA file', async () => {
    const other = makeTestPki(join(work, 'other-pki'), 'other');
    const dir = certPath(join(work, 'wrong-ca'), {
      'ca.pem': other.caCert,
      'cert.pem': other.clientCert,
      'key.pem': other.clientKey,
    });
    expect(failureLine(await overTls({ DOCKER_CERT_PATH: dir }))).toMatch(
      new RegExp(
        `^the TLS certificate of the daemon at ${escapeRe(d.tcpHost!)} \\(DOCKER_HOST\\) is not trusted \\(self-signed or signed by an unknown CA: [^)]+\\): ${escapeRe(dir)}/ca\\.pem is not the CA that signed it; point DOCKER_CERT_PATH at the directory holding the daemon's CA \\(ca\\.pem\\) and a client certificate \\(cert\\.pem, key\\.pem\\)$`,
      ),
    );
  });

  test('the right CA but no client certificate: the daemon asks for one', async () => {
    const dir = certPath(join(work, 'ca-only'), { 'ca.pem': d.tls!.caCert });
    expect(failureLine(await overTls({ DOCKER_CERT_PATH: dir }))).toMatch(
      new RegExp(
        `^the daemon at ${escapeRe(d.tcpHost!)} \\(DOCKER_HOST\\) asks for a client certificate \\(TLS alert: (bad certificate|certificate required)\\): put cert\\.pem and key\\.pem in DOCKER_CERT_PATH \\(now ${escapeRe(dir)}\\)$`,
      ),
    );
  });

  test('a client certificate the daemon did not issue: refused, and no key material in the output', async () => {
    const stranger = makeTestPki(join(work, 'stranger-pki'), 'stranger');
    const dir = certPath(join(work, 'stranger'), {
      'ca.pem': d.tls!.caCert,
      'cert.pem': stranger.clientCert,
      'key.pem': stranger.clientKey,
    });
    const r = await overTls({ DOCKER_CERT_PATH: dir });
    expect(failureLine(r)).toMatch(
      new RegExp(
        `^the daemon at ${escapeRe(d.tcpHost!)} \\(DOCKER_HOST\\) refused the client certificate ${escapeRe(dir)}/cert\\.pem \\(TLS alert: [a-z ]+\\): it needs one signed by the CA given to dockerd --tlscacert$`,
      ),
    );
    expect(r.stderr).not.toContain('PRIVATE KEY');
    expect(r.stderr).not.toContain(readFileSync(stranger.clientKey, 'utf8').split('\n')[1]);
  });

  test('a half client certificate (cert.pem without key.pem): one line naming the file', async () => {
    const dir = certPath(join(work, 'half'), { 'ca.pem': d.tls!.caCert, 'cert.pem': d.tls!.clientCert });
    expect(failureLine(await overTls({ DOCKER_CERT_PATH: dir }))).toBe(
      `the daemon at ${d.tcpHost} (DOCKER_HOST) is reached over TLS: ${dir}/cert.pem has no key.pem beside it`,
    );
  });

  test('DOCKER_TLS_VERIFY unset (plain HTTP to the TLS port): one line saying the daemon speaks TLS', async () => {
    expect(failureLine(await analyze({ DOCKER_HOST: d.tcpHost }))).toBe(
      `the daemon at ${d.tcpHost} (DOCKER_HOST) speaks TLS: set DOCKER_TLS_VERIFY=1 and point DOCKER_CERT_PATH at the directory holding the daemon's CA (ca.pem) and a client certificate (cert.pem, key.pem), as for docker`,
    );
  });
});

describe('daemon over plain-HTTP tcp:// (raw socket reader, CLI)', () => {
  let d: DockerdHandle;
  let work: string;
  let expected: Analysis;
  let base: NodeJS.ProcessEnv;
  const analyze = (ref: string, env: NodeJS.ProcessEnv) =>
    runCli(['analyze', ref, '--format', 'json', '--fail-on', 'none'], { env: { ...base, ...env }, timeoutMs: 60_000 });

  beforeAll(async () => {
    work = makeTempDir('daemontcp');
    base = {
      DOCKER_CONFIG: join(work, 'no-docker-config'),
      DOCKER_TLS_VERIFY: '',
      DOCKER_CERT_PATH: '',
      CONTAINER_HOST: '',
    };
    d = await startDockerd({ tcp: {} });
    await loadTestImage(d, work);
    expected = analysisOf(await analyze(`docker-daemon:${IMAGE}`, { DOCKER_HOST: d.dockerHost }));
  }, SLOW);
  afterAll(async () => {
    await d?.stop();
    removeDir(work);
  }, 60_000);

  test('DOCKER_HOST=tcp://127.0.0.1:PORT: the same analysis as over the unix socket', async () => {
    const r = await analyze(`docker-daemon:${IMAGE}`, { DOCKER_HOST: d.tcpHost });
    expect(analysisOf(r)).toEqual(expected);
    expect(JSON.parse(r.stdout).images[0]).toMatchObject({ source: 'daemon', format: 'docker-save-legacy' });
  });

  test('an image the daemon does not have: one line naming the tcp:// endpoint', async () => {
    expect(failureLine(await analyze('docker-daemon:nope/missing:1', { DOCKER_HOST: d.tcpHost }))).toBe(
      `image "nope/missing:1" not found in the Docker daemon at ${d.tcpHost}: pull it first (docker pull nope/missing:1), or read it from a registry with docker://nope/missing:1`,
    );
  });

  test('DOCKER_TLS_VERIFY=1 against it: one line saying it answers plain HTTP', async () => {
    const dir = join(work, 'certs');
    makeTestPki(dir);
    copyFileSync(join(dir, 'ca.crt'), join(dir, 'ca.pem'));
    const r = await analyze(`docker-daemon:${IMAGE}`, {
      DOCKER_HOST: d.tcpHost,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: dir,
    });
    expect(failureLine(r)).toBe(
      `the daemon at ${d.tcpHost} (DOCKER_HOST) answers plain HTTP, not TLS: unset DOCKER_TLS_VERIFY (tcp:// on port 2376 and https:// mean TLS too)`,
    );
  });
});
