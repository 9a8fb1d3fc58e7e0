// A Go binary built here by the Debian Go toolchain (offline: a local module through `replace`),
// in a rootfs tar made by GNU tar. Expected: what `go version -m` prints of the same binary.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, layerlint } from '../cli/run-cli.js';

function run(cmd: string, args: string[], cwd?: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

let work: string;
beforeAll(async () => {
  await ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'll-pkg-go-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('a Go binary is a package: its main module, version, dependencies and bytes', () => {
  const src = join(work, 'src');
  mkdirSync(join(src, 'greet'), { recursive: true });
  writeFileSync(
    join(src, 'go.mod'),
    'module example.com/app\n\ngo 1.19\n\nrequire example.com/greet v0.1.0\n\nreplace example.com/greet => ./greet\n',
  );
  writeFileSync(join(src, 'greet/go.mod'), 'module example.com/greet\n\ngo 1.19\n');
  writeFileSync(join(src, 'greet/greet.go'), 'package greet\n\nfunc Hello() string { return "hello" }\n');
  writeFileSync(
    join(src, 'main.go'),
    'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/greet"\n)\n\nfunc main() { fmt.Println(greet.Hello()) }\n',
  );
  const env = { GOPROXY: 'off', GOFLAGS: '-mod=mod', GOCACHE: join(work, 'cache'), HOME: work, CGO_ENABLED: '0' };
  run('go', ['build', '-o', join(work, 'app'), '.'], src, env);
  const printed = run('go', ['version', '-m', join(work, 'app')], undefined, env);
  const goVersion = /: (go\S+)/.exec(printed)?.[1];
  const mod = /^\tmod\t(\S+)\t(\S+)/m.exec(printed);
  const dep = /^\tdep\t(\S+)\t(\S+)/m.exec(printed);
  const replaced = /^\t=>\t(\S+)/m.exec(printed);

  const root = join(work, 'root');
  mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
  copyFileSync(join(work, 'app'), join(root, 'usr/local/bin/app'));
  chmodSync(join(root, 'usr/local/bin/app'), 0o755);
  copyFileSync(join(work, 'app'), join(root, 'usr/local/bin/app.data')); // not executable: not read
  chmodSync(join(root, 'usr/local/bin/app.data'), 0o644);
  run('tar', ['--numeric-owner', '-C', root, '-cf', join(work, 'image.tar'), '.']);

  const report = JSON.parse(layerlint(['analyze', join(work, 'image.tar'), '--format', 'json']).stdout).images[0]
    .packages;
  const size = Number(run('stat', ['-c', '%s', join(work, 'app')]).trim());
  expect(report.packages).toEqual([
    {
      ecosystem: 'go',
      name: mod?.[1],
      version: mod?.[2],
      location: '/usr/local/bin/app',
      bytes: size,
      files: 1,
      installedIn: 0,
      upgradedIn: [],
      wastedBytes: 0,
      section: goVersion,
      modules: [`${dep?.[1]}@${dep?.[2]} => ${replaced?.[1]}`],
    },
  ]);
  expect(mod?.[1]).toBe('example.com/app');
});
