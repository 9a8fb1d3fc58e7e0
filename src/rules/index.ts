import { compareStrings } from '../compare.js';
import type { Rule } from '../model/types.js';
import { dockerfileRules } from './dockerfile-rules.js';
import { imageRules } from './image-rules.js';

/** Every rule, sorted by id. */
export const allRules: Rule[] = [...dockerfileRules, ...imageRules].sort((a, b) => compareStrings(a.id, b.id));

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
