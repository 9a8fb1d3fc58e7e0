import rule from '../../src/rules/secret-private-key.js';
import { contentRuleTable, fake } from './content-table.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const body = `${fake(64, 171, B64)}\n${fake(64, 172, B64)}\n`;
const pem = (label: string, extra = '') => `-----BEGIN ${label}-----\n${extra}${body}-----END ${label}-----\n`;

contentRuleTable(rule, {
  valid: [
    { name: 'a certificate', text: pem('CERTIFICATE') },
    { name: 'a public key', text: pem('PUBLIC KEY') },
    {
      name: 'code that names the header',
      path: '/app/keys.py',
      text: 'if line.startswith("-----BEGIN RSA PRIVATE KEY-----"):\n    kind = "rsa"\n',
    },
  ],
  invalid: [
    {
      name: 'a PKCS#1 RSA key after other text',
      path: '/app/bundle.pem',
      text: `# server key\n${pem('RSA PRIVATE KEY')}`,
      secret: body.slice(0, 64),
      findings: [{ kind: 'private-key', evidence: '-----BEGIN RSA PRIVATE KEY----- (content redacted)', line: 2 }],
    },
    {
      name: 'an encrypted PEM key with RFC 1421 headers, and an OpenSSH key',
      text: `${pem('EC PRIVATE KEY', 'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n')}${pem('OPENSSH PRIVATE KEY')}`,
      secret: body.slice(0, 64),
      findings: [
        { kind: 'private-key', evidence: '-----BEGIN EC PRIVATE KEY----- (content redacted)', line: 1 },
        { kind: 'private-key', evidence: '-----BEGIN OPENSSH PRIVATE KEY----- (content redacted)', line: 8 },
      ],
    },
    {
      name: 'a PGP armored key',
      text: pem('PGP PRIVATE KEY BLOCK', 'Version: GnuPG v2\n\n'),
      secret: body.slice(0, 64),
      findings: [
        { kind: 'private-key', evidence: '-----BEGIN PGP PRIVATE KEY BLOCK----- (content redacted)', line: 1 },
      ],
    },
    {
      name: 'a key in a JSON string (escaped newlines)',
      path: '/app/key.json',
      text: `{"key": "-----BEGIN PRIVATE KEY-----\\n${fake(64, 173, B64)}\\n-----END PRIVATE KEY-----\\n"}\n`,
      secret: fake(64, 173, B64),
      findings: [{ kind: 'private-key', evidence: '-----BEGIN PRIVATE KEY----- (content redacted)', line: 1 }],
    },
    {
      name: 'a PuTTY key',
      path: '/root/deploy.ppk',
      text: `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n${body}Private-Lines: 1\n${fake(44, 174, B64)}\n`,
      secret: fake(44, 174, B64),
      findings: [
        { kind: 'putty-private-key', evidence: 'PuTTY-User-Key-File: ssh-ed25519 (content redacted)', line: 1 },
      ],
    },
  ],
});
