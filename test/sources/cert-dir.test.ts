// certs.d lookup and file names (cert-dir.ts) on real directories, without a registry: which
// directory wins, what each file name means, and the one-line errors for a half-made pair.
// The TLS handshakes these settings lead to are in registry-tls.test.ts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { certRoots, findCertDir, readCertDir, registryTls } from '../../src/analyzers/sources/registry/cert-dir.js';
import { isLayerlintError } from '../../src/errors.js';
import { makeTempDir, removeDir } from '../support/index.js';

function dir(path: string, files: Record<string, string> = {}): string {
  mkdirSync(path, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

function userError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(isLayerlintError(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected a failure');
}

describe('certs.d directories', () => {
  let work: string;
  beforeAll(() => {
    work = makeTempDir('certdir');
  });
  afterAll(() => removeDir(work));

  test('roots in containers/image order: the user config dir, /etc/containers, /etc/docker', () => {
    expect(certRoots({ HOME: '/home/u' })).toEqual([
      '/home/u/.config/containers/certs.d',
      '/etc/containers/certs.d',
      '/etc/docker/certs.d',
    ]);
    expect(certRoots({ HOME: '/home/u', XDG_CONFIG_HOME: '/cfg' })[0]).toBe('/cfg/containers/certs.d');
  });

  test('the first root holding a directory named after host[:port] wins; the others are not merged', () => {
    const a = join(work, 'a');
    const b = join(work, 'b');
    const c = join(work, 'c');
    dir(join(b, 'reg.example:5000'), { 'b.crt': 'B' });
    dir(join(c, 'reg.example:5000'), { 'c.crt': 'C' });
    dir(join(c, 'reg.example'), { 'noport.crt': 'N' });
    expect(findCertDir('reg.example:5000', [a, b, c])).toBe(join(b, 'reg.example:5000'));
    expect(findCertDir('reg.example', [a, b, c])).toBe(join(c, 'reg.example'));
    expect(findCertDir('other.example', [a, b, c])).toBeUndefined();
    expect(registryTls('reg.example:5000', { env: {}, roots: [a, b, c] })).toEqual({
      dir: join(b, 'reg.example:5000'),
      ca: ['B'],
    });
    expect(registryTls('other.example', { env: {}, roots: [a, b, c] })).toBeUndefined();
  });

  test('*.crt are CAs (all, by name), NAME.cert + NAME.key a client certificate, anything else ignored', () => {
    const d = dir(join(work, 'files'), {
      'z.crt': 'Z',
      'a.crt': 'A',
      'client.cert': 'CERT',
      'client.key': 'KEY',
      'ca.pem': 'not read',
      README: 'not read',
    });
    expect(readCertDir(d)).toEqual({ dir: d, ca: ['A', 'Z'], cert: 'CERT', key: 'KEY' });
    const onlyPair = dir(join(work, 'pair'), { 'me.cert': 'CERT', 'me.key': 'KEY' });
    expect(readCertDir(onlyPair)).toEqual({ dir: onlyPair, cert: 'CERT', key: 'KEY' });
  });

  test('a certificate without its key, or a key without its certificate: one line naming the file', () => {
    const noKey = dir(join(work, 'nokey'), { 'client.cert': 'CERT', 'client.pem': 'x' });
    expect(userError(() => readCertDir(noKey))).toBe(
      `${noKey}/client.cert is a client certificate without its key client.key (CA certificates use the extension .crt)`,
    );
    const noCert = dir(join(work, 'nocert'), { 'client.key': 'SECRET-KEY-TEXT' });
    const msg = userError(() => readCertDir(noCert));
    expect(msg).toBe(`${noCert}/client.key is a key without its client certificate client.cert`);
    expect(msg).not.toContain('SECRET-KEY-TEXT');
  });

  test('--cert-dir is used as it is (no host subdirectory) and must exist', () => {
    const d = dir(join(work, 'given'), { 'ca.crt': 'GIVEN' });
    const roots = [dir(join(work, 'r'))];
    dir(join(roots[0], 'reg.example'), { 'ca.crt': 'LOOKED-UP' });
    expect(registryTls('reg.example', { certDir: d, env: {}, roots })?.ca).toEqual(['GIVEN']);
    expect(userError(() => registryTls('reg.example', { certDir: join(work, 'nope'), env: {}, roots }))).toBe(
      `--cert-dir ${join(work, 'nope')}: no such directory`,
    );
  });
});
