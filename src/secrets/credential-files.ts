// Well-known credential files recognised by name and confirmed by their first bytes (the walk's
// captured kind "credential-file"). Runs in the walk, so only the masked evidence is kept.

import type { CredentialFile } from '../model/types.js';
import { mask } from '../rules/image-kit.js';

type Detect = (size: number, text: string) => CredentialFile | undefined;

const lineWith = (text: string, re: RegExp) => text.split('\n').find((l) => re.test(l));

/** "key = value" or "key: value" with the value masked. */
function redactLine(line: string): string {
  const text = line.trim();
  const m = (text.includes('=') ? /^([^=]*=\s*)(.*)$/ : /^([^:]*:\s*)(.*)$/).exec(text);
  return m ? `${m[1]}${mask((m[2] ?? '').trim())}` : mask(text);
}

const BY_NAME: { re: RegExp; detect: Detect }[] = [
  {
    re: /\/id_(?:rsa|dsa|ecdsa|ed25519)$/,
    detect: (size) =>
      size > 0 ? { kind: 'ssh-private-key', evidence: 'SSH private key (content redacted)' } : undefined,
  },
  {
    re: /\/\.npmrc$/,
    detect: (_, text) => {
      const line = lineWith(text, /(?:_authToken|_auth|_password)\s*=\s*(?!\$\{)\S/);
      return line ? { kind: 'npm-token', evidence: redactLine(line) } : undefined;
    },
  },
  {
    re: /\/\.pypirc$/,
    detect: (_, text) => {
      const line = lineWith(text, /^\s*password\s*[=:]\s*\S/);
      return line ? { kind: 'pypi-password', evidence: redactLine(line) } : undefined;
    },
  },
  {
    re: /\/\.netrc$/,
    detect: (_, text) => {
      const line = lineWith(text, /\bpassword\s+\S/);
      return line
        ? {
            kind: 'netrc-password',
            evidence: line.replace(/(\bpassword\s+)(\S+)/, (_, k: string, v: string) => `${k}${mask(v)}`).trim(),
          }
        : undefined;
    },
  },
  {
    re: /\/\.docker\/config\.json$/,
    detect: (_, text) =>
      /"(?:auth|identitytoken)"\s*:\s*"[^"]+"/.test(text)
        ? { kind: 'docker-auth', evidence: '"auths": { ... "auth": "****" }' }
        : undefined,
  },
  {
    re: /\/\.git-credentials$/,
    detect: (size, text) => {
      const line = lineWith(text, /:\/\/[^\s/:@]+:[^\s/@]+@/);
      return line || (size > 0 && text === '')
        ? {
            kind: 'git-credentials',
            evidence: (line ?? '').replace(/(:\/\/[^\s/:@]+:)[^\s/@]+@/, '$1****@').trim() || '(redacted)',
          }
        : undefined;
    },
  },
  {
    re: /\/\.aws\/credentials$/,
    detect: (_, text) => {
      const line = lineWith(text, /aws_secret_access_key\s*=\s*\S/);
      return line ? { kind: 'aws-credentials', evidence: redactLine(line) } : undefined;
    },
  },
  {
    re: /\/credentials\.json$/,
    detect: (size, text) =>
      size > 0 && /"(?:private_key|client_secret|refresh_token|password|token)"\s*:/.test(text)
        ? { kind: 'credentials-json', evidence: 'credentials file (content redacted)' }
        : undefined,
  },
  {
    re: /\/\.env$/,
    detect: (_, text) => {
      const line = lineWith(text, /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*\S/);
      return line ? { kind: 'dotenv', evidence: redactLine(line.replace(/^\s*export\s+/, '')) } : undefined;
    },
  },
];

/** The credential a file of this name holds, judged from its first bytes; undefined: none. */
export function detectCredentialFile(path: string, size: number, text: string): CredentialFile | undefined {
  for (const n of BY_NAME) if (n.re.test(path)) return n.detect(size, text);
  return undefined;
}
