import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, isPlaceholderSecret, keepPrefix, lowVariety } from '../secrets/detector.js';

const confirmToken = (keep: number) => (m: RegExpExecArray) =>
  isPlaceholderSecret(m[0]) || lowVariety(m[0].slice(keep)) ? undefined : { evidence: keepPrefix(m[0], keep) };

const detectors: Detector[] = [
  {
    kind: 'slack-bot-token',
    label: 'Slack bot token',
    anchor: 'xoxb-',
    bigramAt: 2,
    re: /(?<![A-Za-z0-9-])xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}(?![A-Za-z0-9])/g,
    confirm: confirmToken(5),
  },
  {
    kind: 'slack-user-token',
    label: 'Slack user token',
    anchor: 'xoxp-',
    bigramAt: 2,
    re: /(?<![A-Za-z0-9-])xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}(?![A-Za-z0-9])/g,
    confirm: confirmToken(5),
  },
  {
    kind: 'slack-app-token',
    label: 'Slack app-level token',
    anchor: 'xapp-',
    bigramAt: 0,
    re: /(?<![A-Za-z0-9-])xapp-\d-[A-Z0-9]{9,12}-\d{10,13}-[a-f0-9]{64}(?![A-Za-z0-9])/g,
    confirm: confirmToken(5),
  },
  {
    kind: 'slack-webhook',
    label: 'Slack incoming webhook URL',
    anchor: 'hooks.slack.com/services/',
    bigramAt: 10,
    re: /hooks\.slack\.com\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{24}(?![A-Za-z0-9])/g,
    confirm: (m) => (isPlaceholderSecret(m[0]) ? undefined : { evidence: 'https://hooks.slack.com/services/****' }),
  },
];

/** Slack bot, user and app-level tokens and incoming webhook URLs in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-slack',
  description: 'Slack tokens (xoxb-, xoxp-, xapp-) and incoming webhook URLs in the content of any file of any layer',
  securitySeverity: 8.0,
  detectors,
});
export default rule;
