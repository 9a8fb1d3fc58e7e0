// Plain-text layout helpers for the terminal report and the explorer. Widths are terminal columns
// as Ink measures them (string-width: CJK and most emoji take two, ANSI codes none); text is cut
// between whole characters (grapheme clusters). Colour is applied after layout.

import stringWidth from 'string-width';

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences
const ANSI = /\x1b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Columns the text takes on a terminal (CJK and emoji are two), ANSI codes excluded: Ink's own measure. */
export function visibleLength(text: string): number {
  return stringWidth(text);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text's user-perceived characters (a flag or a family emoji is one), never split inside. */
function clusters(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** The longest run of whole characters from the start (or the end) that fits `width` columns. */
function fitting(parts: string[], width: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const part of parts) {
    const w = stringWidth(part);
    if (used + w > width) break;
    out.push(part);
    used += w;
  }
  return out;
}

/** Cut to `width` columns, marking the cut with "…". */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  if (width <= 1) return fitting(clusters(text), width).join('');
  return `${fitting(clusters(text), width - 1).join('')}…`;
}

/** Keep the end of a path (the file name matters most): "…/really/long/name.txt". */
export function truncateStart(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  const kept = fitting(clusters(text).reverse(), Math.max(0, width - 1))
    .reverse()
    .join('');
  return width <= 1 ? kept : `…${kept}`;
}

/** Cut or pad (with spaces) to exactly `width` columns. */
export function fitWidth(text: string, width: number): string {
  if (width <= 0) return '';
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/** Pad on the left to `width` columns. */
export function padStartColumns(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

/** Word-wrap to `width` columns; every line starts with `indent`; words longer than a line are split. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const room = Math.max(10, width - stringWidth(indent));
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (stringWidth(word) > room) {
        if (line) {
          out.push(line);
          line = '';
        }
        const head = fitting(clusters(word), room).join('');
        out.push(head);
        word = word.slice(head.length);
      }
      if (!line) line = word;
      else if (stringWidth(line) + 1 + stringWidth(word) <= room) line += ` ${word}`;
      else {
        out.push(line);
        line = word;
      }
    }
    if (line) out.push(line);
  }
  return out.map((l) => indent + l);
}

/** Pack parts into lines joined by " · ", wrapping between parts (and inside one too long for a line). */
export function packParts(parts: string[], width: number, indent = ''): string[] {
  const room = Math.max(10, width - stringWidth(indent));
  const out: string[] = [];
  let line = '';
  for (const part of parts) {
    if (!line) line = part;
    else if (stringWidth(line) + 3 + stringWidth(part) <= room) line += ` · ${part}`;
    else {
      out.push(line);
      line = part;
    }
  }
  if (line) out.push(line);
  return out.flatMap((l) => (stringWidth(l) <= room ? [indent + l] : wrap(l, width, indent)));
}
