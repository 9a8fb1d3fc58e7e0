// Pure parts of the remote sources: references, challenges, retry policy, daemon endpoints.

import { resolveEndpoint } from '../../src/analyzers/sources/daemon/endpoint.js';
import { compareVersions } from '../../src/analyzers/sources/daemon/index.js';
import { parseChallenges } from '../../src/analyzers/sources/registry/challenge.js';
import { normaliseServer } from '../../src/analyzers/sources/registry/credentials.js';
import { isLoopback, parseDockerReference } from '../../src/analyzers/sources/registry/reference.js';
import { backoffMs, isRetryableStatus, parseRetryAfter } from '../../src/analyzers/sources/registry/retry.js';

describe('parseDockerReference (as Docker reads references)', () => {
  test.each([
    ['debian', { registry: 'docker.io', repository: 'library/debian', tag: 'latest' }],
    ['debian:12', { registry: 'docker.io', repository: 'library/debian', tag: '12' }],
    ['user/app', { registry: 'docker.io', repository: 'user/app', tag: 'latest' }],
    ['docker.io/library/debian:12', { registry: 'docker.io', repository: 'library/debian', tag: '12' }],
    ['index.docker.io/debian', { registry: 'docker.io', repository: 'library/debian', tag: 'latest' }],
    ['localhost:5000/x', { registry: 'localhost:5000', repository: 'x', tag: 'latest' }],
    ['localhost/x:1', { registry: 'localhost', repository: 'x', tag: '1' }],
    ['ghcr.io/a/b/c:v1.2', { registry: 'ghcr.io', repository: 'a/b/c', tag: 'v1.2' }],
    ['127.0.0.1:5000/ns/img:tag', { registry: '127.0.0.1:5000', repository: 'ns/img', tag: 'tag' }],
    [
      `x@sha256:${'a'.repeat(64)}`,
      { registry: 'docker.io', repository: 'library/x', digest: `sha256:${'a'.repeat(64)}` },
    ],
    [
      `r.io:443/x:1@sha256:${'b'.repeat(64)}`,
      { registry: 'r.io:443', repository: 'x', tag: '1', digest: `sha256:${'b'.repeat(64)}` },
    ],
  ])('%s', (text, want) => {
    expect(parseDockerReference(text)).toEqual({ tag: undefined, digest: undefined, ...want });
  });

  test.each([
    ['Upper/Case', /must be lowercase/],
    ['x@sha256:zz', /not a digest/],
    ['x:bad tag', /not a valid tag/],
    ['', /empty/],
  ])('rejects %s', (text, why) => {
    expect(() => parseDockerReference(text)).toThrow(why);
  });

  test('loopback registries may use plain HTTP', () => {
    expect(isLoopback('127.0.0.1:5000')).toBe(true);
    expect(isLoopback('localhost:5000')).toBe(true);
    expect(isLoopback('[::1]:5000')).toBe(true);
    expect(isLoopback('registry.example.com')).toBe(false);
  });
});

describe('WWW-Authenticate', () => {
  test('Bearer with realm, service, scope (quoted, with commas)', () => {
    expect(
      parseChallenges(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/debian:pull,push"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/debian:pull,push',
        },
      },
    ]);
  });
  test('Basic, and several challenges', () => {
    expect(parseChallenges(['Basic realm="r"', 'Bearer realm=x'])).toEqual([
      { scheme: 'basic', params: { realm: 'r' } },
      { scheme: 'bearer', params: { realm: 'x' } },
    ]);
    expect(parseChallenges(undefined)).toEqual([]);
  });
});

describe('retry policy', () => {
  test('retryable statuses', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 501].some(isRetryableStatus)).toBe(false);
  });
  test('Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Mon, 01 Jan 2023 00:00:10 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
  test('backoff is exponential, jittered and capped', () => {
    expect(backoffMs(0, () => 0)).toBe(125);
    expect(backoffMs(0, () => 0.999)).toBeLessThan(250);
    expect(backoffMs(3, () => 0)).toBe(1000);
    expect(backoffMs(30, () => 0.999)).toBeLessThanOrEqual(8000);
  });
});

