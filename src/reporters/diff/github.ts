// `layerlint diff --format github`: the verdict and each failed budget as workflow commands, and an
// annotation for each new finding only (what the pull request introduced).
import { command, githubReporter } from '../github.js';
import { headRunResult } from './head-result.js';
import type { DiffReporter } from './index.js';

export const diffGithubReporter: DiffReporter = (r, head, opts) => {
  const lines = [command(r.verdict.passed ? 'notice' : 'error', [['title', 'layerlint diff']], r.verdict.text)];
  for (const b of r.budgets.filter((x) => !x.passed))
    lines.push(command('error', [['title', `layerlint budget ${b.name}`]], b.message));
  const result = headRunResult(r, head);
  for (const image of result.images) {
    image.findings = image.findings.filter((f) => f.baselineState === 'new');
    image.thresholds = [];
    image.absentFindings = undefined;
  }
  return `${lines.join('\n')}\n${githubReporter(result, opts)}`;
};
