// Plain-text helpers for fixed-width rows (every row is cut or padded to its pane's width).
import { printable } from '../../printable.js';
import type { LayerSummary } from '../../report/result.js';

export { humanBytes } from '../../report/format.js';

import { fitWidth as fitColumns } from '../../reporters/text.js';

export { padStartColumns as padLeft } from '../../reporters/text.js';

/** Every explorer row goes through here: hostile text (file names, created_by) made printable, then cut to `width`. */
export function fitWidth(text: string, width: number): string {
  return fitColumns(printable(text), width);
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `cells` columns, filled in eighths of a cell. */
export function bar(ratio: number, cells: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, ratio)) * cells * 8);
  const full = Math.floor(eighths / 8);
  const part = EIGHTHS[eighths % 8];
  const used = full + (part ? 1 : 0);
  return '█'.repeat(full) + part + '·'.repeat(Math.max(0, cells - used));
}

/** The instruction that made a layer: the Dockerfile line when mapped, else the history's created_by. */
export function layerLabel(l: LayerSummary): string {
  if (l.instruction)
    return l.dockerfileLine !== undefined ? `line ${l.dockerfileLine} ${l.instruction}` : l.instruction;
  if (!l.createdBy) return '(no history)';
  return l.createdBy
    .replace(/\s+/g, ' ')
    .replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '')
    .trim();
}

const KIND_CHAR: Record<string, string> = { dir: 'd', symlink: 'l', hardlink: 'h', file: '-' };

/** "drwxr-xr-x" as ls and dive show it, setuid/setgid/sticky included. */
export function modeString(kind: string, mode: number): string {
  const bits = (shift: number, special: boolean, letter: string) => {
    const r = mode & (4 << shift) ? 'r' : '-';
    const w = mode & (2 << shift) ? 'w' : '-';
    const x = mode & (1 << shift);
    return r + w + (special ? (x ? letter : letter.toUpperCase()) : x ? 'x' : '-');
  };
  return (
    (KIND_CHAR[kind] ?? '?') +
    bits(6, (mode & 0o4000) !== 0, 's') +
    bits(3, (mode & 0o2000) !== 0, 's') +
    bits(0, (mode & 0o1000) !== 0, 't')
  );
}
