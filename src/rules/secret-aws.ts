import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, isPlaceholderSecret } from '../secrets/detector.js';

/** A secret access key (40 base64 characters) assigned under a "secret" key near the key id. */
const SECRET_NEAR = /secret[A-Za-z_ .-]{0,24}["']?\s*(?:[:=]|=>)\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;

function pairedSecret(window: string): boolean {
  SECRET_NEAR.lastIndex = 0;
  for (let m = SECRET_NEAR.exec(window); m; m = SECRET_NEAR.exec(window)) {
    const secret = m[1] as string;
    if (!isPlaceholderSecret(secret) && /[a-z]/.test(secret) && /[A-Z0-9]/.test(secret)) return true;
  }
  return false;
}

function accessKey(prefix: string, bigramAt: number, label: string): Detector {
  return {
    kind: 'aws-access-key-id',
    label,
    anchor: prefix,
    bigramAt,
    before: 256,
    after: 768,
    // key ids are base32 (A-Z, 2-7) after the prefix
    re: new RegExp(`(?<![A-Za-z0-9])${prefix}[A-Z2-7]{16}(?![A-Za-z0-9])`, 'g'),
    confirm: (m, window) => {
      if (isPlaceholderSecret(m[0])) return undefined; // AKIAIOSFODNN7EXAMPLE, AWS's documented example
      return pairedSecret(window)
        ? { kind: 'aws-access-key-pair', evidence: `${prefix}**** with its secret access key (****)` }
        : { evidence: `${prefix}****` };
    },
  };
}

const detectors: Detector[] = [
  accessKey('AKIA', 0, 'AWS access key id'),
  accessKey('ASIA', 2, 'AWS temporary access key id'),
];

/**
 * AWS access keys in any file of any layer: an access key id (AKIA/ASIA, base32), reported as a
 * pair when a secret access key is assigned near it (the pair is what signs requests).
 */
export const rule = contentSecretRule({
  id: 'secret-aws',
  description: 'AWS access key ids, and their secret access keys beside them, in the content of any file of any layer',
  securitySeverity: 9.0,
  detectors,
  labels: { 'aws-access-key-pair': 'AWS access key pair' },
});
export default rule;
