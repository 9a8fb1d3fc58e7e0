// Runs the rule catalog over an image analysis and/or a Dockerfile: severities and options from
// the config, Dockerfile locations for image findings, inline and path ignores, fixes attached.

import type { DockerfileModel, LayerMapping } from '../analyzers/dockerfile/types.js';
import { compareStrings } from '../compare.js';
import type { IgnoreEntry, ResolvedConfig } from '../config/types.js';
import type { Finding, ImageAnalysis, Rule, Severity, ThresholdResult } from '../model/types.js';
import { allRules, ruleById } from '../rules/index.js';
import { globMatcher } from './glob.js';
import { locateFinding } from './locate.js';
import { type Candidate, mergeSameProblem, PAIRED_RULES } from './same-problem.js';
import { gateOf } from './thresholds.js';

export interface EngineInput {
  analysis?: ImageAnalysis;
  dockerfile?: DockerfileModel;
  mapping?: LayerMapping;
  config: ResolvedConfig;
  rules?: Rule[];
  /** the image's CI gate when the caller evaluated it already (it is evaluated once per image) */
  gate?: ThresholdResult[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, note: 2 };

export function runRules(input: EngineInput): Finding[] {
  const { analysis, dockerfile, mapping, config } = input;
  const ignored = globMatcher(config.ignorePaths);
  const allowed = allowlist(config.ignore ?? []);
  const gate = input.gate ?? (analysis ? gateOf(analysis.efficiency, config, dockerfile?.globalIgnores) : []);
  const candidates: Candidate[] = [];
  const ran = new Set<string>();
  for (const rule of input.rules ?? allRules) {
    const configured = config.severities[rule.id] ?? rule.meta.defaultSeverity;
    const names = namesOf(rule.id);
    const ignoredIds = [...(dockerfile?.globalIgnores ?? []), ...(config.ignoreIds ?? [])];
    const off = configured === 'off' || ignoredIds.some((id) => id === rule.id);
    // a rule of a same-problem pair runs even when ignored: its partner's finding is then suppressed
    if (off && !PAIRED_RULES.has(rule.id)) continue;
    if (rule.meta.requires === 'image' && !analysis) continue;
    if (rule.meta.requires === 'dockerfile' && !dockerfile) continue;
    const severity = configured === 'off' ? rule.meta.defaultSeverity : configured;
    const options = { ...(rule.meta.defaultOptions ?? {}), ...(config.options[rule.id] ?? {}) };
    const raw = rule.check({ analysis, dockerfile, mapping, options, gate });
    ran.add(rule.id);
    for (const r of raw) {
      let paths = r.paths;
      if (paths && config.ignorePaths.length > 0) {
        paths = paths.filter((p) => !ignored(p));
        if (paths.length === 0 && r.paths && r.paths.length > 0) continue;
      }
      if (allowed(rule.id, r)) continue;
      const finding: Finding = { ...r, ruleId: rule.id, severity: r.severity ?? severity, paths };
      if (r.severity && config.severities[rule.id] && configured !== 'off') finding.severity = severity;
      if (!finding.location && dockerfile) Object.assign(finding, locateFinding(finding, dockerfile, mapping));
      // a peer id ignores the findings it answers for (a rule covering several ids says which in data.peer)
      const peerIgnored = ignoredIds.some((id) => id !== rule.id && findingNames(finding, names).includes(id));
      const inline = dockerfile ? isIgnoredInline(dockerfile, finding, rule.id) : false;
      candidates.push({ finding, suppressed: off || peerIgnored || inline });
    }
  }
  return mergeSameProblem(candidates, dockerfile, ran)
    .filter((c) => !c.suppressed && !isIgnoredAsRelated(c.finding, dockerfile))
    .map((c) => c.finding)
    .sort(compareFindings);
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

/**
 * An ignore comment above the finding's instruction names the rule. A finding inside an instruction
 * (a word on a continuation line) counts as on the instruction's first line.
 */
function isIgnoredInline(dockerfile: DockerfileModel, finding: Finding, ruleId: string): boolean {
  const index = finding.data?.instructionIndex;
  const line =
    typeof index === 'number' ? dockerfile.instructions[index]?.range.line : (finding.location?.line ?? undefined);
  if (line === undefined) return false;
  const names = findingNames(finding, namesOf(ruleId));
  return dockerfile.lineIgnores.get(line)?.some((id) => names.includes(id)) ?? false;
}

/** The names an ignore can use for a finding: its rule id, and the peer id it answers for when the rule says (data.peer), else all. */
function findingNames(finding: Finding, names: string[]): string[] {
  const peer = finding.data?.peer;
  return typeof peer === 'string' ? [names[0] as string, peer] : names;
}

/** A rule's id and the peer ids it answers for (an ignore naming DL3009 ignores apt-lists-not-removed). */
function namesOf(ruleId: string): string[] {
  return [ruleId, ...(ruleById(ruleId)?.meta.aliases ?? [])];
}

/** An ignore comment on the merged finding's instruction that names one of its related ids. */
function isIgnoredAsRelated(finding: Finding, dockerfile: DockerfileModel | undefined): boolean {
  if (!dockerfile || !finding.related) return false;
  return finding.related.some((id) => isIgnoredInline(dockerfile, finding, id));
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
