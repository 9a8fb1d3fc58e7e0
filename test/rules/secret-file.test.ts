import rule from '../../src/rules/secret-file.js';
import { imageRuleTable } from './image-table.js';

const base = { files: [{ path: 'bin/sh', size: 50 }] };
const KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';

imageRuleTable(rule, {
  valid: [
    {
      name: 'public keys, certificates and templates',
      recipe: {
        layers: [
          base,
          {
            files: [
              { path: 'root/.ssh/id_rsa.pub', content: 'ssh-rsa AAAA user@host\n' },
              {
                path: 'etc/ssl/certs/ca.pem',
                content: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
              },
              { path: 'app/.env.example', content: 'API_KEY=\n' },
              {
                path: 'app/.npmrc',
                content: 'registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
              },
              { path: 'root/.docker/config.json', content: '{"credsStore":"desktop"}' },
              { path: 'app/.env', content: '# comments only\n' },
              { path: 'docs/key.md', content: 'The header is -----BEGIN RSA PRIVATE KEY----- but this line is prose.' },
            ],
          },
        ],
      },
    },
    {
      name: 'a key in a file of 1 MiB or more is not scanned',
      recipe: {
        layers: [
          base,
          { files: [{ path: 'big.bin', content: Buffer.concat([Buffer.from(KEY), Buffer.alloc(1024 * 1024)]) }] },
        ],
      },
    },
  ],
  invalid: [
    {
      name: 'a private key found by its content',
      recipe: { layers: [base, { files: [{ path: 'app/config/server.key', content: KEY }] }] },
      findings: [
        {
          layer: 1,
          paths: ['/app/config/server.key'],
          bytes: KEY.length,
          message: '/app/config/server.key: private key (-----BEGIN ... PRIVATE KEY----- (content redacted))',
          data: { kind: 'private-key', layers: [1] },
        },
      ],
    },
    {
      name: 'deleted in a later layer: still extractable, and says from which layer',
      recipe: {
        layers: [
          base,
          { files: [{ path: 'root/.ssh/id_rsa', content: KEY }] },
          { files: [{ path: 'root/.ssh/id_rsa', type: 'whiteout' }] },
        ],
      },
      findings: [
        {
          layer: 1,
          paths: ['/root/.ssh/id_rsa'],
          message: 'deleted in layer 2, but still extractable from layer 1',
          data: { kind: 'private-key', deletedIn: 2 },
        },
      ],
    },
    {
      name: 'credential files by name and content, values redacted',
      recipe: {
        layers: [
          base,
          {
            files: [
              {
                path: 'root/.npmrc',
                content: '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n',
              },
              { path: 'root/.docker/config.json', content: '{"auths":{"ghcr.io":{"auth":"dXNlcjpwYXNz"}}}' },
              {
                path: 'root/.aws/credentials',
                content:
                  '[default]\naws_access_key_id = AKIAXXXXXXXXXXXXXXXX\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
              },
              { path: 'root/.git-credentials', content: 'https://bob:s3cr3tpassword@github.com\n' },
              { path: 'app/.env', content: 'DB_PASSWORD=hunter2hunter2hunter2\n' },
              { path: 'root/.pypirc', content: '[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc\n' },
              { path: 'app/credentials.json', content: '{"type":"service_account","private_key":"..."}' },
            ],
          },
        ],
      },
      findings: [
        {
          layer: 1,
          paths: ['/root/.npmrc'],
          data: { kind: 'npm-token', evidence: '//registry.npmjs.org/:_authToken=npm_****' },
        },
        { layer: 1, paths: ['/root/.docker/config.json'], data: { kind: 'docker-auth' } },
        {
          layer: 1,
          paths: ['/root/.aws/credentials'],
          data: { kind: 'aws-credentials', evidence: 'aws_secret_access_key = wJal****' },
        },
        {
          layer: 1,
          paths: ['/root/.git-credentials'],
          data: { kind: 'git-credentials', evidence: 'https://bob:****@github.com' },
        },
        { layer: 1, paths: ['/app/.env'], data: { kind: 'dotenv', evidence: 'DB_PASSWORD=hunt****' } },
        { layer: 1, paths: ['/root/.pypirc'], data: { kind: 'pypi-password', evidence: 'password = pypi****' } },
        { layer: 1, paths: ['/app/credentials.json'], data: { kind: 'credentials-json' } },
      ],
    },
    {
      name: 're-shipped by chmod: one finding listing both layers; replaced content is a new finding',
      recipe: {
        layers: [
          base,
          { files: [{ path: 'k.pem', content: KEY }] },
          { files: [{ path: 'k.pem', content: KEY, mode: 0o600 }] },
          { files: [{ path: 'k.pem', content: 'rotated\n' }] },
        ],
      },
      findings: [
        {
          layer: 1,
          paths: ['/k.pem'],
          message: 'replaced in layer 3, but still extractable from layer 1',
          data: { layers: [1, 2], replacedIn: 3 },
        },
      ],
    },
  ],
});
