// Local stand-ins for the public base images the repository's Dockerfile names (node:24-bookworm-slim
// to build, gcr.io/distroless/nodejs24-debian12:nonroot to run), made without internet from real
// parts: the Node binary of the npm registry's `node` package, the shared libraries it links,
// busybox-static for a shell, this machine's npm and CA certificates; each an image in the given
// dockerd, built FROM scratch from those files.
import { chmodSync, chownSync, copyFileSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DockerdHandle } from './dockerd.js';
import { run } from './process.js';

const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** Node at `nodeAt` in `root`, with every library `ldd` names at its own path */
function addNode(root: string, nodeBin: string, nodeAt: string): void {
  mkdirSync(dirname(join(root, nodeAt)), { recursive: true });
  copyFileSync(realpathSync(nodeBin), join(root, nodeAt));
  chmodSync(join(root, nodeAt), 0o755);
  const ldd = run('ldd', [realpathSync(nodeBin)]).stdout;
  for (const m of ldd.matchAll(/(\/\S+) \(0x/g)) {
    const lib = m[1];
    mkdirSync(dirname(join(root, lib)), { recursive: true });
    copyFileSync(realpathSync(lib), join(root, lib));
  }
}

function addSystemFiles(root: string, users: string, groups: string): void {
  mkdirSync(join(root, 'etc/ssl/certs'), { recursive: true });
  copyFileSync(CA_BUNDLE, join(root, CA_BUNDLE));
  writeFileSync(join(root, 'etc/passwd'), users);
  writeFileSync(join(root, 'etc/group'), groups);
  mkdirSync(join(root, 'tmp'));
  chmodSync(join(root, 'tmp'), 0o1777);
}

/**
 * An image of `root`'s files, built FROM scratch by a COPY (a history with the instruction that
 * made each layer, as the public images' builds leave) plus `instructions`.
 */
function imageFromRoot(docker: DockerdHandle, root: string, name: string, instructions: string[]): void {
  const dockerfile = `${root}.Dockerfile`;
  writeFileSync(dockerfile, ['FROM scratch', 'COPY . /', ...instructions, ''].join('\n'));
  run('/usr/bin/docker', ['build', '-f', dockerfile, '-t', name, root], {
    env: { ...docker.env, DOCKER_BUILDKIT: '0' },
  });
}

/**
 * A build image (busybox shell, Node and npm at /usr/local, the CA certificates npm needs to reach
 * the registry) and a runtime image (Node at /nodejs/bin/node and its libraries, nothing else, a
 * `nonroot` user 65532), both named `<prefix>/...:<Node major>`.
 */
export function makeNodeBaseImages(
  docker: DockerdHandle,
  nodeBin: string,
  work: string,
): { buildImage: string; runtimeImage: string } {
  const major = run(nodeBin, ['-p', 'process.versions.node.split(".")[0]']).stdout.trim();

  const build = join(work, 'node-build-root');
  addNode(build, nodeBin, 'usr/local/bin/node');
  for (const dir of ['bin', 'usr/bin', 'root']) mkdirSync(join(build, dir), { recursive: true });
  copyFileSync('/bin/busybox', join(build, 'bin/busybox'));
  chmodSync(join(build, 'bin/busybox'), 0o755);
  const applets = run('/bin/busybox', ['--list']).stdout.split('\n').filter(Boolean);
  for (const applet of applets) if (applet !== 'busybox') symlinkSync('busybox', join(build, 'bin', applet));
  symlinkSync('/bin/env', join(build, 'usr/bin/env'));
  const npm = dirname(dirname(realpathSync(run('sh', ['-c', 'command -v npm']).stdout.trim())));
  mkdirSync(join(build, 'usr/local/lib/node_modules'), { recursive: true });
  run('cp', ['-a', npm, join(build, 'usr/local/lib/node_modules/npm')]);
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(build, 'usr/local/bin/npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(build, 'usr/local/bin/npx'));
  addSystemFiles(build, 'root:x:0:0:root:/root:/bin/sh\n', 'root:x:0:\n');
  const buildImage = `layerlint-test/node-build:${major}`;
  imageFromRoot(docker, build, buildImage, [
    'ENV PATH=/usr/local/bin:/usr/bin:/bin',
    'ENV HOME=/root',
    `ENV NODE_EXTRA_CA_CERTS=${CA_BUNDLE}`,
    'CMD ["/bin/sh"]',
  ]);

  const runtime = join(work, 'node-runtime-root');
  addNode(runtime, nodeBin, 'nodejs/bin/node');
  addSystemFiles(
    runtime,
    'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n',
    'root:x:0:\nnonroot:x:65532:\n',
  );
  mkdirSync(join(runtime, 'home/nonroot'), { recursive: true });
  chownSync(join(runtime, 'home/nonroot'), 65532, 65532);
  const runtimeImage = `layerlint-test/node-runtime:${major}`;
  imageFromRoot(docker, runtime, runtimeImage, [
    'USER 65532',
    'ENV HOME=/home/nonroot',
    `ENV SSL_CERT_FILE=${CA_BUNDLE}`,
    'ENTRYPOINT ["/nodejs/bin/node"]',
  ]);
  return { buildImage, runtimeImage };
}
