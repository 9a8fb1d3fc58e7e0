import type { FinalEntry, RawFinding, Rule } from '../model/types.js';
import { baseSeverity, NO_OPTIONS, octal, plural } from './image-kit.js';

/**
 * Regular files with the setuid or setgid bit in the final filesystem: each is a way to gain the
 * owner's privileges from inside the container. One finding per layer that supplied such files;
 * the base image's are notes.
 *
 * data: files ([{ path, mode (octal), uid, gid, setuid, setgid }]).
 */
export const rule: Rule = {
  id: 'setuid-file',
  meta: {
    description: 'setuid/setgid files in the final image (privilege escalation paths)',
    category: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/setuid-file.md',
    schema: NO_OPTIONS,
    defaultOptions: {},
    securitySeverity: 5.0,
  },
  check(ctx) {
    const byLayer = new Map<number, FinalEntry[]>();
    for (const e of ctx.analysis?.stack.final.values() ?? []) {
      if (e.kind !== 'file' || (e.mode & 0o6000) === 0) continue;
      const list = byLayer.get(e.layer);
      if (list) list.push(e);
      else byLayer.set(e.layer, [e]);
    }
    const out: RawFinding[] = [];
    for (const [layer, files] of [...byLayer].sort((a, b) => a[0] - b[0])) {
      files.sort((a, b) => (a.path < b.path ? -1 : 1));
      const shown = files.slice(0, 5).map((f) => `${f.path} (${bits(f)}${f.uid === 0 ? ' root' : ` uid ${f.uid}`})`);
      out.push({
        message: `${plural(files.length, 'setuid/setgid file')}: ${shown.join(', ')}${files.length > 5 ? ` and ${files.length - 5} more` : ''}`,
        layer,
        ...baseSeverity(ctx, layer),
        paths: files.map((f) => f.path),
        data: {
          files: files.map((f) => ({
            path: f.path,
            mode: octal(f.mode),
            uid: f.uid,
            gid: f.gid,
            setuid: (f.mode & 0o4000) !== 0,
            setgid: (f.mode & 0o2000) !== 0,
          })),
        },
        suggestion:
          'Remove the bits the application does not need, in the RUN that installs the files: chmod u-s,g-s <file>.',
      });
    }
    return out;
  },
};
export default rule;

function bits(f: FinalEntry): string {
  const s = (f.mode & 0o4000) !== 0;
  const g = (f.mode & 0o2000) !== 0;
  return s && g ? 'setuid+setgid' : s ? 'setuid' : 'setgid';
}
