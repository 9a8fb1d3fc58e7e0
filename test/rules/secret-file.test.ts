import { analysisFromRecipe } from '../../fixtures/builder/index.js';
import rule from '../../src/rules/secret-file.js';
import { CONTENT_SECRET_RULES } from '../../src/secrets/content-rules.js';
import { imageRuleTable } from './image-table.js';

const base = { files: [{ path: 'bin/sh', size: 50 }] };
const KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n';
const ENV = 'DB_PASSWORD=hunter2hunter2hunter2\n';

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
  ],
  invalid: [
    {
      name: 'deleted in a later layer: still extractable, and says from which layer',
      recipe: {
        layers: [
          base,
          { files: [{ path: 'root/.ssh/id_rsa', content: 'an ed25519 key in a format no content rule knows\n' }] },
          { files: [{ path: 'root/.ssh/id_rsa', type: 'whiteout' }] },
        ],
      },
      findings: [
        {
          layer: 1,
          paths: ['/root/.ssh/id_rsa'],
          message: 'deleted in layer 2, but still extractable from layer 1',
          data: { kind: 'ssh-private-key', deletedIn: 2 },
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
          { files: [{ path: 'app/.env', content: ENV }] },
          { files: [{ path: 'app/.env', content: ENV, mode: 0o600 }] },
          { files: [{ path: 'app/.env', content: 'DB_PASSWORD=\n' }] },
        ],
      },
      findings: [
        {
          layer: 1,
          paths: ['/app/.env'],
          message: 'replaced in layer 3, but still extractable from layer 1',
          data: { layers: [1, 2], replacedIn: 3 },
        },
      ],
    },
  ],
});

describe('secret-file and the content rules: one finding per problem', () => {
  it('a .env holding an AWS key pair is one secret-aws finding that names the credential file', async () => {
    const env = `AWS_ACCESS_KEY_ID=AKIA${'QRSTUVWXYZ234567'}\nAWS_SECRET_ACCESS_KEY=${'k9Xz/Q2mR7vB+p4LcN8tY1wE6sA3dF5gH0jKuIoP'}\n`;
    const analysis = await analysisFromRecipe({ layers: [base, { files: [{ path: 'app/.env', content: env }] }] });
    const all = [rule, ...CONTENT_SECRET_RULES].flatMap((r) =>
      r.check({ analysis, options: {}, gate: [] }).map((f) => ({ rule: r.id, ...f })),
    );
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      rule: 'secret-aws',
      layer: 1,
      paths: ['/app/.env'],
      data: { kind: 'aws-access-key-pair', credentialFile: 'dotenv', line: 1 },
    });
    expect(all[0]?.message).toBe(
      '/app/.env:1: AWS access key pair (AKIA**** with its secret access key (****)) (a dotenv credential file)',
    );
  });

  it('an SSH key file is reported once, by secret-private-key', async () => {
    const analysis = await analysisFromRecipe({
      layers: [base, { files: [{ path: 'root/.ssh/id_rsa', content: KEY }] }],
    });
    const all = [rule, ...CONTENT_SECRET_RULES].flatMap((r) =>
      r.check({ analysis, options: {}, gate: [] }).map((f) => ({ rule: r.id, ...f })),
    );
    expect(all.map((f) => [f.rule, f.data?.credentialFile])).toEqual([['secret-private-key', 'ssh-private-key']]);
  });
});
