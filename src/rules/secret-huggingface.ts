import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, isPlaceholderSecret, lowVariety } from '../secrets/detector.js';

const detectors: Detector[] = [
  {
    kind: 'huggingface-token',
    label: 'Hugging Face access token',
    anchor: 'hf_',
    bigramAt: 0,
    re: /(?<![A-Za-z0-9_])hf_[A-Za-z]{34}(?![A-Za-z0-9_])/g,
    confirm: (m) => {
      const body = m[0].slice(3);
      // a random token mixes cases; an identifier like hf_tokenizer_... does not reach here
      return isPlaceholderSecret(body) || lowVariety(body, 12) || !/[A-Z]/.test(body) || !/[a-z]/.test(body)
        ? undefined
        : { evidence: 'hf_****' };
    },
  },
];

/** Hugging Face user access tokens (hf_) in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-huggingface',
  description: 'Hugging Face access tokens (hf_) in the content of any file of any layer',
  securitySeverity: 8.0,
  detectors,
});
export default rule;
