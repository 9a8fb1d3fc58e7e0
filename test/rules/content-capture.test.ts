// The layer walk's content capture (walk/capture.ts) that secret-file and unknown-user read.
import { analysisFromRecipe } from '../../fixtures/builder/index.js';
import { CAPTURE_MAX_BYTES, isCapturedPath } from '../../src/analyzers/walk/capture.js';

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

  it('keeps no raw content of a credential file, only its masked evidence', async () => {
    const { stack } = await analysisFromRecipe({
      layers: [
        { files: [{ path: 'app/.npmrc', content: '//registry.npmjs.org/:_authToken=abcdef0123456789abcdef\n' }] },
      ],
    });
    const e = stack.final.get('/app/.npmrc');
    expect(e?.content).toBeUndefined();
    expect(e?.credentialFile).toEqual({ kind: 'npm-token', evidence: '//registry.npmjs.org/:_authToken=abcd****' });
    expect(JSON.stringify(e)).not.toContain('abcdef0123456789abcdef');
  });

  it('matches whole paths: a newline, \\r, U+2028 or U+2029 in a directory name does not hide a captured file', () => {
    for (const sep of ['\n', '\r', '\u2028', '\u2029']) {
      expect(isCapturedPath(`/app${sep}/.env`)).toBe(true);
      expect(isCapturedPath(`/a${sep}b/.aws/credentials`)).toBe(true);
      expect(isCapturedPath(`/etc/passwd${sep}`)).toBe(false);
    }
  });
});
