import { contentSecretRule } from '../secrets/content-rule.js';
import { type Detector, isPlaceholderSecret, lowVariety } from '../secrets/detector.js';

function accountName(window: string): string {
  const name = /AccountName=([a-z0-9]{3,24})(?:;|$)/.exec(window)?.[1];
  return name ? `AccountName=${name};` : '';
}

const detectors: Detector[] = [
  {
    // a storage account key is 64 bytes: 88 base64 characters ending in "=="
    kind: 'azure-storage-account-key',
    label: 'Azure storage account key',
    anchor: 'AccountKey=',
    bigramAt: 6,
    before: 200,
    re: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    confirm: (m, window) => {
      const key = m[1] as string;
      return isPlaceholderSecret(key) || lowVariety(key, 16)
        ? undefined
        : { evidence: `${accountName(window)}AccountKey=****` };
    },
  },
  {
    // Service Bus / Event Hubs / IoT Hub shared access keys: 32 bytes, 44 base64 characters
    kind: 'azure-shared-access-key',
    label: 'Azure shared access key',
    anchor: 'SharedAccessKey=',
    bigramAt: 11,
    re: /SharedAccessKey=([A-Za-z0-9+/]{43}=)/g,
    confirm: (m) => {
      const key = m[1] as string;
      return isPlaceholderSecret(key) || lowVariety(key, 12) ? undefined : { evidence: 'SharedAccessKey=****' };
    },
  },
];

/** Azure storage account keys and shared access keys (connection strings) in any file of any layer. */
export const rule = contentSecretRule({
  id: 'secret-azure',
  description:
    'Azure storage account keys and shared access keys (connection strings) in the content of any file of any layer',
  securitySeverity: 9.0,
  detectors,
});
export default rule;
