import { parseDockerfile } from '../../../src/analyzers/dockerfile/parse.js';
import type { DockerfileModel } from '../../../src/analyzers/dockerfile/types.js';
import { attachFixes } from '../../../src/fix/attach.js';
import { type FixPlan, planFixes } from '../../../src/fix/plan.js';
import type { FixContext } from '../../../src/fix/types.js';
import type { Finding } from '../../../src/model/types.js';
import { dockerfileRules } from '../../../src/rules/dockerfile-rules.js';

/** Runs the Dockerfile rules the way the engine will (ignores and locations aside). */
export function lint(df: DockerfileModel): Finding[] {
  return dockerfileRules.flatMap((rule) =>
    rule
      .check({ dockerfile: df, options: rule.meta.defaultOptions ?? {}, gate: [] })
      .map((f) => ({ ...f, ruleId: rule.id, severity: f.severity ?? rule.meta.defaultSeverity })),
  );
}

export interface FixRun {
  df: DockerfileModel;
  findings: Finding[];
  plan: FixPlan;
}

/** rules -> attachFixes -> planFixes on a text. */
export function fixOnce(text: string, ctx: FixContext = {}): FixRun {
  const df = parseDockerfile(text, 'Dockerfile');
  const findings = attachFixes(lint(df), df, ctx);
  return { df, findings, plan: planFixes(findings, df) };
}

export function model(text: string): DockerfileModel {
  return parseDockerfile(text, 'Dockerfile');
}
