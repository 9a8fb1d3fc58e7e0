// The output formats; each reporter loads when a run asks for it (a JSON run never loads the
// terminal, SARIF or markdown code).
import type { Reporter } from './types.js';

export const FORMATS = ['tty', 'json', 'sarif', 'github', 'markdown', 'codeclimate', 'junit', 'checkstyle'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

export async function loadReporter(format: Format): Promise<Reporter> {
  switch (format) {
    case 'tty':
      return (await import('./tty.js')).ttyReporter;
    case 'json':
      return (await import('./json.js')).jsonReporter;
    case 'sarif':
      return (await import('./sarif.js')).sarifReporter;
    case 'github':
      return (await import('./github.js')).githubReporter;
    case 'markdown':
      return (await import('./markdown.js')).markdownReporter;
    case 'codeclimate':
      return (await import('./codeclimate.js')).codeclimateReporter;
    case 'junit':
      return (await import('./junit.js')).junitReporter;
    case 'checkstyle':
      return (await import('./checkstyle.js')).checkstyleReporter;
  }
}
