import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, isPlaceholderSecret, lowVariety } from '../secrets/detector.js';

const detectors: Detector[] = [
  {
    kind: 'sendgrid-api-key',
    label: 'SendGrid API key',
    anchor: 'SG.',
    bigramAt: 1,
    re: /(?<![A-Za-z0-9_-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    confirm: (m) => (isPlaceholderSecret(m[0]) || lowVariety(m[0].slice(26), 12) ? undefined : { evidence: 'SG.****' }),
  },
];

/** SendGrid API keys (SG.<22>.<43>) in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-sendgrid',
  description: 'SendGrid API keys (SG.) in the content of any file of any layer',
  securitySeverity: 8.0,
  detectors,
});
export default rule;
