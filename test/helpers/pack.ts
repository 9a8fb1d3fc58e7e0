// `npm pack` as a release would run it: on a copy of the sources as a clean clone has them
// (tracked and new files, nothing git ignores: no dist/), so prepack builds; the repository's own
// dist/, which other tests run at the same time, is left alone.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './cli.js';

/** Packs a clean copy of the repository under `work`; returns the tarball's path. */
export function packCleanCopy(work: string, env: NodeJS.ProcessEnv = process.env): string {
  const copy = join(work, 'clone');
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (files.status !== 0) throw new Error(`git ls-files failed: ${files.stderr}`);
  for (const file of files.stdout.split('\0').filter(Boolean)) {
    try {
      cpSync(join(REPO, file), join(copy, file), { recursive: true });
    } catch (err) {
      // a file deleted in the working tree but still in the index
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  // the build's tools (tsc, esbuild) from the repository's node_modules
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
  const out = join(work, 'packed');
  mkdirSync(out);
  const pack = spawnSync('npm', ['pack', '--pack-destination', out, '--loglevel=error'], {
    cwd: copy,
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stdout}\n${pack.stderr}`);
  const [name] = readdirSync(out);
  return join(out, name);
}
