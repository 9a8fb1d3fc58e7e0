// The I/O of `layerlint fix --prove`: build a Dockerfile with the builder that is there (the
// Docker daemon of DOCKER_HOST, else buildah), save the image as a docker archive, run its default
// command. Spawned with argument arrays (no shell); output bounded.
import { spawn } from 'node:child_process';
import { LayerlintError } from '../errors.js';

export type BuilderKind = 'docker' | 'buildah';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

const MAX_OUTPUT = 4 * 1024 * 1024;

/** Runs `program args`, collecting (bounded) output; never throws for a non-zero exit. */
export function runProgram(program: string, args: string[], timeoutMs = 30 * 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const keep = (into: Buffer[]) => (c: Buffer) => {
      size += c.length;
      if (size <= MAX_OUTPUT) into.push(c);
    };
    child.stdout.on('data', keep(out));
    child.stderr.on('data', keep(err));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      reject(new LayerlintError(missing ? `${program} is not on PATH` : `${program}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        status: code ?? (signal ? 128 : -1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** docker when DOCKER_HOST names a daemon, else buildah when it is installed; else an error. */
export async function pickBuilder(env: NodeJS.ProcessEnv): Promise<BuilderKind> {
  if (env.DOCKER_HOST) return 'docker';
  const buildah = await runProgram('buildah', ['--version'], 30_000).catch(() => undefined);
  if (buildah?.status === 0) return 'buildah';
  throw new LayerlintError('--prove needs a builder: set DOCKER_HOST to a Docker daemon, or install buildah');
}

function failed(what: string, r: RunResult): LayerlintError {
  const last = r.stderr.trim().split('\n').slice(-1)[0] ?? '';
  // the builder's own words, without control characters (never raw on the user's terminal)
  const printable = [...last].map((c) => (c < ' ' || c === '\x7f' ? ' ' : c)).join('');
  return new LayerlintError(`${what} failed (exit ${r.status}): ${printable}`);
}

/** Builds `dockerfile` with `context`, tags it `tag` and saves it as a docker archive at `archive`. */
export async function buildAndSave(
  builder: BuilderKind,
  dockerfile: string,
  context: string,
  tag: string,
  archive: string,
): Promise<void> {
  // the daemon's host network: a daemon without a default bridge (--bridge=none) still builds RUNs
  const build =
    builder === 'docker'
      ? await runProgram('docker', ['build', '--network', 'host', '-q', '-t', tag, '-f', dockerfile, context])
      : await runProgram('buildah', ['bud', '--isolation', 'chroot', '-q', '-t', tag, '-f', dockerfile, context]);
  if (build.status !== 0) throw failed(`building ${dockerfile}`, build);
  const save =
    builder === 'docker'
      ? await runProgram('docker', ['save', '-o', archive, tag])
      : await runProgram('buildah', ['push', tag, `docker-archive:${archive}:${tag}`]);
  if (save.status !== 0) throw failed(`saving ${tag}`, save);
}

/** Runs the image's default command (no network); docker only. */
export async function runDefaultCommand(builder: BuilderKind, tag: string): Promise<RunResult> {
  if (builder !== 'docker') throw new LayerlintError('--prove-run needs a Docker daemon (DOCKER_HOST)');
  return runProgram('docker', ['run', '--rm', '--network', 'none', tag], 10 * 60_000);
}

export async function removeImage(builder: BuilderKind, tag: string): Promise<void> {
  await runProgram(builder, builder === 'docker' ? ['rmi', '-f', tag] : ['rmi', '-f', tag], 60_000).catch(
    () => undefined,
  );
}
