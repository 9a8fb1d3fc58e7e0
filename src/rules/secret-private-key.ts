import { contentSecretRule } from '../secrets/content-rule.js';
import type { Detector } from '../secrets/detector.js';

// A header, then (after optional RFC 1421 / armor headers and a blank line) base64: the body
// proves a key, where a header alone is code or documentation that names one. Lines may be real
// line breaks or the "\n" escapes of a JSON or YAML string.
const NL = '(?:\\r?\\n|(?:\\\\r)?\\\\n)';
const HEADER_LINES = `(?:(?:Proc-Type|DEK-Info|Version|Comment|Hash):[^\\r\\n\\\\]*${NL})*${NL}?`;

const detectors: Detector[] = [
  {
    kind: 'private-key',
    label: 'private key',
    anchor: 'PRIVATE KEY',
    bigramAt: 2,
    before: 48,
    after: 400,
    re: new RegExp(`-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----${NL}${HEADER_LINES}[A-Za-z0-9+/=]{40,}`, 'g'),
    confirm: (m) => ({ evidence: `-----BEGIN ${m[1]}PRIVATE KEY${m[2] ?? ''}----- (content redacted)` }),
  },
  {
    kind: 'putty-private-key',
    label: 'PuTTY private key',
    anchor: 'PuTTY-User-Key-File-',
    bigramAt: 1,
    re: /PuTTY-User-Key-File-[23]: ([a-z0-9-]{3,40})\r?\nEncryption: [a-z0-9-]+\r?\nComment: [^\r\n]*\r?\nPublic-Lines: \d+/g,
    confirm: (m) => ({ evidence: `PuTTY-User-Key-File: ${m[1]} (content redacted)` }),
  },
];

/**
 * Private keys of every PEM kind (PKCS#1 RSA, SEC1 EC, DSA, PKCS#8 and encrypted PKCS#8),
 * OpenSSH, PGP armored and PuTTY keys, anywhere in any file of any layer.
 */
export const rule = contentSecretRule({
  id: 'secret-private-key',
  description: 'private keys (PEM, OpenSSH, PGP, PuTTY) anywhere in the content of any file of any layer',
  securitySeverity: 9.0,
  detectors,
});
export default rule;
