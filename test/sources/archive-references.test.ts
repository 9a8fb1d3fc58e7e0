// References to one image of a multi-image archive, in skopeo's forms.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  archiveMembers,
  type BuiltImage,
  buildImage,
  legacyTwoImagesMembers,
  type Member,
  packMembers,
} from '../../fixtures/builder/index.js';
import { openImage } from '../../src/analyzers/sources/index.js';
import { parseReference } from '../../src/analyzers/sources/reference.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import { runCli } from '../helpers/cli.js';

const pool = new WalkPool(1);
const dir = mkdtempSync(join(tmpdir(), 'll-refs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const open = (ref: string) => openImage(ref, { limits: DEFAULT_LIMITS, pool });
const errorOf = (ref: string) =>
  open(ref).then(
    () => 'read',
    (err: Error) => `${err.name}: ${err.message}`,
  );

let one: BuiltImage;
let two: BuiltImage;
let docker: string;
let ociTar: string;
let ociDir: string;
beforeAll(async () => {
  const layer = { files: [{ path: 'etc/hostname', content: 'box\n' }] };
  one = await buildImage({ layers: [layer], config: { User: '1' } }, 'none');
  two = await buildImage(
    { layers: [layer, { files: [{ path: 'srv/two', size: 10 }] }], config: { User: '2' } },
    'none',
  );
  mkdirSync(join(dir, 'a:b'));
  docker = join(dir, 'a:b', 'two.tar'); // a colon in the path too
  writeFileSync(docker, await packMembers(legacyTwoImagesMembers(one, two, ['app:1', 'docker.io/library/app:2'])));
  // an OCI archive holding both, named "one" and "two" (skopeo's oci-archive:PATH:NAME)
  const members: Member[] = [];
  const manifests = [];
  for (const [image, name] of [
    [one, 'one'],
    [two, 'two'],
  ] as const) {
    for (const m of archiveMembers(image, 'oci-archive')) {
      if (m.name === 'index.json')
        manifests.push(
          ...JSON.parse(m.data!.toString()).manifests.map((d: object) => ({
            ...d,
            annotations: { 'org.opencontainers.image.ref.name': name },
          })),
        );
      else if (!members.some((x) => x.name === m.name)) members.push(m);
    }
  }
  members.push({ name: 'index.json', data: Buffer.from(JSON.stringify({ schemaVersion: 2, manifests })) });
  ociTar = join(dir, 'oci.tar');
  writeFileSync(ociTar, await packMembers(members));
  ociDir = join(dir, 'layout');
  mkdirSync(join(ociDir, 'blobs', 'sha256'), { recursive: true });
  for (const m of members) if (!m.dir) writeFileSync(join(ociDir, m.name), m.data!);
});

test('the path is the longest existing prefix, the rest names the image', () => {
  expect(parseReference(`docker-archive:${docker}:app:2`)).toEqual({ kind: 'archive', path: docker, tag: 'app:2' });
  expect(parseReference(`docker-archive:${docker}:@1`)).toEqual({ kind: 'archive', path: docker, tag: '@1' });
  expect(parseReference(`docker-archive:${docker}`)).toEqual({ kind: 'archive', path: docker });
  expect(parseReference(`oci:${ociDir}:two`)).toEqual({ kind: 'oci-dir', path: ociDir, tag: 'two' });
  expect(parseReference('docker-archive:missing.tar:app:2')).toEqual({
    kind: 'archive',
    path: 'missing.tar',
    tag: 'app:2',
  });
});

test.each([
  ['app:2', '2'],
  ['docker.io/library/app:2', '2'],
  ['app:1', '1'],
  ['@0', '1'],
  ['@1', '2'],
  ['2', '2'], // a bare tag that names exactly one image
])('docker-archive:PATH:%s', async (name, user) => {
  expect((await open(`docker-archive:${docker}:${name}`)).config.config?.User).toBe(user);
});

test('a name that matches nothing, or none given, lists the names', async () => {
  expect(await errorOf(`docker-archive:${docker}:app`)).toBe(
    `LayerlintError: archive ${docker} has no image named "app" (it has: app:1, docker.io/library/app:2)`,
  );
  expect(await errorOf(`docker-archive:${docker}:@2`)).toBe(
    `LayerlintError: archive ${docker} has no image @2: it holds 2 (@0 to @1)`,
  );
  expect(await errorOf(`docker-archive:${docker}`)).toMatch(
    /^LayerlintError: archive .* holds 2 images \(app:1, docker\.io\/library\/app:2\): name one as docker-archive:PATH:NAME:TAG or docker-archive:PATH:@N$/,
  );
  expect(await errorOf('docker-archive:missing.tar:app:2')).toBe(
    'LayerlintError: missing.tar: no such file or directory',
  );
});

test.each([
  ['oci-archive', () => ociTar],
  ['oci', () => ociDir],
])('%s:PATH:NAME picks by ref name, and never the first silently', async (transport, path) => {
  expect((await open(`${transport}:${path()}:two`)).config.config?.User).toBe('2');
  expect((await open(`${transport}:${path()}:one`)).config.config?.User).toBe('1');
  expect(await errorOf(`${transport}:${path()}:three`)).toMatch(/has no image named "three" \(it has: one, two\)$/);
  expect(await errorOf(`${transport}:${path()}`)).toMatch(
    /holds 2 images \(one, two\): name one as oci-archive:PATH:NAME/,
  );
});

test('the CLI reads docker-archive:PATH:NAME:TAG (the form its own message recommends)', async () => {
  const r = await runCli(['analyze', `docker-archive:${docker}:app:2`, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout).images[0].layers).toHaveLength(2);
});
