// rpm's sqlite database as rpm 4.18 writes it: packages built with rpmbuild, installed with `rpm
// -i` into a root, then upgraded in a second layer. Expected bytes come from `rpm -q` (each file's
// size and mode as rpm recorded them), not from layerlint's parser.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FileSpec, writeImage } from '../../fixtures/builder/index.js';
import { ensureBuilt, layerlint } from '../cli/run-cli.js';

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function spec(name: string, version: string, group: string, bytes: number): string {
  return `Name: ${name}
Version: ${version}
Release: 1
Summary: test package
License: MIT
Group: ${group}
BuildArch: noarch
%description
test package
%install
mkdir -p %{buildroot}/usr/share/${name} %{buildroot}/usr/bin
head -c ${bytes} /dev/zero | tr '\\0' 'x' > %{buildroot}/usr/share/${name}/data
echo '#!/bin/sh' > %{buildroot}/usr/bin/${name}
ln -s ${name} %{buildroot}/usr/bin/${name}-link
%files
/usr/share/${name}
/usr/bin/${name}
/usr/bin/${name}-link
`;
}

/** Every non-directory below root, as fixture entries (the layer the real tools left on disk). */
function tree(root: string, dir = ''): Map<string, FileSpec> {
  const out = new Map<string, FileSpec>();
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    const st = lstatSync(join(root, rel));
    if (st.isDirectory()) for (const [p, f] of tree(root, rel)) out.set(p, f);
    else if (st.isSymbolicLink()) out.set(rel, { path: rel, type: 'symlink', target: readlinkSync(join(root, rel)) });
    else if (st.isFile()) out.set(rel, { path: rel, content: readFileSync(join(root, rel)) });
  }
  return out;
}

/** What a layer on top of `before` holds to make `after`: changed files, and whiteouts for the removed. */
function diffLayer(before: Map<string, FileSpec>, after: Map<string, FileSpec>): FileSpec[] {
  const files: FileSpec[] = [];
  for (const [p, f] of after) {
    const old = before.get(p);
    const same =
      old &&
      old.type === f.type &&
      old.target === f.target &&
      Buffer.compare(Buffer.from(old.content ?? ''), Buffer.from(f.content ?? '')) === 0;
    if (!same) files.push(f);
  }
  for (const p of before.keys()) if (!after.has(p)) files.push({ path: p, type: 'whiteout' });
  return files;
}

let work: string;
beforeAll(async () => {
  await ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'll-pkg-rpm-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('rpm packages: installed, upgraded in a later layer, with the bytes rpm records', async () => {
  mkdirSync(join(work, 'SPECS'));
  const build = (file: string, text: string) => {
    writeFileSync(join(work, 'SPECS', file), text);
    run('rpmbuild', [
      '--define',
      `_topdir ${work}`,
      '--define',
      '_build_id_links none',
      '-bb',
      join(work, 'SPECS', file),
    ]);
  };
  build('data1.spec', spec('hello-data', '1.0', 'Applications/Text', 100_000));
  build('data2.spec', spec('hello-data', '2.0', 'Applications/Text', 150_000));
  build('devel.spec', spec('libfoo-devel', '3.1', 'Development/Libraries', 20_000));
  const rpms = join(work, 'RPMS', 'noarch');
  const rpm = (root: string, ...args: string[]) => run('rpm', ['--root', root, '--dbpath', '/var/lib/rpm', ...args]);
  const r1 = join(work, 'r1');
  mkdirSync(r1);
  rpm(r1, '--initdb');
  rpm(r1, '-i', '--nodeps', '--noscripts', join(rpms, 'hello-data-1.0-1.noarch.rpm'));
  const r2 = join(work, 'r2');
  cpSync(r1, r2, { recursive: true, verbatimSymlinks: true });
  rpm(
    r2,
    '-U',
    '--nodeps',
    '--noscripts',
    join(rpms, 'hello-data-2.0-1.noarch.rpm'),
    join(rpms, 'libfoo-devel-3.1-1.noarch.rpm'),
  );
  for (const r of [r1, r2]) rmSync(join(r, 'var/lib/rpm/.rpm.lock'), { force: true });

  // rpm's own account of the final image: regular files' sizes per package
  const expected = new Map<string, number>();
  for (const line of rpm(r2, '-qa', '--qf', '[%{=NAME}\\t%{FILESIZES}\\t%{FILEMODES:perms}\\n]').split('\n')) {
    const [name, size, perms] = line.split('\t');
    if (!name) continue;
    expected.set(name, (expected.get(name) ?? 0) + (perms?.startsWith('-') ? Number(size) : 0));
  }
  const t1 = tree(r1);
  const archive = join(work, 'image.tar');
  await writeImage(
    {
      layers: [
        { files: [...t1.values()], createdBy: 'RUN rpm -i hello-data-1.0' },
        { files: diffLayer(t1, tree(r2)), createdBy: 'RUN rpm -U hello-data-2.0 libfoo-devel-3.1' },
      ],
    },
    'docker-legacy',
    archive,
  );
  const out = layerlint(['analyze', archive, '--format', 'json']);
  const report = JSON.parse(out.stdout).images[0].packages;
  expect(report.databases).toEqual(['/var/lib/rpm/rpmdb.sqlite']);
  expect(report.notices).toEqual([]);
  const pick = (p: Record<string, unknown>) => [
    p.name,
    p.version,
    p.bytes,
    p.installedIn,
    p.upgradedIn,
    p.wastedBytes,
    p.section,
  ];
  expect(report.packages.map(pick)).toEqual([
    // the 1.0 data file was replaced (wasted); the launcher script is byte-identical, so not re-shipped
    ['hello-data', '2.0-1', expected.get('hello-data'), 0, [1], 100_000, 'Applications/Text'],
    ['libfoo-devel', '3.1-1', expected.get('libfoo-devel'), 1, [], 0, 'Development/Libraries'],
  ]);
  expect(expected.get('hello-data')).toBe(150_000 + 10);
});
