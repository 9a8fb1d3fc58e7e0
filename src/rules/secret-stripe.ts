import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, isPlaceholderSecret, keepPrefix, lowVariety } from '../secrets/detector.js';

const detectors: Detector[] = (['sk', 'rk'] as const).map(
  (p): Detector => ({
    kind: p === 'sk' ? 'stripe-secret-key' : 'stripe-restricted-key',
    label: p === 'sk' ? 'Stripe live secret key' : 'Stripe live restricted key',
    anchor: `${p}_live_`,
    bigramAt: 1,
    re: new RegExp(`(?<![A-Za-z0-9_])${p}_live_[A-Za-z0-9]{24,247}(?![A-Za-z0-9])`, 'g'),
    confirm: (m) => {
      const body = m[0].slice(8);
      return isPlaceholderSecret(body) || lowVariety(body) ? undefined : { evidence: keepPrefix(m[0], 8) };
    },
  }),
);

/** Stripe live secret and restricted keys (sk_live_, rk_live_) in any file of any layer; publishable keys are not secrets. */
export const rule = contentSecretRule({
  id: 'secret-stripe',
  description: 'Stripe live secret and restricted keys (sk_live_, rk_live_) in the content of any file of any layer',
  securitySeverity: 9.0,
  detectors,
});
export default rule;
