// Bad input ends in exit code 2 and one clear line on stderr: no stack trace, no hang.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  archiveMembers,
  buildImage,
  type ImageRecipe,
  layerTar,
  packMembers,
  writeImage,
} from '../../fixtures/builder/index.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'layerlint-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const recipe: ImageRecipe = {
  layers: [
    {
      files: [
        { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
        { path: 'bin/app', size: 40_000 },
      ],
    },
    { files: [{ path: 'data/blob', size: 60_000 }] },
  ],
};

async function expectOneLineError(args: string[], pattern: RegExp, input?: Buffer) {
  const result = await runCli(['analyze', ...args, '--format', 'json'], { input, timeoutMs: 20_000 });
  expect(result.timedOut).toBe(false);
  expect(result.code).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^layerlint: /);
  expect(lines[0]).not.toMatch(/internal error|\n\s+at /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stdout).toBe('');
}

function file(name: string, bytes: Buffer | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function ociDir(name: string, compression: 'gzip' | 'zstd' | 'none', r: ImageRecipe = recipe) {
  const out = join(dir, name);
  const image = await writeImage(r, 'oci-dir', out, { compression });
  const blobOf = (digest: string) => join(out, 'blobs', 'sha256', digest.slice(7));
  return { out, image, blobOf };
}

test('an empty file', async () => {
  await expectOneLineError([file('empty.tar', '')], /archive .*empty\.tar is empty/);
});

test('an empty standard input', async () => {
  await expectOneLineError(['-'], /standard input is empty/, Buffer.alloc(0));
});

test('a file that is not an archive', async () => {
  await expectOneLineError(
    [file('text.tar', 'hello, this is not a tar archive\n'.repeat(40))],
    /not a valid tar archive|not a tar archive/,
  );
});

test('a truncated archive', async () => {
  const bytes = await packMembers(archiveMembers(await buildImage(recipe), 'docker-legacy'));
  await expectOneLineError([file('truncated.tar', bytes.subarray(0, Math.floor(bytes.length / 2)))], /truncated/);
});

test('a truncated archive on standard input', async () => {
  const bytes = await packMembers(archiveMembers(await buildImage(recipe), 'docker-legacy'));
  await expectOneLineError(['-'], /truncated|no member|manifest/, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
});

test('a truncated gzip layer', async () => {
  const { out, image, blobOf } = await ociDir('trunc-gz', 'gzip');
  const blob = blobOf(image.layers[1].digest);
  writeFileSync(blob, readFileSync(blob).subarray(0, 2000));
  await expectOneLineError([`oci:${out}`], /layer 1 .*(truncated|digest mismatch)/);
});

test('a truncated uncompressed layer names the entry and byte', async () => {
  const image = await buildImage(recipe);
  const members = archiveMembers(image, 'docker-legacy');
  const layer = members.find((m) => m.name.endsWith('/layer.tar') && m.data!.length > 60_000)!;
  layer.data = layer.data!.subarray(0, 30_000);
  await expectOneLineError(
    [file('trunc-layer.tar', await packMembers(members))],
    /"data\/blob" is truncated at byte \d+ of 60000/,
  );
});

test('corrupt gzip', async () => {
  const { out, image, blobOf } = await ociDir('corrupt-gz', 'gzip');
  const blob = blobOf(image.layers[1].digest);
  const bytes = readFileSync(blob);
  for (let i = 100; i < 400; i++) bytes[i] ^= 0x5a;
  writeFileSync(blob, bytes);
  await expectOneLineError([`oci:${out}`], /layer 1 .*(gzip data is corrupt|digest mismatch)/);
});

test('corrupt zstd', async () => {
  const { out, image, blobOf } = await ociDir('corrupt-zst', 'zstd');
  const blob = blobOf(image.layers[1].digest);
  const bytes = readFileSync(blob);
  for (let i = 20; i < bytes.length - 20; i += 7) bytes[i] ^= 0xa5;
  writeFileSync(blob, bytes);
  await expectOneLineError([`oci:${out}`], /layer 1 .*(zstd|digest mismatch|tar header)/);
});

test('a manifest naming a missing layer', async () => {
  const { out, image, blobOf } = await ociDir('missing-layer', 'gzip');
  unlinkSync(blobOf(image.layers[0].digest));
  await expectOneLineError([`oci:${out}`], /names layer sha256:[0-9a-f]{64} but OCI layout .* has no blobs\/sha256\//);
});

test('docker save manifest naming a missing layer', async () => {
  const members = archiveMembers(await buildImage(recipe), 'docker-legacy');
  const manifest = members.find((m) => m.name === 'manifest.json')!;
  const doc = JSON.parse(manifest.data!.toString());
  doc[0].Layers[1] = 'deadbeef/layer.tar';
  manifest.data = Buffer.from(JSON.stringify(doc));
  await expectOneLineError(
    [file('missing-legacy.tar', await packMembers(members))],
    /names layer "deadbeef\/layer\.tar" but .* does not contain it/,
  );
});

test('a layer digest mismatch names expected and actual digests', async () => {
  const { out, image, blobOf } = await ociDir('digest', 'none');
  const blob = blobOf(image.layers[1].digest);
  const bytes = readFileSync(blob);
  bytes[bytes.length - 1030] ^= 1; // inside the last file's content: still a valid tar
  writeFileSync(blob, bytes);
  await expectOneLineError(
    [`oci:${out}`],
    /layer 1 \(sha256:[0-9a-f]{12}\) digest mismatch: expected sha256:[0-9a-f]{64}, content is sha256:[0-9a-f]{64}/,
  );
});

test('a diffID mismatch', async () => {
  const image = await buildImage(recipe);
  const members = archiveMembers(image, 'docker-legacy');
  const layer = members.find((m) => m.name.endsWith('/layer.tar') && m.data!.length > 60_000)!;
  const bytes = Buffer.from(layer.data!);
  bytes[bytes.length - 1030] ^= 1;
  layer.data = bytes;
  await expectOneLineError(
    [file('diffid.tar', await packMembers(members))],
    /diffID mismatch: config says sha256:[0-9a-f]{64}, uncompressed content is sha256:/,
  );
});

test('invalid JSON in manifest.json', async () => {
  const members = archiveMembers(await buildImage(recipe), 'docker-legacy');
  members.find((m) => m.name === 'manifest.json')!.data = Buffer.from('[{"Config": ');
  await expectOneLineError(
    [file('bad-manifest.tar', await packMembers(members))],
    /manifest\.json in archive .*bad-manifest\.tar is not valid JSON/,
  );
});

test('invalid JSON in the config', async () => {
  const { out, image } = await ociDir('bad-config', 'gzip');
  const bad = Buffer.from('{"architecture": "amd64", ');
  const configPath = join(out, 'blobs', 'sha256', image.configDigest.slice(7));
  writeFileSync(configPath, bad);
  await expectOneLineError([`oci:${out}`], /image config .*digest mismatch|image config .* is not valid JSON/);
});

test('an index with no matching platform lists what there is', async () => {
  const { out } = await ociDir('platform', 'gzip', { ...recipe, architecture: 'arm64', variant: 'v8' });
  // give the index entry a platform, as multi-platform indexes do
  const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
  index.manifests[0].platform = { os: 'linux', architecture: 'arm64', variant: 'v8' };
  writeFileSync(join(out, 'index.json'), JSON.stringify(index));
  await expectOneLineError(
    [`oci:${out}`, '--platform', 'linux/s390x'],
    /has no image for linux\/s390x \(it has: linux\/arm64\/v8\); choose one with --platform/,
  );
});

test('a symlink loop in a symlinked docker archive', async () => {
  const members = archiveMembers(await buildImage(recipe), 'docker-symlinked');
  const manifest = members.find((m) => m.name === 'manifest.json')!;
  const doc = JSON.parse(manifest.data!.toString());
  doc[0].Layers[0] = 'loop/a.tar';
  manifest.data = Buffer.from(JSON.stringify(doc));
  members.push(
    { name: 'loop/', dir: true },
    { name: 'loop/a.tar', link: 'b.tar' },
    { name: 'loop/b.tar', link: 'a.tar' },
  );
  await expectOneLineError([file('loop.tar', await packMembers(members))], /symlink loop at "loop\/a\.tar"/);
});

test('a symlink loop in an OCI layout directory', async () => {
  const { out, image, blobOf } = await ociDir('dir-loop', 'gzip');
  const blob = blobOf(image.layers[0].digest);
  unlinkSync(blob);
  symlinkSync(blob, blob);
  await expectOneLineError([`oci:${out}`], /broken or looping link/);
});

function rawHeader(name: string, size: number, type: string): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write('00000000000\0', 136);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

test('a PAX header claiming gigabytes is refused without reading it', async () => {
  const layer = Buffer.concat([rawHeader('PaxHeaders/x', 5 * 1024 ** 3, 'x'), Buffer.alloc(4096)]);
  const members = archiveMembers(await buildImage(recipe), 'docker-legacy');
  const target = members.find((m) => m.name.endsWith('/layer.tar'))!;
  target.data = layer;
  await expectOneLineError(
    [file('pax.tar', await packMembers(members))],
    /PAX header claims 5368709120 bytes \(limit 1048576\)/,
  );
});

test('a gzip bomb stops at the decompressed-bytes limit', async () => {
  const bomb = gzipSync(Buffer.concat([rawHeader('zeros', 200 * 1024 * 1024, '0'), Buffer.alloc(200 * 1024 * 1024)]));
  expect(bomb.length).toBeLessThan(1024 * 1024);
  const out = join(dir, 'bomb');
  const image = await writeImage(recipe, 'oci-dir', out, { compression: 'gzip' });
  swapLayer(out, image.layers[1].digest, bomb);
  await expectOneLineError(
    [`oci:${out}`, '--max-layer-bytes', '50MB'],
    /expands past 50000000 bytes \(raise --max-layer-bytes\)/,
  );
});

test('a zstd frame asking for a huge window is refused before allocation', async () => {
  // frame header: magic, descriptor (no single segment), window descriptor 0xF8 = 2^(10+31) bytes
  const frame = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 0x01, 0x00, 0x00]);
  const out = join(dir, 'zbomb');
  const image = await writeImage(recipe, 'oci-dir', out, { compression: 'zstd' });
  swapLayer(out, image.layers[1].digest, frame);
  await expectOneLineError([`oci:${out}`], /zstd frame asks for a \d+-byte window \(limit 134217728\)/);
});

test('a zstd bomb stops at the decompressed-bytes limit', async () => {
  const tar = Buffer.concat([rawHeader('zeros', 120 * 1024 * 1024, '0'), Buffer.alloc(120 * 1024 * 1024)]);
  const bomb = execFileSync('zstd', ['-q', '-c', '-1'], { input: tar, maxBuffer: 1 << 30 });
  const out = join(dir, 'zbomb2');
  const image = await writeImage(recipe, 'oci-dir', out, { compression: 'zstd' });
  swapLayer(out, image.layers[1].digest, bomb);
  await expectOneLineError([`oci:${out}`, '--max-layer-bytes', '20MiB'], /expands past 20971520 bytes/);
});

test('an entry flood stops at the entry limit', async () => {
  const files = Array.from({ length: 3000 }, (_, i) => ({ path: `f/${i}`, content: '' }));
  const out = join(dir, 'flood');
  await writeImage({ layers: [{ files }] }, 'oci-dir', out, { compression: 'gzip' });
  await expectOneLineError(
    [`oci:${out}`, '--max-entries', '1000'],
    /the image holds more than 1000 tar entries \(raise --max-entries\)/,
  );
});

test('unsafe tar names are recorded under / and nothing is written anywhere', async () => {
  const unsafe: ImageRecipe = {
    layers: [
      {
        files: [
          { path: 'x', rawName: '../../etc/passwd-layerlint-test', content: 'evil' },
          { path: 'y', rawName: '/abs/file', content: 'abs' },
        ],
      },
    ],
  };
  const out = join(dir, 'unsafe.tar');
  await writeImage(unsafe, 'docker-legacy', out);
  const result = await runCli(['analyze', out, '--format', 'json', '--fail-on', 'none', '--lowest-efficiency', '0']);
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout).images[0];
  expect(report.notices.join(' ')).toMatch(/2 tar entries had unsafe names/);
  expect(() => readFileSync('/etc/passwd-layerlint-test')).toThrow();
  expect(readdirSync(dir).some((n) => n.includes('passwd'))).toBe(false);
});

