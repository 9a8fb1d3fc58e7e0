import type { TextEdit } from '../model/types.js';

export interface ApplyResult {
  text: string;
  applied: TextEdit[];
  skipped: TextEdit[];
}

/**
 * Applies non-overlapping edits. Edits are ordered by start (stable, so insertions at one point
 * keep their given order); an edit that overlaps an already accepted one, or whose range is out of
 * bounds, is skipped and returned in `skipped`. Two edits overlap when they share at least one
 * replaced character, or when one inserts strictly inside the other's replaced range. The input
 * text is never modified in place; `applyEdits(t, [])` returns `t`.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): ApplyResult {
  const order = edits
    .map((edit, i) => ({ edit, i }))
    .sort((a, b) => a.edit.range[0] - b.edit.range[0] || a.edit.range[1] - b.edit.range[1] || a.i - b.i);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  for (const { edit } of order) {
    const [s, e] = edit.range;
    if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e < s || e > text.length) {
      skipped.push(edit);
      continue;
    }
    if (applied.some((a) => overlaps(a.range, edit.range))) skipped.push(edit);
    else applied.push(edit);
  }
  let out = '';
  let at = 0;
  for (const edit of applied) {
    out += text.slice(at, edit.range[0]) + edit.text;
    at = edit.range[1];
  }
  out += text.slice(at);
  return { text: out, applied, skipped };
}

export function overlaps(a: [number, number], b: [number, number]): boolean {
  if (a[0] < b[1] && b[0] < a[1]) return true; // share replaced characters
  const inside = (p: number, r: [number, number]) => r[0] < p && p < r[1];
  return (a[0] === a[1] && inside(a[0], b)) || (b[0] === b[1] && inside(b[0], a));
}
