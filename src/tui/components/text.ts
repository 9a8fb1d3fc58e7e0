// Plain-text helpers for fixed-width rows (every row is cut or padded to its pane's width).
import { printable } from '../../printable.js';
import type { LayerSummary } from '../../report/result.js';

export { humanBytes } from '../../report/format.js';

/** Cut `text` to `width` columns (ending in "…" when cut) and pad it with spaces. */
export function fitWidth(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = Array.from(printable(text));
  if (chars.length > width) return `${chars.slice(0, width - 1).join('')}…`;
  return chars.join('') + ' '.repeat(width - chars.length);
}

export function padLeft(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text;
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
  if (l.instruction) return l.dockerfileLine !== undefined ? `L${l.dockerfileLine} ${l.instruction}` : l.instruction;
  if (!l.createdBy) return '(no history)';
  return l.createdBy
    .replace(/\s+/g, ' ')
    .replace(/^\/bin\/sh -c (#\(nop\)\s*)?/, '')
    .trim();
}
