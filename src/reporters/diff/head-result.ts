// HEAD's report as a RunResult with each finding's baselineState and BASE's fixed findings as
// "absent": what the SARIF and annotation reporters read.
import type { DiffResult, DiffSide } from '../../diff/types.js';
import { RESULT_SCHEMA_VERSION, type RunResult } from '../../report/result.js';

export function headRunResult(r: DiffResult, head: DiffSide): RunResult {
  const f = r.findings;
  const report = head.report;
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: r.tool,
    failOn: 'none',
    images: report ? [{ ...report, findings: [...f.unchanged, ...f.updated, ...f.new], absentFindings: f.fixed }] : [],
    exitCode: r.exitCode,
  };
}
