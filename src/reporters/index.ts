import { jsonReporter } from './json.js';
import { ttyReporter } from './tty.js';
import type { Reporter } from './types.js';

export const REPORTERS: Record<string, Reporter> = {
  tty: ttyReporter,
  json: jsonReporter,
};

export const FORMATS = Object.keys(REPORTERS);
