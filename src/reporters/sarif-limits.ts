// GitHub code scanning's hard limits on an upload, applied by dropping the least important data and
// saying what was dropped in the run's toolExecutionNotifications.
import { gzipSync } from 'node:zlib';
import type { SarifLog, SarifResult, SarifRun } from './sarif-types.js';

export interface SarifLimits {
  maxRuns: number; // runs per file
  maxResultsPerRun: number;
  maxGzipBytes: number; // the uploaded file, gzipped
}

/** https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning */
export const GITHUB_LIMITS: SarifLimits = { maxRuns: 20, maxResultsPerRun: 25_000, maxGzipBytes: 10 * 1024 * 1024 };

function notify(run: SarifRun, id: string, text: string): void {
  run.invocations[0].toolExecutionNotifications.push({ level: 'warning', descriptor: { id }, message: { text } });
}

function levels(results: SarifResult[]): string {
  const n = { error: 0, warning: 0, note: 0, none: 0 };
  for (const r of results) n[r.level]++;
  return `${n.error} error, ${n.warning} warning, ${n.note} note`;
}

/** Keep the first `keep` results (they are sorted most severe first) and say what went. */
function cut(run: SarifRun, keep: number, why: string): void {
  const dropped = run.results.slice(keep);
  if (dropped.length === 0) return;
  run.results = run.results.slice(0, keep);
  notify(
    run,
    'results-dropped',
    `${dropped.length} of ${keep + dropped.length} results were left out (${levels(dropped)}) because ${why}; the JSON report has all of them.`,
  );
}

export function gzipSize(log: SarifLog): number {
  return gzipSync(JSON.stringify(log)).length;
}

/** Caps runs and results in place; `finalize` recomputes each run's rule list after a cut. */
export function applyLimits(log: SarifLog, limits: SarifLimits, finalize: (run: SarifRun) => void): void {
  if (log.runs.length > limits.maxRuns) {
    const dropped = log.runs.slice(limits.maxRuns).map((r) => r.automationDetails.id);
    log.runs = log.runs.slice(0, limits.maxRuns);
    notify(
      log.runs[0],
      'runs-dropped',
      `${dropped.length} runs were left out because GitHub accepts at most ${limits.maxRuns} runs per SARIF file: ${dropped.join(', ')}. Analyse those images in separate invocations.`,
    );
  }
  for (const run of log.runs)
    cut(run, limits.maxResultsPerRun, `GitHub accepts at most ${limits.maxResultsPerRun} results per run`);
  log.runs.forEach(finalize);
  if (gzipSize(log) <= limits.maxGzipBytes) return;
  for (const run of log.runs) {
    let stripped = 0;
    for (const r of run.results) {
      if (r.properties || r.relatedLocations || r.fixes) stripped++;
      delete r.properties;
      delete r.relatedLocations;
      delete r.fixes;
    }
    if (stripped > 0)
      notify(
        run,
        'evidence-dropped',
        `Evidence, related locations and fixes were left out of ${stripped} results to stay under GitHub's ${limits.maxGzipBytes} byte (gzipped) upload limit.`,
      );
  }
  for (let size = gzipSize(log); size > limits.maxGzipBytes; size = gzipSize(log)) {
    const run = log.runs.reduce((a, b) => (b.results.length > a.results.length ? b : a));
    if (run.results.length === 0) break;
    cut(
      run,
      Math.floor(run.results.length / 2),
      `the file must stay under GitHub's ${limits.maxGzipBytes} byte (gzipped) upload limit`,
    );
    finalize(run);
  }
}
