// SARIF 2.1.0 for GitHub code scanning: one run per image (its own automationDetails.id), results on
// Dockerfile lines with stable fingerprints, evidence in properties, fixes as artifactChanges.
import { figuresOf } from '../report/figures.js';
import type { RunResult } from '../report/result.js';
import { REPO_URL, type Scope, scopesOf } from './common.js';
import { applyLimits, GITHUB_LIMITS, type SarifLimits } from './sarif-limits.js';
import { artifactFor, sarifResults } from './sarif-results.js';
import { sarifRule } from './sarif-rules.js';
import type { SarifLog, SarifNotification, SarifResult, SarifRun } from './sarif-types.js';
import type { Reporter, ReportOptions } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** "ghcr.io/acme/app:1.2" -> "ghcr.io-acme-app-1.2": one category per image, so several can be uploaded per commit. */
export function sanitiseForId(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return (clean || 'image').slice(0, 100);
}

export function automationId(scope: Scope): string {
  return scope.image
    ? `layerlint/${sanitiseForId(scope.label)}/`
    : `layerlint/dockerfile-${sanitiseForId(scope.label)}/`;
}

function runProperties(scope: Scope): Record<string, unknown> | undefined {
  const image = scope.image;
  if (!image) return undefined;
  return {
    image: {
      ref: image.ref,
      platform: image.platform,
      configDigest: image.configDigest,
      manifestDigest: image.manifestDigest,
      repoTags: image.repoTags,
      layers: image.layers.length,
    },
    // the figures every output shows, under the names src/report/figures.ts defines
    figures: figuresOf(image),
    thresholds: image.thresholds,
    passed: image.passed,
  };
}

function scopeNotifications(scope: Scope): SarifNotification[] {
  const out: SarifNotification[] = [];
  for (const notice of scope.image?.notices ?? [])
    out.push({ level: 'note', descriptor: { id: 'image-notice' }, message: { text: notice } });
  for (const t of scope.image?.thresholds.filter((t) => !t.passed) ?? []) {
    out.push({
      level: 'warning',
      descriptor: { id: 'threshold-failed' },
      message: { text: `threshold ${t.name} failed: ${t.actual} (limit ${t.limit})` },
    });
  }
  return out;
}

function buildRun(result: RunResult, scope: Scope, opts: ReportOptions): SarifRun {
  const artifact = artifactFor(scope, opts.sarifUri);
  const run: SarifRun = {
    tool: {
      driver: {
        name: 'layerlint',
        version: result.tool.version,
        semanticVersion: result.tool.version,
        informationUri: REPO_URL,
        rules: [],
      },
    },
    automationDetails: {
      id: automationId(scope),
      description: {
        text: scope.image ? `layerlint analysis of image ${scope.label}` : `layerlint analysis of ${scope.label}`,
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [...artifact.notifications, ...scopeNotifications(scope)],
      },
    ],
    columnKind: 'utf16CodeUnits',
    results: [
      ...sarifResults(scope, artifact),
      // with a baseline: what it had and this image no longer has. kind "pass" (level "none", as
      // SARIF requires with it): a consumer that ignores baselineState must not see an open problem
      ...sarifResults({ ...scope, findings: scope.image?.absentFindings ?? [] }, artifact).map(
        (r): SarifResult => ({ ...r, kind: 'pass', level: 'none' }),
      ),
    ],
  };
  const properties = runProperties(scope);
  if (properties) run.properties = properties;
  return run;
}

/** rules[]: exactly the rules with results in this run, sorted by id; results point at them by index. */
function finalizeRules(run: SarifRun): void {
  const ids = [...new Set(run.results.map((r) => r.ruleId))].sort();
  run.tool.driver.rules = ids.map(sarifRule);
  for (const r of run.results) r.ruleIndex = ids.indexOf(r.ruleId);
}

export function buildSarif(result: RunResult, opts: ReportOptions, limits: SarifLimits = GITHUB_LIMITS): SarifLog {
  const log: SarifLog = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: scopesOf(result).map((scope) => buildRun(result, scope, opts)),
  };
  applyLimits(log, limits, finalizeRules);
  return log;
}

export const sarifReporter: Reporter = (result, opts) => `${JSON.stringify(buildSarif(result, opts), null, 2)}\n`;
