import type { RunResult } from '../report/result.js';
import type { Reporter } from './types.js';

/** The full result, as documented by schemas/result.schema.json. */
export const jsonReporter: Reporter = (result) => `${stringifyResult(result)}\n`;

/**
 * Indented JSON, but a file list (analyze --files) keeps one file per line: 40,000 files are then
 * 40,000 lines, not 360,000.
 */
function stringifyResult(result: RunResult): string {
  const lists = result.images.map((i) => i.files);
  if (!lists.some(Boolean)) return JSON.stringify(result, null, 2);
  const images = result.images.map((image, i) => (image.files ? { ...image, files: `\u0000files${i}` } : image));
  return JSON.stringify({ ...result, images }, null, 2).replace(/"\\u0000files(\d+)"/g, (_m, i: string) => {
    const rows = lists[Number(i)] ?? [];
    if (rows.length === 0) return '[]';
    return `[\n${rows.map((r) => `        ${JSON.stringify(r)}`).join(',\n')}\n      ]`;
  });
}
