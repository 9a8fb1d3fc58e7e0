// Language packages as their real installers leave them: node_modules written by npm (this
// repository's own, scoped and nested packages included) and a virtualenv made by `python3 -m venv`
// (pip and setuptools with their dist-info RECORD). The image is a rootfs tar made by GNU tar.
// Expected bytes: `find` sizes of each npm package directory (nested node_modules excluded), and
// the files `pip show -f` lists for each Python package.
import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt, layerlint, REPO } from '../cli/run-cli.js';

function run(cmd: string, args: string[], cwd?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const NPM_PACKAGES = ['yargs', 'wrap-ansi', '@isaacs/cliui'];

let work: string;
let stage: string;
beforeAll(async () => {
  await ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'll-pkg-lang-'));
  stage = join(work, 'rootfs');
  for (const p of NPM_PACKAGES)
    cpSync(join(REPO, 'node_modules', p), join(stage, 'app/node_modules', p), {
      recursive: true,
      verbatimSymlinks: true,
    });
  mkdirSync(join(stage, 'opt'), { recursive: true });
  run('python3', ['-m', 'venv', join(stage, 'opt/venv')]);
  run('tar', ['--sort=name', '--numeric-owner', '-C', stage, '-cf', join(work, 'rootfs.tar'), '.']);
}, 5 * 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function findBytes(dir: string): number {
  const out = run('find', [dir, '-path', `${dir}/node_modules`, '-prune', '-o', '-type', 'f', '-printf', '%s\\n']);
  return out
    .split('\n')
    .filter(Boolean)
    .reduce((s, n) => s + Number(n), 0);
}

test('npm and pip packages, each with the bytes its installer put down', () => {
  const r = layerlint(['analyze', join(work, 'rootfs.tar'), '--format', 'json']);
  const report = JSON.parse(r.stdout).images[0].packages;
  const byKey = new Map<string, { version: string; bytes: number }>(
    report.packages.map((p: { ecosystem: string; location: string }) => [`${p.ecosystem} ${p.location}`, p]),
  );

  // npm: every package directory below /app/node_modules (nested and scoped ones too)
  const dirs = run('find', [join(stage, 'app/node_modules'), '-name', 'package.json', '-printf', '%h\\n'])
    .split('\n')
    .filter((d) => d && /\/node_modules\/(?:@[^/]+\/)?[^/@][^/]*$/.test(d));
  expect(dirs.length).toBeGreaterThanOrEqual(7);
  for (const dir of dirs) {
    const location = `/${dir.slice(stage.length + 1)}`;
    const version = JSON.parse(
      run('node', ['-p', `JSON.stringify(require(${JSON.stringify(`${dir}/package.json`)}).version)`]),
    );
    expect([location, byKey.get(`npm ${location}`)?.version, byKey.get(`npm ${location}`)?.bytes]).toEqual([
      location,
      version,
      findBytes(dir),
    ]);
  }

  // Python: pip's own listing of each installed distribution's files
  const python = join(stage, 'opt/venv/bin/python');
  for (const name of ['pip', 'setuptools']) {
    const shown = run(python, ['-m', 'pip', 'show', '-f', name]);
    const location = /^Location: (.+)$/m.exec(shown)?.[1] as string;
    const version = /^Version: (.+)$/m.exec(shown)?.[1] as string;
    let bytes = 0;
    for (const rel of shown.slice(shown.indexOf('Files:')).split('\n').slice(1)) {
      if (!rel.trim()) continue;
      const st = lstatSync(resolve(location, rel.trim()), { throwIfNoEntry: false });
      if (st?.isFile()) bytes += st.size;
    }
    const pkg = report.packages.find(
      (p: { ecosystem: string; name: string }) => p.ecosystem === 'python' && p.name === name,
    );
    expect([name, pkg?.version, pkg?.bytes]).toEqual([name, version, bytes]);
  }
  expect(Object.keys(report.byEcosystem).sort()).toEqual(['npm', 'python']);
});
