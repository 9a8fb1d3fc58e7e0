// `layerlint diff`'s output formats; each loads when a run asks for it.
import type { DiffResult, DiffSide } from '../../diff/types.js';
import type { ReportOptions } from '../types.js';

export const DIFF_FORMATS = ['tty', 'json', 'markdown', 'github', 'sarif'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** `head` carries HEAD's whole report: SARIF and annotations are made from it. */
export type DiffReporter = (result: DiffResult, head: DiffSide, opts: ReportOptions) => string;

export async function loadDiffReporter(format: DiffFormat): Promise<DiffReporter> {
  switch (format) {
    case 'tty':
      return (await import('./tty.js')).diffTtyReporter;
    case 'json':
      return (result) => `${JSON.stringify(result, null, 2)}\n`;
    case 'markdown':
      return (await import('./markdown.js')).diffMarkdownReporter;
    case 'github':
      return (await import('./github.js')).diffGithubReporter;
    case 'sarif':
      return (await import('./sarif.js')).diffSarifReporter;
  }
}
