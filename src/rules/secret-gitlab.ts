import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, isPlaceholderSecret, keepPrefix, lowVariety } from '../secrets/detector.js';

// GitLab's documented token prefixes (docs: "Token prefixes"), each with the bigram the prefilter
// looks for: personal, OAuth application secret, deploy, runner, CI/CD job, feed, incoming mail,
// agent, SCIM tokens. Pipeline trigger tokens are 40 hex characters.
const PREFIXES: [prefix: string, kind: string, label: string, bigramAt: number][] = [
  ['glpat-', 'gitlab-pat', 'GitLab personal access token', 1],
  ['gloas-', 'gitlab-oauth-secret', 'GitLab OAuth application secret', 2],
  ['gldt-', 'gitlab-deploy-token', 'GitLab deploy token', 2],
  ['glrt-', 'gitlab-runner-token', 'GitLab runner authentication token', 1],
  ['glcbt-', 'gitlab-ci-job-token', 'GitLab CI/CD job token', 2],
  ['glft-', 'gitlab-feed-token', 'GitLab feed token', 2],
  ['glimt-', 'gitlab-incoming-mail-token', 'GitLab incoming mail token', 3],
  ['glagent-', 'gitlab-agent-token', 'GitLab agent token', 6],
  ['glsoat-', 'gitlab-scim-token', 'GitLab SCIM token', 3],
];

const detectors: Detector[] = [
  ...PREFIXES.map(
    ([prefix, kind, label, bigramAt]): Detector => ({
      kind,
      label,
      anchor: prefix,
      bigramAt,
      re: new RegExp(`(?<![A-Za-z0-9_-])${prefix}[A-Za-z0-9_-]{20,}(?:\\.[A-Za-z0-9_-]+)*`, 'g'),
      confirm: (m) => {
        const body = m[0].slice(prefix.length);
        return isPlaceholderSecret(body) || lowVariety(body)
          ? undefined
          : { evidence: keepPrefix(m[0], prefix.length) };
      },
    }),
  ),
  {
    kind: 'gitlab-trigger-token',
    label: 'GitLab pipeline trigger token',
    anchor: 'glptt-',
    bigramAt: 1,
    re: /(?<![A-Za-z0-9_-])glptt-[0-9a-f]{40}(?![A-Za-z0-9_-])/g,
    confirm: (m) => (lowVariety(m[0].slice(6)) ? undefined : { evidence: 'glptt-****' }),
  },
];

/** GitLab tokens (personal, deploy, runner, trigger, OAuth, CI/CD job ...) in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-gitlab',
  description: 'GitLab tokens (glpat-, gldt-, glrt-, glptt- ...) in the content of any file of any layer',
  securitySeverity: 9.0,
  detectors,
});
export default rule;
