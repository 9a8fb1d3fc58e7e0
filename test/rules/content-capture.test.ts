// The layer walk's content capture (walk/capture.ts) that secret-file and unknown-user read.
import { analysisFromRecipe } from '../../fixtures/builder/index.js';
import { CAPTURE_MAX_BYTES, isCapturedPath } from '../../src/analyzers/walk/capture.js';
import { EntryRecorder } from '../../src/analyzers/walk/entry-recorder.js';
import type { TarHeader } from '../../src/analyzers/tar/header.js';

const header = (name: string, size: number) => ({ name, size, typeflag: '0', mode: 0o644, uid: 0, gid: 0, linkname: '' }) as unknown as TarHeader;

describe('content capture', () => {
  it('captures the listed paths only', () => {
    for (const p of ['/etc/passwd', '/etc/group', '/home/a/.npmrc', '/root/.docker/config.json', '/app/.env', '/x/.aws/credentials', '/root/.ssh/id_ed25519', '/srv/credentials.json']) {
      expect(isCapturedPath(p)).toBe(true);
    }
    for (const p of ['/etc/passwd-', '/etc/shadow', '/app/.env.example', '/root/.ssh/id_rsa.pub', '/docker/config.json']) {
      expect(isCapturedPath(p)).toBe(false);
    }
  });

  it('keeps the first 64 KiB of a captured file and nothing of the others', async () => {
    const big = 'a:x:1:1::/:/bin/sh\n'.repeat(5000);
    const { stack } = await analysisFromRecipe({ layers: [{ files: [{ path: 'etc/passwd', content: big }, { path: 'etc/hosts', content: 'x' }] }] });
    expect(stack.final.get('/etc/passwd')?.content).toBe(big.slice(0, CAPTURE_MAX_BYTES));
    expect(stack.final.get('/etc/hosts')?.content).toBeUndefined();
  });

  it('finds a PEM header that arrives split over several chunks', () => {
    const body = Buffer.from(`${'#'.repeat(100)}\n-----BEGIN EC PRIVATE KEY-----\nMHcC\n-----END EC PRIVATE KEY-----\n`);
    const recorder = new EntryRecorder(10, 'test');
    recorder.entry(header('srv/tls.key', body.length));
    for (let i = 0; i < body.length; i += 7) recorder.data(body.subarray(i, i + 7));
    recorder.entryEnd();
    recorder.entry(header('srv/other', 3));
    recorder.data(Buffer.from('abc'));
    recorder.entryEnd();
    expect(recorder.entries.map((e) => e.secretHint)).toEqual(['private-key', undefined]);
  });

  it('looks only at the first 4 KiB', () => {
    const body = Buffer.concat([Buffer.alloc(5000, 0x20), Buffer.from('-----BEGIN RSA PRIVATE KEY-----\n')]);
    const recorder = new EntryRecorder(10, 'test');
    recorder.entry(header('late.key', body.length));
    recorder.data(body);
    recorder.entryEnd();
    expect(recorder.entries[0]?.secretHint).toBeUndefined();
  });
});
