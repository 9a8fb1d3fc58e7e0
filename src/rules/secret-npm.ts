import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, hasBase62Checksum } from '../secrets/detector.js';

const detectors: Detector[] = [
  {
    // npm's 2021 format is GitHub's: 30 random base62 characters and their CRC32 checksum
    kind: 'npm-access-token',
    label: 'npm access token',
    anchor: 'npm_',
    bigramAt: 1,
    re: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    confirm: (m) => (hasBase62Checksum(m[0], 4) ? { evidence: 'npm_****' } : undefined),
  },
];

/** npm access tokens (npm_, with their checksum) in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-npm',
  description: 'npm access tokens (npm_) in the content of any file of any layer',
  securitySeverity: 9.0,
  detectors,
});
export default rule;
