// Every synthesised archive layout the suites use (well-formed, broken, and fuzzed), as bytes,
// for properties that must hold over all of them.
import {
  archiveMembers,
  buildImage,
  ggcrTarballMembers,
  type ImageRecipe,
  legacyTwoImagesMembers,
  type Member,
  packMembers,
  prefixedMembers,
  zeroUstarSize,
} from '../../fixtures/builder/index.js';
import { mutate } from './mutate.js';

export interface CorpusCase {
  name: string;
  bytes: Buffer;
}

/** A small image with a whiteout and a symlink: the suites' archives hold this image. */
export const corpusRecipe: ImageRecipe = {
  layers: [
    {
      files: [
        { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
        { path: 'bin/sh', size: 3000 },
      ],
    },
    {
      files: [
        { path: 'data/big.bin', size: 20000 },
        { path: 'data/keep.txt', content: 'keep\n' },
        { path: 'data/link', type: 'symlink', target: '/data/keep.txt' },
      ],
    },
    { files: [{ path: 'data/big.bin', type: 'whiteout' }] },
  ],
  config: { User: '1000', Cmd: ['/bin/sh'] },
};

const without = (members: Member[], ...names: string[]) => members.filter((m) => !names.includes(m.name));
const replaced = (members: Member[], name: string, data: string) =>
  members.map((m) => (m.name === name ? { ...m, data: Buffer.from(data) } : m));

export async function archiveCorpus(fuzzRuns = 30): Promise<CorpusCase[]> {
  const plain = await buildImage(corpusRecipe, 'none');
  const gzip = await buildImage(corpusRecipe, 'gzip');
  const legacy = archiveMembers(plain, 'docker-legacy');
  const symlinked = archiveMembers(plain, 'docker-symlinked');
  const oci = archiveMembers(gzip, 'oci-archive');
  const docker25 = archiveMembers(gzip, 'docker-oci');
  const ggcr = ggcrTarballMembers([{ image: gzip, tag: 'app:1' }], true);
  const paxLegacy = legacy.map((m) =>
    m.name.endsWith('/layer.tar') ? { ...m, pax: { size: String(m.data!.length) } } : m,
  );
  let paxBytes = await packMembers(paxLegacy);
  for (const m of paxLegacy) if (m.pax) paxBytes = zeroUstarSize(paxBytes, m.name);
  const layerFolder = legacy.find((m) => m.name.endsWith('/layer.tar'))!.name.split('/')[0];
  const preV110 = without(legacy, 'manifest.json').map((m) =>
    m.name === 'repositories' ? { ...m, data: Buffer.from(JSON.stringify({ app: { '1': layerFolder } })) } : m,
  );

  const layouts: [string, Member[]][] = [
    ['docker-legacy', legacy],
    ['docker-symlinked', symlinked],
    ['docker-oci', docker25],
    ['oci-archive', oci],
    ['oci-archive ./', prefixedMembers(oci, './')],
    ['oci-archive /', prefixedMembers(oci, '/')],
    ['docker-legacy ./', prefixedMembers(legacy, './')],
    ['ggcr tarball', ggcr],
    ['two images, shared layer', legacyTwoImagesMembers(plain, plain, ['a:1', 'b:1'])],
    ['first member a plain file', [{ name: 'README', data: Buffer.from('x') }, ...legacy]],
    // broken ones (the bad-input suite's kinds)
    ['docker save without manifest.json', without(legacy, 'manifest.json', 'repositories')],
    ['manifest.json null', replaced(legacy, 'manifest.json', 'null')],
    ['manifest.json []', replaced(legacy, 'manifest.json', '[]')],
    ['manifest.json not JSON', replaced(legacy, 'manifest.json', '[{')],
    ['pre-1.10 docker save', preV110],
    ['oci-layout without index.json', without(oci, 'index.json')],
    ['index.json null manifests, no manifest.json', replaced(oci, 'index.json', '{"manifests":null}')],
    ['index.json null digest', replaced(oci, 'index.json', '{"manifests":[{"digest":null}]}')],
    ['index.json numeric digest', replaced(oci, 'index.json', '{"manifests":[{"digest":7}]}')],
    ['index.json null entry', replaced(oci, 'index.json', '{"manifests":[null]}')],
    ['ggcr tarball without manifest.json', without(ggcr, 'manifest.json')],
    ['docker save missing a layer', without(legacy, legacy.find((m) => m.name.endsWith('/layer.tar'))!.name)],
  ];
  const cases: CorpusCase[] = [];
  for (const [name, members] of layouts) cases.push({ name, bytes: await packMembers(members) });
  cases.push({ name: 'docker-legacy, PAX-only sizes', bytes: paxBytes });
  for (const base of cases.slice(0, 4)) {
    for (let seed = 1; seed <= fuzzRuns; seed++) {
      cases.push({ name: `${base.name} fuzzed #${seed}`, bytes: mutate(base.bytes, seed * 7919 + base.name.length) });
    }
  }
  return cases;
}
