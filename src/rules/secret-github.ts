import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, hasBase62Checksum, keepPrefix, lowVariety } from '../secrets/detector.js';

/** The 2021 formats: a prefix, 30 random base62 characters and their CRC32 (detector.ts). */
const CLASSIC: [prefix: string, kind: string, label: string, bigramAt: number][] = [
  ['ghp_', 'github-pat', 'GitHub personal access token', 1],
  ['gho_', 'github-oauth-token', 'GitHub OAuth access token', 2],
  ['ghu_', 'github-app-user-token', 'GitHub App user-to-server token', 2],
  ['ghs_', 'github-app-installation-token', 'GitHub App server-to-server token', 1],
  ['ghr_', 'github-refresh-token', 'GitHub App refresh token', 1],
];

const detectors: Detector[] = [
  ...CLASSIC.map(
    ([prefix, kind, label, bigramAt]): Detector => ({
      kind,
      label,
      anchor: prefix,
      bigramAt,
      re: new RegExp(`(?<![A-Za-z0-9_])${prefix}[A-Za-z0-9]{36}(?![A-Za-z0-9_])`, 'g'),
      confirm: (m) => (hasBase62Checksum(m[0], 4) ? { evidence: keepPrefix(m[0], 4) } : undefined),
    }),
  ),
  {
    kind: 'github-fine-grained-pat',
    label: 'GitHub fine-grained personal access token',
    anchor: 'github_pat_',
    bigramAt: 5,
    re: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/g,
    confirm: (m) => (lowVariety(m[0].slice(11)) ? undefined : { evidence: keepPrefix(m[0], 11) }),
  },
];

/**
 * GitHub tokens in file content: classic and fine-grained personal access tokens, OAuth, GitHub
 * App user-to-server, server-to-server and refresh tokens. New-format tokens must carry their
 * CRC32 checksum, so a made-up string of the right shape is not reported.
 */
export const rule = contentSecretRule({
  id: 'secret-github',
  description: 'GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_) in the content of any file of any layer',
  securitySeverity: 9.0,
  detectors,
});
export default rule;
