// Cursor arithmetic shared by every list pane: clamp the cursor, keep it inside the window.
import type { ListState } from './types.js';

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Put the cursor at `cursor` (clamped to `count` rows) and scroll so that it shows in `height` rows. */
export function placeCursor<T extends ListState>(list: T, cursor: number, count: number, height: number): T {
  const c = count === 0 ? 0 : clamp(cursor, 0, count - 1);
  const h = Math.max(1, height);
  let top = list.top;
  if (c < top) top = c;
  else if (c >= top + h) top = c - h + 1;
  top = clamp(top, 0, Math.max(0, count - h));
  return c === list.cursor && top === list.top ? list : { ...list, cursor: c, top };
}

export function moveCursor<T extends ListState>(list: T, delta: number, count: number, height: number): T {
  return placeCursor(list, list.cursor + delta, count, height);
}
