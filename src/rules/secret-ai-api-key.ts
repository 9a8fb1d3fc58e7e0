import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, isPlaceholderSecret, lowVariety } from '../secrets/detector.js';

const detectors: Detector[] = [
  {
    // every OpenAI key (legacy sk-, sk-proj-, sk-svcacct-, sk-admin-) holds "T3BlbkFJ", base64 of "OpenAI"
    kind: 'openai-api-key',
    label: 'OpenAI API key',
    anchor: 'T3BlbkFJ',
    bigramAt: 6,
    before: 200,
    re: /(?<![A-Za-z0-9_-])sk-(?:(proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])/g,
    confirm: (m) =>
      isPlaceholderSecret(m[0]) || lowVariety(m[0], 16) ? undefined : { evidence: `sk-${m[1] ? `${m[1]}-` : ''}****` },
  },
  {
    kind: 'anthropic-api-key',
    label: 'Anthropic API key',
    anchor: 'sk-ant-',
    bigramAt: 1,
    re: /(?<![A-Za-z0-9_-])sk-ant-(api|admin)(\d\d)-[A-Za-z0-9_-]{80,100}AA(?![A-Za-z0-9_-])/g,
    confirm: (m) =>
      isPlaceholderSecret(m[0]) || lowVariety(m[0].slice(14), 16)
        ? undefined
        : { evidence: `sk-ant-${m[1]}${m[2]}-****` },
  },
];

/** OpenAI and Anthropic API keys in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-ai-api-key',
  description: 'OpenAI (sk-...T3BlbkFJ...) and Anthropic (sk-ant-) API keys in the content of any file of any layer',
  securitySeverity: 8.0,
  detectors,
});
export default rule;