describe('credential keys', () => {
  test('URL forms of a server normalise to host[:port]', () => {
    expect(normaliseServer('https://index.docker.io/v1/')).toBe('index.docker.io');
    expect(normaliseServer('http://127.0.0.1:5000/v2/')).toBe('127.0.0.1:5000');
    expect(normaliseServer('Registry.Example.com')).toBe('registry.example.com');
  });
});

describe('daemon endpoint', () => {
  const none = () => false;
  test('--host beats DOCKER_HOST beats CONTAINER_HOST beats the default socket', () => {
    expect(resolveEndpoint('unix:///a.sock', { DOCKER_HOST: 'unix:///b.sock' }, none)).toMatchObject({
      from: '--host',
      options: { socketPath: '/a.sock' },
    });
    expect(
      resolveEndpoint(undefined, { DOCKER_HOST: 'unix:///b.sock', CONTAINER_HOST: 'unix:///c.sock' }, none),
    ).toMatchObject({ from: 'DOCKER_HOST' });
    expect(resolveEndpoint(undefined, { CONTAINER_HOST: 'unix:///c.sock' }, none)).toMatchObject({
      from: 'CONTAINER_HOST',
      options: { socketPath: '/c.sock' },
    });
    expect(resolveEndpoint(undefined, {}, none)).toMatchObject({ url: 'unix:///var/run/docker.sock' });
    expect(
      resolveEndpoint(
        undefined,
        { XDG_RUNTIME_DIR: '/run/user/1000' },
        (p) => p === '/run/user/1000/podman/podman.sock',
      ),
    ).toMatchObject({
      url: 'unix:///run/user/1000/podman/podman.sock',
    });
  });
  test('tcp:// with and without TLS', () => {
    expect(resolveEndpoint('tcp://10.0.0.1:2375', {}, none).options).toEqual({
      host: '10.0.0.1',
      port: '2375',
      protocol: 'http',
    });
    // port 2376 means TLS; without DOCKER_TLS_VERIFY the cert dir's files are optional
    expect(resolveEndpoint('tcp://h:2376', { DOCKER_CONFIG: '/nonexistent' }, none)).toMatchObject({
      options: { protocol: 'https', port: '2376', ca: undefined, cert: undefined },
      tls: { dir: '/nonexistent', verify: false, ca: false, cert: false },
    });
    expect(() => resolveEndpoint('ssh://me@h', {}, none)).toThrow(/ssh:\/\/ daemons are not supported/);
    // DOCKER_TLS_VERIFY: the CA must be in DOCKER_CERT_PATH, by default the docker config dir
    expect(() =>
      resolveEndpoint('tcp://h:1', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nonexistent' }, none),
    ).toThrow(
      "the daemon at tcp://h:1 (--host) is reached over TLS: cannot read /nonexistent/ca.pem (DOCKER_CERT_PATH; ENOENT): point DOCKER_CERT_PATH at the directory holding the daemon's CA (ca.pem) and a client certificate (cert.pem, key.pem)",
    );
    expect(() =>
      resolveEndpoint(undefined, { DOCKER_HOST: 'tcp://h:1234', DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: '/cfg' }, none),
    ).toThrow(
      /^the daemon at tcp:\/\/h:1234 \(DOCKER_HOST\) .*cannot read \/cfg\/ca\.pem \(the default of DOCKER_CERT_PATH; ENOENT\)/,
    );
  });
  test('API versions compare numerically', () => {
    expect(compareVersions('1.41', '1.24')).toBe(1);
    expect(compareVersions('1.9', '1.24')).toBe(-1);
    expect(compareVersions('1.24', '1.24')).toBe(0);
  });
});
