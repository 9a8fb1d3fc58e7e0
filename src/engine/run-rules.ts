// Runs the rule catalog over an image analysis and/or a Dockerfile: severities and options from
// the config, Dockerfile locations for image findings, inline and path ignores, fixes attached.

import type { DockerfileModel, LayerMapping } from '../analyzers/dockerfile/types.js';
import { compareStrings } from '../compare.js';
import type { IgnoreEntry, ResolvedConfig } from '../config/types.js';
import type { Finding, ImageAnalysis, Rule, Severity, SourceLocation } from '../model/types.js';
import { allRules } from '../rules/index.js';
import { globMatcher } from './glob.js';
import { locateFinding } from './locate.js';

export interface EngineInput {
  analysis?: ImageAnalysis;
  dockerfile?: DockerfileModel;
  mapping?: LayerMapping;
  config: ResolvedConfig;
  rules?: Rule[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

export function runRules(input: EngineInput): Finding[] {
  const { analysis, dockerfile, mapping, config } = input;
  const ignored = globMatcher(config.ignorePaths);
  const allowed = allowlist(config.ignore ?? []);
  const findings: Finding[] = [];
  for (const rule of input.rules ?? allRules) {
    const severity = config.severities[rule.id] ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    if (rule.meta.requires === 'image' && !analysis) continue;
    if (rule.meta.requires === 'dockerfile' && !dockerfile) continue;
    if (dockerfile?.globalIgnores.includes(rule.id)) continue;
    const options = { ...(rule.meta.defaultOptions ?? {}), ...(config.options[rule.id] ?? {}) };
    const raw = rule.check({ analysis, dockerfile, mapping, options, thresholds: config.thresholds });
    for (const r of raw) {
      let paths = r.paths;
      if (paths && config.ignorePaths.length > 0) {
        paths = paths.filter((p) => !ignored(p));
        if (paths.length === 0) continue;
      }
      if (allowed(rule.id, r)) continue;
      const finding: Finding = { ...r, ruleId: rule.id, severity: r.severity ?? severity, paths };
      if (r.severity && config.severities[rule.id]) finding.severity = severity;
      if (!finding.location && dockerfile) Object.assign(finding, locateFinding(finding, dockerfile, mapping));
      if (dockerfile && finding.location && isIgnoredInline(dockerfile, finding.location, rule.id)) continue;
      findings.push(finding);
    }
  }
  return findings.sort(compareFindings);
}

/** The config's `ignore` entries as one test of a rule's raw finding. */
function allowlist(
  entries: IgnoreEntry[],
): (ruleId: string, finding: { paths?: string[]; data?: Record<string, unknown> }) => boolean {
  if (entries.length === 0) return () => false;
  const tests = entries.map((e) => {
    const rule = e.rule;
    const ruleMatches = !rule
      ? () => true
      : rule.endsWith('*')
        ? (id: string) => id.startsWith(rule.slice(0, -1))
        : (id: string) => id === rule;
    const inPaths = e.paths ? globMatcher(e.paths) : undefined;
    return (id: string, f: { paths?: string[]; data?: Record<string, unknown> }) =>
      ruleMatches(id) &&
      (e.fingerprint === undefined || f.data?.fingerprint === e.fingerprint) &&
      (!inPaths || (f.paths !== undefined && f.paths.length > 0 && f.paths.every(inPaths)));
  });
  return (id, f) => tests.some((t) => t(id, f));
}

function isIgnoredInline(dockerfile: DockerfileModel, location: SourceLocation, ruleId: string): boolean {
  return dockerfile.lineIgnores.get(location.line)?.includes(ruleId) ?? false;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (b.bytes ?? 0) - (a.bytes ?? 0) ||
    compareStrings(a.ruleId, b.ruleId) ||
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    (a.layer ?? -1) - (b.layer ?? -1)
  );
}
