import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, isPlaceholderSecret, keepPrefix, lowVariety } from '../secrets/detector.js';

const detectors: Detector[] = [
  {
    kind: 'google-api-key',
    label: 'Google API key',
    anchor: 'AIza',
    bigramAt: 1,
    re: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
    confirm: (m) =>
      isPlaceholderSecret(m[0]) || lowVariety(m[0].slice(4)) ? undefined : { evidence: keepPrefix(m[0], 4) },
  },
  {
    // a service-account key file (JSON): its private key is the secret; the account's e-mail
    // (not secret) says which key to revoke
    kind: 'gcp-service-account-key',
    label: 'Google Cloud service-account key',
    anchor: '"service_account"',
    bigramAt: 8,
    before: 64,
    after: 4096,
    re: /"type"\s*:\s*"service_account"/g,
    confirm: (_, window) => {
      if (!/"private_key"\s*:\s*"-----BEGIN (?:RSA )?PRIVATE KEY-----\\n[A-Za-z0-9+/]{40}/.test(window))
        return undefined;
      const email = /"client_email"\s*:\s*"([^"\s]{1,200})"/.exec(window)?.[1];
      return {
        evidence: `"type": "service_account"${email ? `, "client_email": "${email}"` : ''}, "private_key": "****"`,
      };
    },
    supersedes: ['private-key'],
  },
];

/** Google Cloud credentials in any file of any layer: API keys (AIza...) and service-account JSON keys. */
export const rule = contentSecretRule({
  id: 'secret-gcp',
  description: 'Google Cloud API keys and service-account JSON keys in the content of any file of any layer',
  securitySeverity: 9.0,
  detectors,
});
export default rule;
