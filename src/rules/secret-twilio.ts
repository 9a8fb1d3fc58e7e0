import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, lowVariety } from '../secrets/detector.js';

// an API key SID: "SK" and 32 hex digits; its secret is issued beside it. The scanner's anchors
// are at least 3 bytes: one per hex digit after "SK".
const detectors: Detector[] = [...'0123456789abcdefABCDEF'].map(
  (digit): Detector => ({
    kind: 'twilio-api-key',
    label: 'Twilio API key',
    anchor: `SK${digit}`,
    bigramAt: 0,
    re: /(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])/g,
    confirm: (m) => {
      const hex = m[0].slice(2);
      return lowVariety(hex, 10) || !/[0-9]/.test(hex) || !/[a-fA-F]/.test(hex) ? undefined : { evidence: 'SK****' };
    },
  }),
);

/** Twilio API keys (SK + 32 hex digits) in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-twilio',
  description: 'Twilio API keys (SK...) in the content of any file of any layer',
  securitySeverity: 7.0,
  detectors,
});
export default rule;
