// Synthetic images for the source tests, written with fixtures/builder and pushed with skopeo.

import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ImageRecipe, writeImage } from '../../../fixtures/builder/index.js';
import { skopeoCopy } from '../../support/index.js';

export function baseRecipe(
  tag: string,
  extra: { architecture?: string; seed?: string; layers?: number } = {},
): ImageRecipe {
  const seed = extra.seed ?? 'base';
  const layers = Array.from({ length: extra.layers ?? 3 }, (_, i) => ({
    files: [
      { path: `/data${i}`, type: 'dir' as const },
      { path: `/data${i}/blob.bin`, size: 200_000 + i * 1000, seed: `${seed}-${i}` },
      { path: `/data${i}/note.txt`, content: `layer ${i} of ${tag}\n` },
    ],
    createdBy: `/bin/sh -c #(nop) COPY data${i} /data${i}`,
    compression: 'gzip' as const,
  }));
  return {
    layers,
    architecture: extra.architecture ?? 'amd64',
    config: { User: '1000', Cmd: ['/bin/true'] },
    repoTag: tag,
  };
}

/**
 * Write a recipe as an OCI layout dir and push it to `dest` (docker://...); `destArgs`: skopeo's
 * options for the registry (a TLS registry's RegistryHandle.skopeoDestArgs).
 */
export async function pushRecipe(
  recipe: ImageRecipe,
  dir: string,
  dest: string,
  creds?: string,
  destArgs = ['--dest-tls-verify=false'],
): Promise<void> {
  await writeImage(recipe, 'oci-dir', dir, { compression: 'gzip', tag: 'fixture:latest' });
  const extra = [...destArgs, ...(creds ? ['--dest-creds', creds] : [])];
  await skopeoCopy(`oci:${dir}:latest`, dest, extra);
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Two single-platform OCI dirs merged under one image index (nested, named "multi"), pushed with --all. */
export async function pushTwoPlatformIndex(work: string, dest: string): Promise<void> {
  const dirs = ['amd64', 'arm64'].map((arch) => join(work, arch));
  await writeImage(baseRecipe('multi', { architecture: 'amd64', seed: 'amd' }), 'oci-dir', dirs[0], {
    compression: 'gzip',
    tag: 'm:latest',
  });
  await writeImage(baseRecipe('multi', { architecture: 'arm64', seed: 'arm' }), 'oci-dir', dirs[1], {
    compression: 'gzip',
    tag: 'm:latest',
  });
  const out = join(work, 'multi');
  mkdirSync(join(out, 'blobs', 'sha256'), { recursive: true });
  const manifests = [];
  for (const [i, dir] of dirs.entries()) {
    for (const f of readdirSync(join(dir, 'blobs', 'sha256')))
      copyFileSync(join(dir, 'blobs', 'sha256', f), join(out, 'blobs', 'sha256', f));
    const idx = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      manifests: { digest: string; size: number; mediaType: string }[];
    };
    const m = idx.manifests[0];
    manifests.push({
      mediaType: m.mediaType,
      digest: m.digest,
      size: m.size,
      platform: { os: 'linux', architecture: i === 0 ? 'amd64' : 'arm64' },
    });
  }
  const inner = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }),
  );
  const innerDigest = sha(inner);
  writeFileSync(join(out, 'blobs', 'sha256', innerDigest.slice(7)), inner);
  writeFileSync(join(out, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(out, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.index.v1+json',
          digest: innerDigest,
          size: inner.length,
          annotations: { 'org.opencontainers.image.ref.name': 'multi' },
        },
      ],
    }),
  );
  await skopeoCopy(`oci:${out}:multi`, dest, ['--all', '--dest-tls-verify=false']);
}
