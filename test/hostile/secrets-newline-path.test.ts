// Hostile case (issue 18, item 3): a newline, \r, U+2028 or U+2029 in a directory name must not
// hide a credential file from content capture, nor a secret from the content scanner. Generated
// at test time: a docker-save archive whose layer has "/app<sep>/.env" holding an AWS key pair.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeImage } from '../../fixtures/builder/index.js';
import { runBounded } from './bounded.js';

const B32 = 'QRSTUVWXYZ234567';
const SECRET = 'k9Xz/Q2mR7vB+p4LcN8tY1wE6sA3dF5gH0jKuIoP';
const ENV = `AWS_ACCESS_KEY_ID=AKIA${B32}\nAWS_SECRET_ACCESS_KEY=${SECRET}\nDB_PASSWORD=hunter2hunter2hunter2\n`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'll-hostile-secrets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const [name, sep] of [
  ['newline', '\n'],
  ['carriage return', '\r'],
  ['U+2028', '\u2028'],
  ['U+2029', '\u2029'],
] as const) {
  test(`a ${name} in a directory name hides neither the .env nor its AWS key`, async () => {
    const archive = join(dir, `${name.replace(/\W/g, '-')}.tar`);
    await writeImage(
      {
        layers: [
          { files: [{ path: 'bin/sh', size: 10 }] },
          {
            files: [
              { path: `app${sep}/.env`, content: ENV },
              { path: `app${sep}/.npmrc`, content: '//registry.npmjs.org/:_authToken=abcdef0123456789abcdef\n' },
            ],
          },
        ],
      },
      'docker-legacy',
      archive,
    );
    const r = await runBounded(['analyze', archive, '--format', 'json'], { timeoutMs: 30_000, maxRssMiB: 512 });
    expect(r.killedFor).toBeUndefined();
    expect(r.code).toBe(1);
    const findings =
      (
        JSON.parse(r.stdout) as {
          images: { findings: { ruleId: string; paths?: string[]; data?: Record<string, unknown> }[] }[];
        }
      ).images[0]?.findings ?? [];
    const secrets = findings.filter((f) => f.ruleId.startsWith('secret-'));
    expect(secrets.map((f) => [f.ruleId, f.paths, f.data?.kind, f.data?.credentialFile])).toEqual([
      ['secret-aws', [`/app${sep}/.env`], 'aws-access-key-pair', 'dotenv'],
      ['secret-file', [`/app${sep}/.npmrc`], 'npm-token', undefined],
    ]);
    expect(r.stdout).not.toContain(SECRET);
    expect(r.stdout).not.toContain('abcdef0123456789abcdef');
  });
}
