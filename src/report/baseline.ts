// The baseline file (`layerlint baseline IMG -o .layerlint-baseline.json`): today's findings by
// fingerprint, small and sorted so that it reads well in a repository and in its diffs.
// schemas/baseline.schema.json describes it.
import { compareStrings } from '../compare.js';
import type { Finding } from '../model/types.js';
import type { RunResult } from './result.js';

export const BASELINE_SCHEMA_VERSION = '1.0';

export interface BaselineEntry {
  ruleId: string;
  severity: Finding['severity'];
  fingerprint: string;
  subjectFingerprint: string;
  message: string;
  paths?: string[];
}

export interface BaselineFile {
  layerlintBaseline: string; // the schema version
  tool: { name: 'layerlint'; version: string };
  image?: string;
  findings: BaselineEntry[];
}

export function buildBaseline(result: RunResult): BaselineFile {
  const image = result.images[0];
  const findings = image?.findings ?? result.dockerfileFindings ?? [];
  return {
    layerlintBaseline: BASELINE_SCHEMA_VERSION,
    tool: result.tool,
    ...(image ? { image: image.ref } : {}),
    findings: findings
      .map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        fingerprint: f.fingerprint ?? '',
        subjectFingerprint: f.subjectFingerprint ?? '',
        message: f.message,
        ...(f.paths && f.paths.length > 0 ? { paths: f.paths.slice(0, 20) } : {}),
      }))
      .sort(
        (a, b) =>
          compareStrings(a.ruleId, b.ruleId) ||
          compareStrings(a.fingerprint, b.fingerprint) ||
          compareStrings(a.message, b.message),
      ),
  };
}

export function isBaselineFile(value: unknown): value is BaselineFile {
  return typeof value === 'object' && value !== null && 'layerlintBaseline' in value;
}
