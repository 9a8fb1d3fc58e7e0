import { githubReporter } from './github.js';
import { jsonReporter } from './json.js';
import { markdownReporter } from './markdown.js';
import { sarifReporter } from './sarif.js';
import { ttyReporter } from './tty.js';
import type { Reporter } from './types.js';

export const REPORTERS: Record<string, Reporter> = {
  tty: ttyReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  markdown: markdownReporter,
};

export const FORMATS = Object.keys(REPORTERS);
