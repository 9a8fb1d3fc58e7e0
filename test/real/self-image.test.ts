// layerlint's own image (the Dockerfile at the repository root), built by the real dockerd from
// local stand-ins of its public base images (test/support/node-images.ts), analysed by layerlint
// itself with --fail-on warning, and run as its users run it: the daemon's socket mounted, or an
// archive mounted.
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, runCli } from '../helpers/cli.js';
import { type DockerdHandle, makeTempDir, removeDir, runAsync, startDockerd } from '../support/index.js';
import { makeNodeBaseImages } from '../support/node-images.js';

const IMAGE = 'layerlint-test/layerlint:self';
const EXAMPLE_DIR = join(REPO, 'fixtures/example');
let dockerd: DockerdHandle;
let work: string;
let buildArgs: string[];

beforeAll(async () => {
  work = makeTempDir('self-image');
  dockerd = await startDockerd();
  const node = spawnSync('bash', [join(REPO, 'scripts/node-for-tests.sh'), '24'], { encoding: 'utf8' });
  if (node.status !== 0) throw new Error(`no Node 24: ${node.stderr}`);
  const { buildImage, runtimeImage } = makeNodeBaseImages(dockerd, node.stdout.trim(), work);
  buildArgs = [`BUILD_IMAGE=${buildImage}`, `RUNTIME_IMAGE=${runtimeImage}`];
  // the classic builder of dockerd 20.10; the build stage's npm ci reaches the npm registry
  const build = await runAsync(
    '/usr/bin/docker',
    ['build', '--network', 'host', ...buildArgs.flatMap((a) => ['--build-arg', a]), '-t', IMAGE, REPO],
    { env: { ...dockerd.env, DOCKER_BUILDKIT: '0' } },
  );
  if (build.status !== 0) throw new Error(`docker build failed:\n${build.stdout.slice(-4000)}\n${build.stderr}`);
  dockerd.docker(['load', '-i', join(EXAMPLE_DIR, 'example-image.tar')]);
}, 20 * 60_000);

afterAll(async () => {
  await dockerd?.stop();
  if (work) removeDir(work);
}, 60_000);

const dockerRun = (args: string[]) =>
  spawnSync('/usr/bin/docker', ['run', '--rm', '--network', 'none', ...args], {
    env: dockerd.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });

test('layerlint passes its own gate on its image (--fail-on warning)', async () => {
  const args = ['analyze', `docker-daemon:${IMAGE}`, '--dockerfile', 'Dockerfile', '--fail-on', 'warning'];
  for (const a of buildArgs) args.push('--build-arg', a);
  const env = { DOCKER_HOST: dockerd.dockerHost };
  const json = await runCli([...args, '--format', 'json'], { env, timeoutMs: 120_000 });
  expect(json.stderr).toBe('');
  const report = JSON.parse(json.stdout).images[0];
  const above = report.findings.filter((f: { severity: string }) => f.severity !== 'note');
  expect(above).toEqual([]);
  expect(json.code).toBe(0);
  // the image is Node and layerlint: its own layer (the bundle and runtime dependencies) is small
  const layers = report.layers as { size: number; createdBy: string }[];
  const own = layers.filter((l) => /opt\/layerlint/.test(l.createdBy));
  expect(own).toHaveLength(1);
  expect(own[0].size).toBeLessThan(40 * 1024 ** 2);
  // the report the README shows
  const tty = await runCli([...args, '--format', 'tty'], { env, timeoutMs: 120_000 });
  expect(tty.code).toBe(0);
  expect(tty.stdout).toMatch(/^✓ PASS/m);
  // LAYERLINT_SELF_REPORT=FILE keeps the report and the image's size for the README
  const keep = process.env.LAYERLINT_SELF_REPORT;
  if (keep) {
    const size = JSON.parse(dockerd.docker(['image', 'inspect', IMAGE]))[0].Size;
    writeFileSync(keep, `size ${size}\n${tty.stdout}`);
  }
}, 240_000);

test('it runs as an unprivileged user, without a shell', () => {
  const inspect = JSON.parse(dockerd.docker(['image', 'inspect', IMAGE]))[0];
  expect(inspect.Config.User).toBe('65532:65532');
  expect(inspect.Config.Entrypoint).toEqual(['/nodejs/bin/node', '/opt/layerlint/bin/layerlint']);
  const shell = dockerRun(['--entrypoint', '/bin/sh', IMAGE, '-c', 'true']);
  expect(shell.status).not.toBe(0);
  const version = dockerRun([IMAGE, '--version']);
  expect([version.status, version.stdout]).toEqual([0, expect.stringMatching(/^layerlint \S+ \(Node v24\./)]);
});

test('docker run with the daemon socket mounted analyses docker-daemon:NAME', async () => {
  const gid = statSync(dockerd.socketPath).gid;
  const inImage = dockerRun([
    '-v',
    `${dockerd.socketPath}:/var/run/docker.sock`,
    '--group-add',
    String(gid),
    IMAGE,
    'analyze',
    'docker-daemon:example/app:latest',
    '--format',
    'json',
  ]);
  const onHost = await runCli(['analyze', 'docker-daemon:example/app:latest', '--format', 'json'], {
    env: { DOCKER_HOST: dockerd.dockerHost },
  });
  expect([inImage.status, inImage.stderr]).toEqual([1, '']);
  expect(JSON.parse(inImage.stdout).images[0].findings).toEqual(JSON.parse(onHost.stdout).images[0].findings);
}, 120_000);

test('docker run with an archive mounted analyses it', async () => {
  const inImage = dockerRun([
    '-v',
    `${EXAMPLE_DIR}:/work:ro`,
    IMAGE,
    'analyze',
    'example-image.tar',
    '--dockerfile',
    'Dockerfile',
    '--format',
    'json',
  ]);
  const onHost = await runCli(['analyze', 'example-image.tar', '--dockerfile', 'Dockerfile', '--format', 'json'], {
    cwd: EXAMPLE_DIR,
  });
  // the image carries no ShellCheck binary: one notice, and the same findings but ShellCheck's
  expect([inImage.status, inImage.stderr]).toEqual([
    1,
    'layerlint: shellcheck is not on PATH: RUN scripts were not checked (install the shellcheck package)\n',
  ]);
  const notShellcheck = (r: { stdout: string }) =>
    (JSON.parse(r.stdout).images[0].findings as { ruleId: string }[]).filter((f) => f.ruleId !== 'shellcheck');
  expect(notShellcheck(inImage)).toEqual(notShellcheck(onHost));
}, 120_000);
