import type { Rule } from '../model/types.js';

/** Rules that read the image (and the Dockerfile when given), sorted by id. */
export const imageRules: Rule[] = [];
