// Every archive layout, as read from a file, from standard input and gzip-compressed: the same
// model as the plain docker save of the same image, or one clear refusal, never a rootfs misread.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import {
  archiveMembers,
  type BuiltImage,
  buildImage,
  dockerSaveV1Members,
  ggcrTarballMembers,
  type ImageRecipe,
  legacyTwoImagesMembers,
  type Member,
  packMembers,
  prefixedMembers,
  zeroUstarSize,
} from '../../fixtures/builder/index.js';
import { analyzeImage } from '../../src/analyzers/analyze.js';
import { type ArchiveOptions, loadArchiveFile, loadArchiveStream } from '../../src/analyzers/sources/archive/index.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';
import { WalkPool } from '../../src/analyzers/walk/pool.js';
import type { ImageAnalysis, ImageModel } from '../../src/model/types.js';
import { corpusRecipe } from '../helpers/archive-corpus.js';
import { essence } from '../helpers/essence.js';

const pool = new WalkPool(1);
const opts = { limits: DEFAULT_LIMITS, pool };
const dir = mkdtempSync(join(tmpdir(), 'll-layouts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const recipe = corpusRecipe;
const other: ImageRecipe = {
  layers: [recipe.layers[0], { files: [{ path: 'srv/app', size: 1234 }] }],
  config: { User: '2000' },
};

let n = 0;
function file(bytes: Buffer): string {
  const path = join(dir, `a${n++}.tar`);
  writeFileSync(path, bytes);
  return path;
}

/** The image read four ways: tar file, tar on stdin, .tar.gz file, .tar.gz on stdin. */
async function fourWays(bytes: Buffer, extra: Partial<ArchiveOptions> = {}): Promise<ImageModel[]> {
  const gz = gzipSync(bytes);
  const o = { ...opts, ...extra };
  return [
    await loadArchiveFile(file(bytes), 'f', o),
    await loadArchiveStream(Readable.from([bytes]), 'standard input', '-', o),
    await loadArchiveFile(file(gz), 'gz', o),
    await loadArchiveStream(Readable.from([gz]), 'standard input', '-', o),
  ];
}

async function refusals(bytes: Buffer): Promise<string[]> {
  const gz = gzipSync(bytes);
  const outcomes = [
    loadArchiveFile(file(bytes), 'f', opts),
    loadArchiveStream(Readable.from([bytes]), 'standard input', '-', opts),
    loadArchiveFile(file(gz), 'gz', opts),
    loadArchiveStream(Readable.from([gz]), 'standard input', '-', opts),
  ];
  return Promise.all(
    outcomes.map((p) =>
      p.then(
        (m) => `read as ${m.format}`,
        (err: Error) => (err.name === 'LayerlintError' ? err.message : `not a clear error: ${err.stack}`),
      ),
    ),
  );
}

let built: BuiltImage;
let builtGzip: BuiltImage;
let baseline: ImageAnalysis;
beforeAll(async () => {
  built = await buildImage(recipe, 'none');
  builtGzip = await buildImage(recipe, 'gzip');
  baseline = analyzeImage(
    await loadArchiveFile(file(await packMembers(archiveMembers(built, 'docker-legacy'))), 'b', opts),
  );
  expect(baseline.image.layers).toHaveLength(3);
});

const same = (models: ImageModel[]) => {
  for (const m of models) expect(essence(analyzeImage(m))).toEqual(essence(baseline));
};

describe('member names with "./" or "/" prefixes', () => {
  test.each(['./', '/'] as const)('an OCI archive under %p is the OCI image', async (prefix) => {
    const models = await fourWays(await packMembers(prefixedMembers(archiveMembers(builtGzip, 'oci-archive'), prefix)));
    expect(models.map((m) => m.format)).toEqual(Array(4).fill('oci-layout'));
    same(models);
  });

  test.each(['./', '/'] as const)('a docker save under %p is the image', async (prefix) => {
    const models = await fourWays(await packMembers(prefixedMembers(archiveMembers(built, 'docker-legacy'), prefix)));
    expect(models.map((m) => m.format)).toEqual(Array(4).fill('docker-save-legacy'));
    same(models);
  });
});

describe("go-containerregistry's tarball (crane pull, kaniko --tar-path, ko)", () => {
  test('"sha256:<hex>" config, "<hex>.tar.gz" layers, manifest.json last, LayerSources', async () => {
    const members = ggcrTarballMembers([{ image: builtGzip, tag: 'registry.example/app:1' }], true);
    expect(members[0].name).toBe(builtGzip.configDigest);
    expect(members.at(-1)?.name).toBe('manifest.json');
    const models = await fourWays(await packMembers(members));
    expect(models.map((m) => m.format)).toEqual(Array(4).fill('ggcr-tarball'));
    expect(models[0].configDigest).toBe(builtGzip.configDigest);
    expect(models[0].layers.map((l) => l.digest)).toEqual(builtGzip.layers.map((l) => l.digest));
    same(models);
  });

  test('two images sharing a layer: each is read by its tag', async () => {
    const second = await buildImage(other, 'gzip');
    const bytes = await packMembers(
      ggcrTarballMembers([
        { image: builtGzip, tag: 'app:1' },
        { image: second, tag: 'app:2' },
      ]),
    );
    same(await fourWays(bytes, { tag: 'app:1' }));
    const models = await fourWays(bytes, { tag: 'app:2' });
    for (const m of models) {
      expect(m.layers.map((l) => l.diffId)).toEqual(second.layers.map((l) => l.diffId));
      expect(m.config.config?.User).toBe('2000');
    }
  });
});

test("dockerd's save of two images, a layer stored as a symlink into the other image's folder", async () => {
  const second = await buildImage(other, 'none');
  const members = legacyTwoImagesMembers(built, second, ['app:1', 'app:2']);
  expect(members.some((m) => m.link?.startsWith('../'))).toBe(true);
  const bytes = await packMembers(members);
  same(await fourWays(bytes, { tag: 'app:1' }));
  for (const m of await fourWays(bytes, { tag: 'app:2' })) {
    expect(m.layers.map((l) => l.diffId)).toEqual(second.layers.map((l) => l.diffId));
    expect(m.layers[0].entries.map((e) => e.path)).toContain('/etc/passwd');
  }
});

test('a docker save from before Docker 1.10 is read down its parent chain', async () => {
  const members = dockerSaveV1Members(built, 'app', '1');
  expect(members.some((m) => m.name === 'manifest.json')).toBe(false);
  const models = await fourWays(await packMembers(members));
  expect(models.map((m) => m.format)).toEqual(Array(4).fill('docker-save-v1'));
  expect(models[0].repoTags).toEqual(['app:1']);
  same(models);
});

describe('Docker 25+ (OCI layout plus manifest.json)', () => {
  const docker25 = (index: unknown, manifest?: unknown): Member[] =>
    archiveMembers(builtGzip, 'docker-oci').map((m) =>
      m.name === 'index.json'
        ? { ...m, data: Buffer.from(JSON.stringify(index)) }
        : m.name === 'manifest.json' && manifest !== undefined
          ? { ...m, data: Buffer.from(JSON.stringify(manifest)) }
          : m,
    );

  test('index.json with "manifests": null falls back to manifest.json', async () => {
    same(await fourWays(await packMembers(docker25({ schemaVersion: 2, manifests: null }))));
  });

  test('manifest.json holding null falls back to index.json', async () => {
    const index = JSON.parse(
      archiveMembers(builtGzip, 'oci-archive')
        .find((m) => m.name === 'index.json')!
        .data!.toString(),
    );
    same(await fourWays(await packMembers(docker25(index, null))));
  });
});

describe('the first member does not decide', () => {
  test('an image archive whose first member is a plain file is read as the image (from a file)', async () => {
    const bytes = await packMembers([
      { name: 'README', data: Buffer.from('hi\n') },
      ...archiveMembers(built, 'docker-legacy'),
    ]);
    const [asFile, , asGzFile] = await fourWays(bytes).catch(() => [] as ImageModel[]);
    expect(asFile).toBeUndefined(); // stdin cannot re-read: see the next assertion
    const outcomes = await refusals(bytes);
    expect(outcomes[0]).toBe('read as docker-save-legacy');
    expect(outcomes[2]).toBe('read as docker-save-legacy');
    for (const stdin of [outcomes[1], outcomes[3]]) {
      expect(stdin).toMatch(
        /^standard input is an image archive \(it has "[^"]+"\) whose first file is not one of its members/,
      );
    }
    expect(asGzFile).toBeUndefined();
  });

  test('a plain tar whose first file looks like an OCI blob is a rootfs when it holds no marker', async () => {
    const bytes = await packMembers([
      { name: 'blobs/', dir: true },
      { name: `blobs/sha256/${'a'.repeat(64)}`, data: Buffer.from('not a layer') },
      { name: 'etc/hostname', data: Buffer.from('box\n') },
    ]);
    const outcomes = await refusals(bytes);
    expect(outcomes[0]).toBe('read as rootfs');
    expect(outcomes[2]).toBe('read as rootfs');
    expect(outcomes[1]).toMatch(/^standard input is a plain tar whose first file looks like an image archive member/);
  });
});

describe('PAX size records and stray zero blocks: the file and stream readers agree', () => {
  test('a layer whose size is only in a PAX record (ustar size 0, as for a member over 8 GiB)', async () => {
    const members = archiveMembers(built, 'docker-legacy').map((m) =>
      m.name.endsWith('/layer.tar') && m.data ? { ...m, pax: { size: String(m.data.length) } } : m,
    );
    let bytes = await packMembers(members);
    for (const m of members) if (m.pax) bytes = zeroUstarSize(bytes, m.name);
    const models = await fourWays(bytes);
    expect(models.map((m) => m.format)).toEqual(Array(4).fill('docker-save-legacy'));
    same(models);
  });

  test('one zero block between members does not end the archive', async () => {
    const members = archiveMembers(built, 'docker-legacy');
    const head = await packMembers(members.slice(0, 4));
    const tail = await packMembers(members.slice(4));
    // drop head's end-of-archive marker (two zero blocks), put one stray zero block instead
    const bytes = Buffer.concat([head.subarray(0, head.length - 1024), Buffer.alloc(512), tail]);
    same(await fourWays(bytes));
  });
});

describe('indexes: nested, OCI inside a Docker manifest list, attestations, absent platforms', () => {
  const hexOf = (d: string) => d.slice('sha256:'.length);
  const json = (v: unknown) => Buffer.from(JSON.stringify(v));
  const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

  /** The image's blobs, plus `extra` blobs, under an index.json listing `top`. */
  function layout(top: object[], extra: Buffer[]): Member[] {
    const members = archiveMembers(builtGzip, 'oci-archive').filter((m) => m.name !== 'index.json');
    for (const b of extra) members.push({ name: `blobs/sha256/${hexOf(sha(b))}`, data: b });
    members.push({ name: 'index.json', data: json({ schemaVersion: 2, manifests: top }) });
    return members;
  }
  const image = () => ({
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: builtGzip.manifestDigest,
    size: builtGzip.manifestBytes.length,
    platform: { os: 'linux', architecture: 'amd64' },
  });
  // a buildx attestation manifest: a real manifest (in-toto layer) that must never be picked
  function attestationParts() {
    const statement = json({ _type: 'https://in-toto.io/Statement/v0.1' });
    const manifest = json({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: builtGzip.configDigest,
        size: builtGzip.configBytes.length,
      },
      layers: [{ mediaType: 'application/vnd.in-toto+json', digest: sha(statement), size: statement.length }],
    });
    const descriptor = {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: sha(manifest),
      size: manifest.length,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: {
        'vnd.docker.reference.type': 'attestation-manifest',
        'vnd.docker.reference.digest': builtGzip.manifestDigest,
      },
    };
    return { descriptor, blobs: [manifest, statement] };
  }
  // listed but not stored, as `ctr image export` without --all-platforms leaves other platforms
  const absentArm = {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: sha(json({ absent: true })),
    size: 10,
    platform: { os: 'linux', architecture: 'arm64' },
  };
  const amd64 = { platform: { os: 'linux', architecture: 'amd64' } as const };

  test('an attestation listed first is skipped; a platform whose blobs are absent is not a candidate', async () => {
    const att = attestationParts();
    const bytes = await packMembers(layout([att.descriptor, absentArm, image()], att.blobs));
    same(await fourWays(bytes, amd64));
    same(await fourWays(bytes)); // the only image present, whatever the host
  });

  test('an index nested in an index nested in a Docker manifest list', async () => {
    const att = attestationParts();
    const inner = json({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [att.descriptor, image()],
    });
    const list = json({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
      manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: sha(inner), size: inner.length }],
    });
    const top = [
      { mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json', digest: sha(list), size: list.length },
    ];
    same(await fourWays(await packMembers(layout(top, [list, inner, ...att.blobs])), amd64));
  });

  test('asking for a platform whose blobs are absent says what there is', async () => {
    const bytes = await packMembers(layout([absentArm, image()], []));
    const path = file(bytes);
    await expect(
      loadArchiveFile(path, 'x', { ...opts, platform: { os: 'linux', architecture: 'arm64' } }),
    ).rejects.toThrow(/has no image for linux\/arm64 \(it has: linux\/amd64\)/);
  });
});
