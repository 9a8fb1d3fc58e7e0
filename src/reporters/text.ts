// Plain-text layout helpers for the terminal report. Widths are measured on text without ANSI codes;
// colour is applied after layout.

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape sequences
const ANSI = /\x1b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export function visibleLength(text: string): number {
  return [...stripAnsi(text)].length;
}

/** Cut to `width` characters, marking the cut with "…". */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 1 ? chars.slice(0, width).join('') : `${chars.slice(0, width - 1).join('')}…`;
}

/** Keep the end of a path (the file name matters most): "…/really/long/name.txt". */
export function truncateStart(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 1 ? chars.slice(-width).join('') : `…${chars.slice(chars.length - width + 1).join('')}`;
}

/** Word-wrap to `width` columns; every line starts with `indent`; words longer than a line are split. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const room = Math.max(10, width - indent.length);
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while ([...word].length > room) {
        if (line) {
          out.push(line);
          line = '';
        }
        out.push([...word].slice(0, room).join(''));
        word = [...word].slice(room).join('');
      }
      if (!line) line = word;
      else if ([...line].length + 1 + [...word].length <= room) line += ` ${word}`;
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
  const room = Math.max(10, width - indent.length);
  const out: string[] = [];
  let line = '';
  for (const part of parts) {
    if (!line) line = part;
    else if ([...line].length + 3 + [...part].length <= room) line += ` · ${part}`;
    else {
      out.push(line);
      line = part;
    }
  }
  if (line) out.push(line);
  return out.flatMap((l) => ([...l].length <= room ? [indent + l] : wrap(l, width, indent)));
}
