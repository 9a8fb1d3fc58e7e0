// GitLab Code Quality (a subset of the Code Climate issue format): a JSON array of issues that
// GitLab's merge-request widget reads from a `codequality` report artifact.
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../model/types.js';
import { instructionAt, scopesOf } from './common.js';
import type { Reporter } from './types.js';

const SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical'> = {
  error: 'major',
  warning: 'minor',
  note: 'info',
};

interface Issue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  severity: string;
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * One issue per finding. A finding without a Dockerfile line is placed on line 1 of the
 * Dockerfile, or of the image reference when there is no Dockerfile (GitLab requires a path).
 * The fingerprint (GitLab's identity of an issue across pipelines) hashes the rule, the scope, the
 * instruction's text (stable when other lines move) or the message, and a counter for repeats.
 */
export const codeclimateReporter: Reporter = (result) => {
  const issues: Issue[] = [];
  for (const scope of scopesOf(result)) {
    const seen = new Map<string, number>();
    for (const f of scope.findings) {
      const path = f.location?.file ?? scope.dockerfile?.path ?? scope.label;
      const line = f.location?.line ?? 1;
      const anchor = (f.location && instructionAt(scope.dockerfile, line)?.textHash) ?? `message:${f.message}`;
      const key = `${f.ruleId}\0${scope.label}\0${anchor}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      issues.push({
        type: 'issue',
        check_name: f.ruleId,
        description: describe(f),
        categories: [category(f)],
        severity: SEVERITY[f.severity],
        fingerprint: createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32),
        location: { path, lines: { begin: line, end: f.location?.endLine ?? line } },
      });
    }
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
};

function describe(f: Finding): string {
  return f.related?.length ? `${f.message} (also ${f.related.join(', ')})` : f.message;
}

function category(f: Finding): string {
  if (f.ruleId.startsWith('secret') || /root|user|port|setuid|world-writable|sudo/.test(f.ruleId)) return 'Security';
  return /cache|size|shipped|duplicate|efficiency|overwritten|toolchain|stage|layer/.test(f.ruleId)
    ? 'Performance'
    : 'Style';
}
