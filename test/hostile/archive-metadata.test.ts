// Untrusted image metadata of the wrong shape (null or numeric digests, null entries, wrongly
// typed config fields) and broken image archives: one line naming the file and the field, exit 2,
// never "internal error" and never a rootfs read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  archiveMembers,
  type BuiltImage,
  buildImage,
  dockerSaveV1Members,
  type Member,
  packMembers,
} from '../../fixtures/builder/index.js';
import { sha256 } from '../../fixtures/builder/layer-tar.js';
import { expectOneLineRefusal, runBounded } from './bounded.js';

const dir = mkdtempSync(join(tmpdir(), 'll-hostile-meta-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let image: BuiltImage;
let gzImage: BuiltImage;
beforeAll(async () => {
  const recipe = { layers: [{ files: [{ path: 'etc/hostname', content: 'box\n' }] }], config: { User: '1000' } };
  image = await buildImage(recipe, 'none');
  gzImage = await buildImage(recipe, 'gzip');
});

const hex = (digest: string) => digest.slice('sha256:'.length);

/** A docker save whose config is `config` (named by its own digest, so only its shape is wrong). */
function withConfig(config: unknown): Member[] {
  const bytes = Buffer.from(JSON.stringify(config));
  const name = `${hex(sha256(bytes))}.json`;
  const old = `${hex(image.configDigest)}.json`;
  return archiveMembers(image, 'docker-legacy').map((m) => {
    if (m.name === old) return { name, data: bytes };
    if (m.name === 'manifest.json') return { ...m, data: Buffer.from(m.data!.toString().replace(old, name)) };
    return m;
  });
}

const replaced = (members: Member[], name: string, data: string) =>
  members.map((m) => (m.name === name ? { ...m, data: Buffer.from(data) } : m));

async function refused(members: Member[], pattern: RegExp): Promise<void> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.tar`);
  const bytes = await packMembers(members);
  writeFileSync(path, bytes);
  expectOneLineRefusal(await runBounded(['analyze', path], { timeoutMs: 20_000, maxRssMiB: 400 }), pattern);
  expectOneLineRefusal(
    await runBounded(['analyze', '-'], { input: bytes, timeoutMs: 20_000, maxRssMiB: 400 }),
    pattern,
  );
}

describe('a wrongly typed image config field', () => {
  const base = () => JSON.parse(image.configBytes.toString());
  test('User a number', async () => {
    await refused(
      withConfig({ ...base(), config: { User: 0 } }),
      /image config .* field \/config\/User must be string,null/,
    );
  });
  test('Env a string', async () => {
    await refused(withConfig({ ...base(), config: { Env: 'A=1' } }), /field \/config\/Env must be array,null/);
  });
  test('history an object', async () => {
    await refused(withConfig({ ...base(), history: { a: 1 } }), /field \/history must be array,null/);
  });
  test('a diff_id that is not a digest', async () => {
    await refused(
      withConfig({ ...base(), rootfs: { type: 'layers', diff_ids: [7] } }),
      /field \/rootfs\/diff_ids\/0 must be string/,
    );
  });
});

describe("docker save's manifest.json", () => {
  test('a null entry', async () => {
    await refused(
      replaced(archiveMembers(image, 'docker-legacy'), 'manifest.json', '[null]'),
      /manifest\.json in (archive .*|standard input) .* field \/0 must be object/,
    );
  });
  test('a numeric Config', async () => {
    await refused(
      replaced(archiveMembers(image, 'docker-legacy'), 'manifest.json', '[{"Config":7,"Layers":[]}]'),
      /field \/0\/Config must be string/,
    );
  });
  test('null', async () => {
    await refused(
      replaced(archiveMembers(image, 'docker-legacy'), 'manifest.json', 'null'),
      /manifest\.json lists no image/,
    );
  });
});

describe('OCI index.json and manifests', () => {
  const oci = () => archiveMembers(gzImage, 'oci-archive');
  test('a null digest', async () => {
    await refused(
      replaced(oci(), 'index.json', '{"manifests":[{"digest":null}]}'),
      /index\.json in (archive .*|standard input) .* field \/manifests\/0\/digest must be string/,
    );
  });
  test('a numeric digest', async () => {
    await refused(
      replaced(oci(), 'index.json', '{"manifests":[{"digest":12}]}'),
      /field \/manifests\/0\/digest must be string/,
    );
  });
  test('a digest that is not one', async () => {
    await refused(
      replaced(oci(), 'index.json', '{"manifests":[{"digest":"../../etc/passwd"}]}'),
      /field \/manifests\/0\/digest is not a digest/,
    );
  });
  test('a null entry', async () => {
    await refused(replaced(oci(), 'index.json', '{"manifests":[null]}'), /field \/manifests\/0 must be object/);
  });
  test('no manifests at all', async () => {
    await refused(replaced(oci(), 'index.json', '{"manifests":null}'), /index\.json lists no image/);
  });
  test('an artifact with the empty config is not an image', async () => {
    const manifest = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: 'application/vnd.example+type',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(Buffer.from('{}')), size: 2 },
      layers: [],
    };
    const bytes = Buffer.from(JSON.stringify(manifest));
    const index = {
      schemaVersion: 2,
      manifests: [{ mediaType: manifest.mediaType, digest: sha256(bytes), size: bytes.length }],
    };
    await refused(
      [
        { name: 'oci-layout', data: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
        { name: `blobs/sha256/${hex(sha256(bytes))}`, data: bytes },
        { name: `blobs/sha256/${hex(sha256(Buffer.from('{}')))}`, data: Buffer.from('{}') },
        { name: 'index.json', data: Buffer.from(JSON.stringify(index)) },
      ],
      /in (archive .*|standard input) is not an image: an artifact whose config is application\/vnd\.oci\.empty\.v1\+json/,
    );
  });
});

describe('image archives missing what they need are refused, never read as a rootfs', () => {
  const legacy = () => archiveMembers(image, 'docker-legacy');
  test('a docker save without manifest.json', async () => {
    await refused(
      legacy().filter((m) => m.name !== 'manifest.json' && m.name !== 'repositories'),
      /is an image archive \(it has "[0-9a-f]{64}\/layer\.tar"\) without manifest\.json or index\.json/,
    );
  });
  test('a pre-1.10 docker save whose parent chain is broken', async () => {
    const members = dockerSaveV1Members(image, 'app', '1');
    const firstJson = members.find((m) => m.name.endsWith('/json'))!.name;
    await refused(
      members.filter((m) => m.name !== firstJson),
      /layer [0-9a-f]{64} of the parent chain is missing/,
    );
  });
  test('a pre-1.10 docker save whose parent chain loops', async () => {
    const members = dockerSaveV1Members(image, 'app', '1').map((m) => {
      if (!m.name.endsWith('/json')) return m;
      const json = JSON.parse(m.data!.toString());
      return { ...m, data: Buffer.from(JSON.stringify({ ...json, parent: json.id })) };
    });
    await refused(members, /layer chain broken or looping at "[0-9a-f]{64}"/);
  });
  test('an OCI layout without index.json', async () => {
    await refused(
      archiveMembers(gzImage, 'oci-archive').filter((m) => m.name !== 'index.json'),
      /is an OCI layout \(oci-layout\) without index\.json/,
    );
  });
  test("a crane tarball's config and layers without manifest.json", async () => {
    await refused(
      [
        { name: gzImage.configDigest, data: gzImage.configBytes },
        { name: `${hex(gzImage.layers[0].digest)}.tar.gz`, data: gzImage.layers[0].blob },
      ],
      /is an image archive \(it has "sha256:[0-9a-f]{64}"\) without manifest\.json or index\.json/,
    );
  });
});
