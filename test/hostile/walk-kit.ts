// Generators for the walk's hostile cases: a docker save archive (legacy layout) around layer
// blobs made at test time, and layer tars written by the real GNU tar on this machine.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tarHeader, tarMember } from '../../bench/gen-entries.mjs';

export const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Write a docker save archive to `out`: each layer as a blob (any compression) and its diffID. */
export function writeDockerArchive(out: string, layers: { blob: Buffer; diffId: string }[]): void {
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: layers.map((_, i) => ({ created_by: `layer ${i}` })),
    }),
  );
  const configName = `${sha256(config).slice(7)}.json`;
  const names = layers.map((l, i) => `${sha256(Buffer.from(`${l.diffId}${i}`)).slice(7)}/layer.tar`);
  const manifest = [{ Config: configName, RepoTags: ['walk:test'], Layers: names }];
  writeFileSync(
    out,
    Buffer.concat([
      tarMember(configName, config),
      ...layers.map((l, i) => tarMember(names[i] as string, l.blob)),
      tarMember('manifest.json', Buffer.from(JSON.stringify(manifest))),
      Buffer.alloc(1024),
    ]),
  );
}

/**
 * A layer tar made by GNU tar from the files `setup` creates in an empty directory; `args` are
 * tar's options (e.g. --sparse, --format=posix). The tar's bytes.
 */
export function gnuTar(setup: (dir: string) => void, args: string[], members: string[] = ['.']): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'll-walk-tar-'));
  try {
    const root = join(dir, 'root');
    execFileSync('mkdir', [root]);
    setup(root);
    const out = join(dir, 'layer.tar');
    execFileSync('tar', ['-C', root, '-cf', out, '--owner=0', '--group=0', '--numeric-owner', ...args, ...members]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A docker save archive of `n` layers, each one empty file (`f<i>`), written to `out`. */
export function writeManyLayers(out: string, n: number): void {
  const layers = Array.from({ length: n }, (_, i) => {
    const tar = Buffer.concat([tarHeader(`f${i}`), Buffer.alloc(1024)]);
    return { blob: tar, diffId: sha256(tar) };
  });
  writeDockerArchive(out, layers);
}