function swapLayer(out: string, digest: string, blob: Buffer) {
  // rewrite the layout so the manifest and config name the new blob honestly: only the bomb is bad
  const newDigest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
  writeFileSync(join(out, 'blobs', 'sha256', newDigest.slice(7)), blob);
  const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
  const manifestPath = join(out, 'blobs', 'sha256', index.manifests[0].digest.slice(7));
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const l of manifest.layers) if (l.digest === digest) Object.assign(l, { digest: newDigest, size: blob.length });
  const configPath = join(out, 'blobs', 'sha256', manifest.config.digest.slice(7));
  const config = JSON.parse(readFileSync(configPath, 'utf8'));
  delete config.rootfs.diff_ids; // the bomb's diffID is never reached
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = `sha256:${createHash('sha256').update(configBytes).digest('hex')}`;
  writeFileSync(join(out, 'blobs', 'sha256', configDigest.slice(7)), configBytes);
  manifest.config = { ...manifest.config, digest: configDigest, size: configBytes.length };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const manifestDigest = `sha256:${createHash('sha256').update(manifestBytes).digest('hex')}`;
  writeFileSync(join(out, 'blobs', 'sha256', manifestDigest.slice(7)), manifestBytes);
  index.manifests[0] = { ...index.manifests[0], digest: manifestDigest, size: manifestBytes.length };
  writeFileSync(join(out, 'index.json'), JSON.stringify(index));
}

test('layerTar helper is deterministic', async () => {
  const a = await layerTar(recipe.layers[0]);
  const b = await layerTar(recipe.layers[0]);
  expect(a.equals(b)).toBe(true);
});
