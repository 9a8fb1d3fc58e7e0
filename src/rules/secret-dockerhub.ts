import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, isPlaceholderSecret, lowVariety } from '../secrets/detector.js';

const detectors: Detector[] = [
  {
    kind: 'dockerhub-token',
    label: 'Docker Hub access token',
    anchor: 'dckr_',
    bigramAt: 2,
    re: /(?<![A-Za-z0-9_])dckr_(pat|oat)_[A-Za-z0-9_-]{27,32}(?![A-Za-z0-9_-])/g,
    confirm: (m) => {
      const body = m[0].slice(9);
      return isPlaceholderSecret(body) || lowVariety(body) ? undefined : { evidence: `dckr_${m[1]}_****` };
    },
  },
];

/** Docker Hub personal and organization access tokens (dckr_pat_, dckr_oat_) in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-dockerhub',
  description: 'Docker Hub access tokens (dckr_pat_, dckr_oat_) in the content of any file of any layer',
  securitySeverity: 8.0,
  detectors,
});
export default rule;
