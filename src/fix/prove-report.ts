import type { CorrectedMetrics, Finding } from '../model/types.js';
import { humanBytes } from '../report/format.js';
import type { BuilderKind, RunResult } from './prove-build.js';

export interface ProvedFix {
  finding: Finding; // as fixed (data.expectedSavingsBytes when the image showed it)
  /** findings of its rule on the original image and on the fixed one */
  reportedBefore: number;
  reportedAfter: number;
}

export interface ProveInput {
  builder: BuilderKind;
  before: CorrectedMetrics;
  after: CorrectedMetrics;
  fixes: ProvedFix[];
  expectedTotal: number;
  run?: { before: RunResult; after: RunResult };
}

const col = (s: string, n: number) => s.padStart(n);
const signed = (n: number) => (n >= 0 ? humanBytes(n) : `-${humanBytes(-n)}`);

/**
 * The `fix --prove` report: both images' figures, each fix with the bytes it was expected to save
 * and whether its rule still reports, the run comparison, and the verdict. Pure. `proved` is false
 * when the fixed image is not smaller or (with a run) its exit code or output differ.
 */
export function proveReport(p: ProveInput): { text: string; proved: boolean } {
  const lines = [`layerlint fix --prove: built the original and the fixed Dockerfile with ${p.builder}`];
  lines.push(`  ${''.padEnd(12)}${col('original', 12)}${col('fixed', 12)}${col('saved', 12)}`);
  const row = (name: string, b: number, a: number) =>
    lines.push(`  ${name.padEnd(12)}${col(humanBytes(b), 12)}${col(humanBytes(a), 12)}${col(signed(b - a), 12)}`);
  row('image size', p.before.imageSize, p.after.imageSize);
  row('reclaimable', p.before.reclaimableBytes, p.after.reclaimableBytes);
  row('wasted', p.before.wastedBytes, p.after.wastedBytes);
  lines.push('  fixes (expected saving; findings of the rule on the original -> fixed image):');
  for (const f of p.fixes) {
    const at = f.finding.location ? ` (line ${f.finding.location.line})` : '';
    const bytes = f.finding.data?.expectedSavingsBytes;
    const expected = typeof bytes === 'number' ? humanBytes(bytes) : 'no estimate';
    lines.push(`    ${f.finding.ruleId}${at}: ${expected}; reported ${f.reportedBefore} -> ${f.reportedAfter}`);
  }
  const saved = p.before.imageSize - p.after.imageSize;
  lines.push(
    `  expected to save ${humanBytes(p.expectedTotal)} (${p.expectedTotal} bytes); saved ${signed(saved)} (${saved} bytes)`,
  );
  const problems: string[] = [];
  if (saved <= 0) problems.push('the fixed image is not smaller');
  if (p.run) {
    const { before: b, after: a } = p.run;
    const same = b.status === a.status && b.stdout === a.stdout && b.stderr === a.stderr;
    lines.push(
      `  default command: exit ${b.status} -> ${a.status}; output ${same ? 'identical' : 'differs'} (${Buffer.byteLength(b.stdout)} -> ${Buffer.byteLength(a.stdout)} bytes on stdout)`,
    );
    if (!same) problems.push('the default command behaves differently');
  }
  const verdict =
    problems.length === 0
      ? `proved: ${humanBytes(saved)} smaller (expected ${humanBytes(p.expectedTotal)})${p.run ? ', same exit code and output' : ''}`
      : `not proved: ${problems.join('; ')}`;
  lines.push(`verdict: ${verdict}`);
  return { text: `${lines.join('\n')}\n`, proved: problems.length === 0 };
}
