import type { SourceRange } from '../../model/types.js';

/**
 * Offsets <-> 1-based line/column for a Dockerfile text. Line breaks are "\r\n", "\n" or a lone
 * "\r" (as the Dockerfile parser sees them). A leading BOM is part of the text (offsets count it)
 * but not a column: the first character after it is column 1, as editors and SARIF viewers show it.
 */
export interface LineIndex {
  text: string;
  lineStarts: number[]; // offset of the first character of each line (0-based line numbers)
  bom: boolean;
}

const cache = new Map<string, LineIndex>();

export function lineIndex(text: string): LineIndex {
  const hit = cache.get(text);
  if (hit) return hit;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      lineStarts.push(i + 1);
    } else if (c === 10) {
      lineStarts.push(i + 1);
    }
  }
  const idx = { text, lineStarts, bom: text.charCodeAt(0) === 0xfeff };
  if (cache.size > 64) cache.clear();
  cache.set(text, idx);
  return idx;
}

/** Offset of a 0-based line/character position (as the dockerfile-ast ranges give them). */
export function offsetAt(idx: LineIndex, line: number, character: number): number {
  if (line >= idx.lineStarts.length) return idx.text.length;
  const start = idx.lineStarts[line] as number;
  const next = line + 1 < idx.lineStarts.length ? (idx.lineStarts[line + 1] as number) : idx.text.length;
  return Math.min(start + character, next);
}

/** 1-based line and column of an offset. */
export function positionOf(idx: LineIndex, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = idx.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((idx.lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  let column = offset - (idx.lineStarts[lo] as number) + 1;
  if (lo === 0 && idx.bom && offset > 0) column -= 1;
  return { line: lo + 1, column };
}

/** SourceRange of text[start, end). */
export function rangeOf(text: string, start: number, end: number): SourceRange {
  const idx = lineIndex(text);
  const s = positionOf(idx, start);
  const e = positionOf(idx, end);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}
