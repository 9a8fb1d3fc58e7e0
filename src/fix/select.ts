import type { Finding, TextEdit } from '../model/types.js';
import { overlaps } from './apply.js';
import { CLOSING, STRUCTURAL } from './registry.js';

export interface Selection {
  edits: TextEdit[];
  applied: Finding[]; // findings whose whole fix was selected
  skipped: Finding[]; // findings whose fix overlaps an earlier one (they stay reported)
}

/**
 * Picks whole fixes (all edits of a finding or none) that do not overlap, in finding order with
 * cache cleanups (CLOSING) after the others and restructuring fixes last; the edits are in that order, for applyEdits' stable tie-break.
 */
export function selectFixes(findings: readonly Finding[]): Selection {
  const withFix = findings.filter((f) => f.fix && f.fix.length > 0);
  const ordered = [
    ...withFix.filter((f) => !STRUCTURAL.has(f.ruleId) && !CLOSING.has(f.ruleId)),
    ...withFix.filter((f) => CLOSING.has(f.ruleId)),
    ...withFix.filter((f) => STRUCTURAL.has(f.ruleId)),
  ];
  const edits: TextEdit[] = [];
  const applied: Finding[] = [];
  const skipped: Finding[] = [];
  for (const f of ordered) {
    const fix = (f.fix as TextEdit[]).filter((e) => !edits.some((o) => sameEdit(e, o)));
    const clash =
      fix.some((e, i) => fix.some((o, j) => j !== i && overlaps(e.range, o.range))) ||
      fix.some((e) => edits.some((o) => overlaps(e.range, o.range)));
    if (clash) skipped.push(f);
    else {
      edits.push(...fix);
      applied.push(f);
    }
  }
  return { edits, applied, skipped };
}

/** Two identical edits (two findings asking for the same change) are applied once. */
function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.range[0] === b.range[0] && a.range[1] === b.range[1] && a.text === b.text;
}
