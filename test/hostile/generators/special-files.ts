// Item 5: inputs that are not regular files. Each case is a command line whose input (archive,
// OCI layout member, Dockerfile, config, an upward-found .layerlint.yaml) is a FIFO nobody writes
// to, or a symlink to /dev/zero or /dev/urandom, made fresh under `dir`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeImage } from '../../../fixtures/builder/index.js';

export type Special = 'fifo' | 'zero' | 'urandom';
export const SPECIALS: Special[] = ['fifo', 'zero', 'urandom'];

export interface SpecialCase {
  name: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** what the one refusal line must name */
  names: RegExp;
}

/** Make `path` the special file. */
export function makeSpecial(path: string, kind: Special): void {
  rmSync(path, { recursive: true, force: true });
  if (kind === 'fifo') execFileSync('mkfifo', [path]);
  else symlinkSync(`/dev/${kind}`, path);
}

const recipe = { layers: [{ files: [{ path: '/etc/hostname', content: 'x\n' }] }] };

export async function specialFileCases(dir: string, kind: Special): Promise<SpecialCase[]> {
  const cases: SpecialCase[] = [];
  mkdirSync(dir, { recursive: true });
  const image = join(dir, 'image.tar');
  await writeImage(recipe, 'docker-legacy', image);
  const dockerfile = join(dir, 'Dockerfile');
  writeFileSync(dockerfile, 'FROM scratch\nCOPY x /x\n');

  const archive = join(dir, `archive-${kind}.tar`);
  makeSpecial(archive, kind);
  cases.push({ name: 'archive', args: ['analyze', archive], names: /archive-/ });

  for (const member of ['index.json', 'config', 'layer'] as const) {
    const layout = join(dir, `oci-${member}`);
    await writeImage(recipe, 'oci-dir', layout);
    const blobs = join(layout, 'blobs', 'sha256');
    const index = JSON.parse(execFileSync('cat', [join(layout, 'index.json')], { encoding: 'utf8' }));
    const manifest = JSON.parse(
      execFileSync('cat', [join(blobs, index.manifests[0].digest.slice(7))], { encoding: 'utf8' }),
    );
    const target =
      member === 'index.json'
        ? join(layout, 'index.json')
        : join(blobs, (member === 'config' ? manifest.config : manifest.layers[0]).digest.slice(7));
    makeSpecial(target, kind);
    cases.push({ name: `OCI layout ${member}`, args: ['analyze', `oci:${layout}`], names: /OCI layout/ });
  }

  const specialDockerfile = join(dir, `Dockerfile-${kind}`);
  makeSpecial(specialDockerfile, kind);
  cases.push({
    name: 'Dockerfile (analyze)',
    args: ['analyze', image, '--dockerfile', specialDockerfile],
    names: /Dockerfile-/,
  });
  cases.push({ name: 'Dockerfile (fix)', args: ['fix', specialDockerfile], names: /Dockerfile-/ });

  const config = join(dir, `config-${kind}.yaml`);
  makeSpecial(config, kind);
  cases.push({ name: '-c config', args: ['analyze', image, '-c', config], names: /config-/ });

  // a pull request adds .layerlint.yaml at the repository's top; the job runs in a folder below it
  const repo = join(dir, `repo-${kind}`);
  const sub = join(repo, 'service');
  mkdirSync(sub, { recursive: true });
  makeSpecial(join(repo, '.layerlint.yaml'), kind);
  cases.push({ name: 'upward-found .layerlint.yaml', args: ['analyze', image], cwd: sub, names: /\.layerlint\.yaml/ });

  // a registry's CA in --cert-dir, a TLS daemon's CA in DOCKER_CERT_PATH (read before connecting)
  const certs = join(dir, `certs-${kind}`);
  mkdirSync(certs, { recursive: true });
  makeSpecial(join(certs, 'ca.crt'), kind);
  makeSpecial(join(certs, 'ca.pem'), kind);
  cases.push({
    name: '--cert-dir CA',
    args: ['analyze', 'docker://registry.invalid/ns/app:1', '--cert-dir', certs],
    names: /ca\.crt/,
  });
  cases.push({
    name: 'DOCKER_CERT_PATH CA',
    args: ['analyze', 'docker-daemon:app:1'],
    env: { DOCKER_HOST: 'tcp://127.0.0.1:1', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs },
    names: /ca\.pem/,
  });
  return cases;
}
