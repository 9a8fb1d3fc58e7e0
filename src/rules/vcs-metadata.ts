import { baseName } from '../analyzers/walk/paths.js';
import type { RawFinding, Rule } from '../model/types.js';
import { baseSeverity, heaviestLayer, humanBytes, NO_OPTIONS, plural } from './image-kit.js';

const VCS_DIRS: Record<string, string> = { '.git': 'git', '.svn': 'Subversion', '.hg': 'Mercurial', '.bzr': 'Bazaar' };

/**
 * Version-control metadata (.git, .svn, .hg, .bzr) in the final filesystem: the whole history of
 * the source, often remotes with credentials, shipped to everyone who pulls. One finding per
 * repository directory, with its bytes, on the layer that brought most of them.
 *
 * data: vcs, root, fileCount.
 */
export const rule: Rule = {
  id: 'vcs-metadata',
  meta: {
    description: 'version-control metadata (.git, .svn, .hg) ships in the image',
    category: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/vcs-metadata.md',
    schema: NO_OPTIONS,
    defaultOptions: {},
    securitySeverity: 4.0,
  },
  check(ctx) {
    const final = ctx.analysis?.stack.final;
    if (!final) return [];
    const repos = new Map<string, { bytes: number; files: number; bytesByLayer: Map<number, number>; layer: number }>();
    for (const [path, e] of final) {
      const root = vcsRoot(path);
      if (!root || (e.kind !== 'file' && e.kind !== 'dir')) continue;
      let r = repos.get(root);
      if (!r) {
        r = { bytes: 0, files: 0, bytesByLayer: new Map(), layer: e.layer };
        repos.set(root, r);
      }
      if (path === root) r.layer = e.layer;
      if (e.kind !== 'file') continue;
      r.bytes += e.size;
      r.files++;
      r.bytesByLayer.set(e.layer, (r.bytesByLayer.get(e.layer) ?? 0) + e.size);
    }
    const out: RawFinding[] = [];
    for (const [root, r] of [...repos].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const layer = heaviestLayer(r.bytesByLayer) ?? r.layer;
      const vcs = VCS_DIRS[baseName(root)] as string;
      out.push({
        message: `${root}: ${vcs} metadata ships in the image (${plural(r.files, 'file')}, ${humanBytes(r.bytes)}): the source history and remotes go to everyone who pulls it`,
        layer,
        ...baseSeverity(ctx, layer),
        bytes: r.bytes,
        paths: [root],
        data: { vcs, root, fileCount: r.files },
        suggestion: `Add ${baseName(root)} to .dockerignore (or COPY only the files the image needs).`,
      });
    }
    return out;
  },
};
export default rule;

/** The outermost .git/.svn/.hg/.bzr on a path ("/app/.git/objects/x" -> "/app/.git"). */
function vcsRoot(path: string): string | undefined {
  if (!path.includes('/.')) return undefined; // every VCS directory name starts with a dot
  const parts = path.split('/');
  const i = parts.findIndex((p) => VCS_DIRS[p] !== undefined);
  return i < 0 ? undefined : parts.slice(0, i + 1).join('/');
}
