import type { RawFinding, Rule } from '../model/types.js';
import { baseName, isUnder } from '../analyzers/walk/paths.js';
import { NO_OPTIONS, baseSeverity, heaviestLayer, humanBytes, plural } from './image-kit.js';

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
    const roots: string[] = [];
    for (const [path, e] of final) {
      if ((e.kind === 'dir' || e.kind === 'file') && VCS_DIRS[baseName(path)] !== undefined) roots.push(path);
    }
    // nested metadata (a .git inside a .git) belongs to the outer one
    const outer = roots.sort().filter((r, i, all) => !all.slice(0, i).some((o) => isUnder(r, o)));
    const out: RawFinding[] = [];
    for (const root of outer) {
      const bytesByLayer = new Map<number, number>();
      let bytes = 0;
      let files = 0;
      for (const [path, e] of final) {
        if (e.kind !== 'file' || (path !== root && !isUnder(path, root))) continue;
        bytes += e.size;
        files++;
        bytesByLayer.set(e.layer, (bytesByLayer.get(e.layer) ?? 0) + e.size);
      }
      const layer = heaviestLayer(bytesByLayer) ?? (final.get(root)?.layer as number);
      const vcs = VCS_DIRS[baseName(root)] as string;
      out.push({
        message: `${root}: ${vcs} metadata ships in the image (${plural(files, 'file')}, ${humanBytes(bytes)}): the source history and remotes go to everyone who pulls it`,
        layer,
        ...baseSeverity(ctx, layer),
        bytes,
        paths: [root],
        data: { vcs, root, fileCount: files },
        suggestion: `Add ${baseName(root)} to .dockerignore (or COPY only the files the image needs).`,
      });
    }
    return out;
  },
};
export default rule;
