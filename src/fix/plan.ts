import type { DockerfileModel } from '../analyzers/dockerfile/types.js';
import type { Finding, TextEdit } from '../model/types.js';
import { applyEdits } from './apply.js';
import { selectFixes } from './select.js';
import { verifyFixed } from './validate.js';

export interface FixPlan {
  text: string; // the fixed text (=== dockerfile.text when nothing applies)
  edits: TextEdit[]; // applied edits, offsets into the original text
  fixed: Finding[]; // findings whose fix is in `text`
  unfixed: Finding[]; // findings with a fix that could not be applied (overlap or failed check)
  problems: string[]; // why fixes were dropped by the safety check
}

/**
 * Applies the fixes carried by `findings` to the Dockerfile: whole fixes only, no overlaps, and
 * only while the result passes verifyFixed (a fix that breaks it is dropped and reported). Pure.
 */
export function planFixes(findings: readonly Finding[], dockerfile: DockerfileModel): FixPlan {
  const sel = selectFixes(findings);
  const all = applyEdits(dockerfile.text, sel.edits);
  if (all.skipped.length === 0 && verifyFixed(dockerfile, all.applied, all.text) === undefined)
    return { text: all.text, edits: all.applied, fixed: sel.applied, unfixed: sel.skipped, problems: [] };
  // Something is wrong with the combination: add fixes one at a time and keep those that verify.
  const kept: Finding[] = [];
  const dropped: Finding[] = [...sel.skipped];
  const problems: string[] = [];
  let edits: TextEdit[] = [];
  let text = dockerfile.text;
  for (const f of sel.applied) {
    const tryEdits = [...edits, ...(f.fix ?? [])];
    const r = applyEdits(dockerfile.text, tryEdits);
    const problem = r.skipped.length > 0 ? 'overlapping edits' : verifyFixed(dockerfile, r.applied, r.text);
    if (problem) {
      dropped.push(f);
      problems.push(`${f.ruleId}: fix not applied: ${problem}`);
    } else {
      kept.push(f);
      edits = r.applied;
      text = r.text;
    }
  }
  return { text, edits, fixed: kept, unfixed: dropped, problems };
}
