// The final filesystem as rows a saved result can carry (analyze --files) and `diff` compares.
import { compareStrings } from '../compare.js';
import type { StackedImage } from '../model/types.js';
import type { FileRow } from './result.js';

export function fileRowsOf(stack: StackedImage): FileRow[] {
  const rows: FileRow[] = [];
  for (const [path, e] of stack.final) {
    if (path === '/') continue;
    const row: FileRow = [path, e.kind, e.kind === 'file' ? e.size : 0, e.mode, e.uid, e.gid];
    if (e.digest) row.push(e.digest);
    rows.push(row);
  }
  return rows.sort((a, b) => compareStrings(a[0], b[0]));
}
