// The layer walk's content capture (walk/capture.ts) that secret-file and unknown-user read.
import { analysisFromRecipe } from '../../fixtures/builder/index.js';
import type { TarHeader } from '../../src/analyzers/tar/header.js';
import { CAPTURE_MAX_BYTES, isCapturedPath } from '../../src/analyzers/walk/capture.js';
import { EntryRecorder } from '../../src/analyzers/walk/entry-recorder.js';
import { DEFAULT_LIMITS } from '../../src/analyzers/walk/limits.js';

const header = (name: string, size: number) =>
  ({ name, size, typeflag: '0', mode: 0o644, uid: 0, gid: 0, linkname: '' }) as unknown as TarHeader;

describe('content capture', () => {
  it('captures the listed paths only', () => {
    for (const p of [
      '/etc/passwd',
      '/etc/group',
      '/home/a/.npmrc',
      '/root/.docker/config.json',
      '/app/.env',
      '/x/.aws/credentials',
      '/root/.ssh/id_ed25519',
      '/srv/credentials.json',
    ]) {
      expect(isCapturedPath(p)).toBe(true);
    }
    for (const p of [
      '/etc/passwd-',
      '/etc/shadow',
      '/app/.env.example',
      '/root/.ssh/id_rsa.pub',
      '/docker/config.json',
    ]) {
      expect(isCapturedPath(p)).toBe(false);
    }
  });

  it('keeps the first 64 KiB of a captured file and nothing of the others', async () => {
    const big = 'a:x:1:1::/:/bin/sh\n'.repeat(5000);
    const { stack } = await analysisFromRecipe({
      layers: [
        {
          files: [
            { path: 'etc/passwd', content: big },
            { path: 'etc/hosts', content: 'x' },
          ],
        },
      ],
    });
    expect(stack.final.get('/etc/passwd')?.content).toBe(big.slice(0, CAPTURE_MAX_BYTES));
    expect(stack.final.get('/etc/hosts')?.content).toBeUndefined();
  });

  it('finds a PEM header that arrives split over several chunks', () => {
    const body = Buffer.from(
      `-----BEGIN CERTIFICATE-----\n${'A'.repeat(100)}\n-----END CERTIFICATE-----\n-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n`,
    );
    const recorder = new EntryRecorder(DEFAULT_LIMITS, 'test');
    recorder.entry(header('srv/tls.key', body.length));
    for (let i = 0; i < body.length; i += 7) recorder.data(body.subarray(i, i + 7));
    recorder.entryEnd();
    recorder.entry(header('srv/other', 3));
    recorder.data(Buffer.from('abc'));
    recorder.entryEnd();
    expect([...recorder.finish()].map((e) => e.secretHint)).toEqual(['private-key', undefined]);
  });

  it('scans only files that start like a key file, and only their first 4 KiB', () => {
    const late = Buffer.concat([
      Buffer.from('-----BEGIN CERTIFICATE-----\n'),
      Buffer.alloc(5000, 0x41),
      Buffer.from('\n-----BEGIN RSA PRIVATE KEY-----\n'),
    ]);
    const afterText = Buffer.from('# my key\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n');
    const bag = Buffer.from(
      'Bag Attributes\n    localKeyID: 01\nKey Attributes: <No Attributes>\n-----BEGIN PRIVATE KEY-----\nMIIE\n',
    );
    const recorder = new EntryRecorder(DEFAULT_LIMITS, 'test');
    for (const [name, body] of [
      ['late.pem', late],
      ['commented.key', afterText],
      ['export.pem', bag],
    ] as const) {
      recorder.entry(header(name, body.length));
      recorder.data(body);
      recorder.entryEnd();
    }
    expect([...recorder.finish()].map((e) => e.secretHint)).toEqual([undefined, undefined, 'private-key']);
  });
});
