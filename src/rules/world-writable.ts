import { isUnder } from '../analyzers/walk/paths.js';
import type { FinalEntry, RawFinding, Rule } from '../model/types.js';
import { baseSeverity, NO_OPTIONS, octal, plural } from './image-kit.js';

/** Scratch directories where world-writable is the point. */
export const WORLD_WRITABLE_OK = ['/tmp', '/var/tmp', '/dev/shm'];

/**
 * Files and directories anyone can write (o+w) in the final filesystem, directories without the
 * sticky bit (which lets users delete each other's files), outside /tmp, /var/tmp and /dev/shm.
 * Symlinks are always 0777 and not reported. One finding per layer; the base image's are notes.
 *
 * data: entries ([{ path, kind, mode (octal) }]).
 */
export const rule: Rule = {
  id: 'world-writable',
  meta: {
    description: 'world-writable files and directories (without the sticky bit) outside /tmp, /var/tmp and /dev/shm',
    category: 'security',
    defaultSeverity: 'warning',
    fixable: false,
    requires: 'image',
    docs: 'docs/rules/world-writable.md',
    schema: NO_OPTIONS,
    defaultOptions: {},
    securitySeverity: 5.0,
  },
  check(ctx) {
    const byLayer = new Map<number, FinalEntry[]>();
    for (const e of ctx.analysis?.stack.final.values() ?? []) {
      if ((e.kind !== 'file' && e.kind !== 'dir') || (e.mode & 0o002) === 0) continue;
      if (e.kind === 'dir' && (e.mode & 0o1000) !== 0) continue;
      if (WORLD_WRITABLE_OK.some((d) => e.path === d || isUnder(e.path, d))) continue;
      const list = byLayer.get(e.layer);
      if (list) list.push(e);
      else byLayer.set(e.layer, [e]);
    }
    const out: RawFinding[] = [];
    for (const [layer, entries] of [...byLayer].sort((a, b) => a[0] - b[0])) {
      entries.sort((a, b) => (a.path < b.path ? -1 : 1));
      const shown = entries.slice(0, 5).map((e) => `${e.path}${e.kind === 'dir' ? '/' : ''} (${octal(e.mode)})`);
      out.push({
        message: `${plural(entries.length, 'world-writable path')}: ${shown.join(', ')}${entries.length > 5 ? ` and ${entries.length - 5} more` : ''}`,
        layer,
        ...baseSeverity(ctx, layer),
        paths: entries.map((e) => e.path),
        data: { entries: entries.map((e) => ({ path: e.path, kind: e.kind, mode: octal(e.mode) })) },
        suggestion:
          'Give the files to the runtime user instead (COPY --chown=app, chown in the same RUN) and drop o+w (chmod o-w); shared scratch dirs need the sticky bit (chmod 1777).',
      });
    }
    return out;
  },
};
export default rule;
