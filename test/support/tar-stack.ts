// The final filesystem of a docker archive computed with the tar CLI (layer listings stacked with
// the whiteout rules), not with layerlint's walk: what tests cross-check layerlint's figures with.
import { spawnSync } from 'node:child_process';

export interface Node {
  size: number;
  layer: number;
  type: string; // tar -tv type letter: '-' file, 'd', 'l', 'h'
}

export function sh(script: string): string {
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script}: ${r.stderr}`);
  return r.stdout;
}

/** The final filesystem of a docker archive, from `tar -tv` listings of its layers. */
export function stackWithTar(archive: string): Map<string, Node> {
  const manifest = JSON.parse(sh(`tar -xOf '${archive}' manifest.json`)) as { Layers: string[] }[];
  const fs = new Map<string, Node>();
  const removeTree = (root: string, keepRoot: boolean) => {
    for (const p of [...fs.keys()]) if ((!keepRoot && p === root) || p.startsWith(`${root}/`)) fs.delete(p);
  };
  (manifest[0]?.Layers ?? []).forEach((member, layer) => {
    const rows = sh(`tar -xOf '${archive}' '${member}' | tar -tv --numeric-owner --quoting-style=literal -f -`)
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const m = /^(\S)\S*\s+\S+\s+(\d+)\s+\S+\s+\S+\s+(.*)$/.exec(line);
        if (!m) throw new Error(`unparsed tar line: ${line}`);
        const name = (m[3] as string).replace(/ (->|link to) .*$/, '');
        return { type: m[1] as string, size: Number(m[2]), path: `/${name.replace(/^\.?\//, '').replace(/\/$/, '')}` };
      });
    for (const r of rows) {
      const slash = r.path.lastIndexOf('/');
      const dir = r.path.slice(0, slash) || '/';
      const base = r.path.slice(slash + 1);
      if (base === '.wh..wh..opq') removeTree(dir, true);
      else if (base.startsWith('.wh.')) removeTree(`${dir === '/' ? '' : dir}/${base.slice(4)}`, false);
    }
    for (const r of rows) {
      if (r.path.slice(r.path.lastIndexOf('/') + 1).startsWith('.wh.')) continue;
      fs.set(r.path, { size: r.type === '-' ? r.size : 0, layer, type: r.type });
    }
  });
  return fs;
}

/** Regular-file bytes each layer of a docker archive ships (tar listings), in layer order. */
export function layerFileBytes(archive: string): number[] {
  const manifest = JSON.parse(sh(`tar -xOf '${archive}' manifest.json`)) as { Layers: string[] }[];
  return (manifest[0]?.Layers ?? []).map((member) =>
    sh(`tar -xOf '${archive}' '${member}' | tar -tv --numeric-owner --quoting-style=literal -f -`)
      .split('\n')
      .filter((line) => line.startsWith('-'))
      .reduce((sum, line) => sum + Number(/^\S+\s+\S+\s+(\d+)/.exec(line)?.[1] ?? 0), 0),
  );
}
