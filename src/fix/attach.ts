import type { DockerfileModel } from '../analyzers/dockerfile/types.js';
import type { Finding, TextEdit } from '../model/types.js';
import { FIXERS } from './registry.js';
import { expectedSavings } from './savings.js';
import type { FixContext } from './types.js';

const SPLIT = new Set(['single-stage-build', 'build-toolchain-in-final-image']);

/** Image rules whose fix adds to the fix of the Dockerfile finding they were merged into (src/engine/same-problem.ts). */
const EVIDENCE_FIXES = new Set(['package-manager-cache']);

/**
 * The edits of the image findings merged into `f` as evidence (data.evidence: `apt-get clean` for
 * the .debs an apt-lists-not-removed finding's RUN leaves), each fixed as its own rule would.
 */
function evidenceEdits(f: Finding, dockerfile: DockerfileModel, ctx: FixContext): TextEdit[] {
  const evidence = Array.isArray(f.data?.evidence) ? (f.data.evidence as Record<string, unknown>[]) : [];
  return evidence.flatMap((ev) => {
    const ruleId = String(ev.ruleId);
    const gen = EVIDENCE_FIXES.has(ruleId) ? FIXERS[ruleId] : undefined;
    if (!gen) return [];
    try {
      return (
        gen({ ruleId, severity: f.severity, message: f.message, layer: f.layer, data: ev }, dockerfile, ctx).edits ?? []
      );
    } catch {
      return [];
    }
  });
}

/**
 * Returns copies of the findings with `fix` (edits) and/or `suggestion` filled from the rewrite of
 * their rule, and data.expectedSavingsBytes (what the fix takes out of the image, when the image
 * shows it). Findings of rules without a rewrite are returned unchanged. Pure: the Dockerfile is
 * not touched; a generator that throws yields no fix for that finding.
 */
export function attachFixes(findings: Finding[], dockerfile: DockerfileModel, ctx: FixContext = {}): Finding[] {
  const out = findings.map((f) => {
    const gen = FIXERS[f.ruleId];
    if (!gen) return f;
    let outcome: ReturnType<typeof gen>;
    try {
      outcome = gen(f, dockerfile, ctx);
    } catch {
      return f;
    }
    const edits = [...(outcome.edits ?? []), ...evidenceEdits(f, dockerfile, ctx)].filter(
      (e, i, all) =>
        all.findIndex((o) => o.range[0] === e.range[0] && o.range[1] === e.range[1] && o.text === e.text) === i,
    );
    const next: Finding = { ...f };
    if (edits.length > 0) next.fix = edits;
    else delete next.fix;
    if (outcome.suggestion) next.suggestion = outcome.suggestion;
    const saves = expectedSavings(next, dockerfile, ctx);
    if (saves !== undefined) next.data = { ...next.data, expectedSavingsBytes: saves };
    return next;
  });
  // Only one split: both split rules describe the same rewrite.
  const split = out.find((f) => SPLIT.has(f.ruleId) && f.fix);
  // The split's runtime stage sets its own USER; a second USER fix would target the old base.
  return out.map((f) => {
    if (!split || f === split) return f;
    if (SPLIT.has(f.ruleId) || f.ruleId === 'missing-user') {
      const { fix: _drop, ...rest } = f;
      return {
        ...rest,
        suggestion: `${f.suggestion ? `${f.suggestion}\n` : ''}Handled by the build/runtime stage split (${split.ruleId}).`,
      };
    }
    return f;
  });
}
