// The registry source as users run it: the built CLI, whose worker threads download the blobs they
// walk (the in-process tests in registry*.test.ts run the same download code without workers).
// A real registry with Basic auth behind the fault proxy, and a second one for redirects.
import { runCli } from '../helpers/cli.js';
import type { FaultProxy } from './helpers/fault-proxy.js';
import { open } from './helpers/open.js';
import { type RegistryPair, startRegistryPair } from './helpers/registry-pair.js';

const isBlob = (url = '') => /\/blobs\/sha256:/.test(url);

describe('registry blobs downloaded by the walker threads (CLI)', () => {
  let pair: RegistryPair;
  let front: FaultProxy;
  let other: FaultProxy;
  let layerDigests: string[];
  let ref: string;
  beforeAll(async () => {
    pair = await startRegistryPair('regworkers');
    ({ front, other } = pair);
    ref = `docker://${front.host}/ns/app:1`;
    const { Readable } = await import('node:stream');
    const model = await open(`docker://${pair.basic.host}/ns/app:1`, {
      username: 'tester',
      passwordStdin: true,
      stdin: Readable.from(['secret']),
    });
    layerDigests = model.layers.map((l) => l.digest as string);
  }, 180_000);
  afterAll(() => pair?.stop());
  beforeEach(() => {
    front.requests.length = 0;
    other.requests.length = 0;
    front.setRules([]);
    other.setRules([]);
  });

  const analyze = () =>
    runCli(['analyze', ref, '--username', 'tester', '--password-stdin', '--format', 'json', '--fail-on', 'none'], {
      input: 'secret\n',
      timeoutMs: 60_000,
    });
  const layersOf = (stdout: string) =>
    (JSON.parse(stdout) as { images: { layers: { digest: string }[] }[] }).images[0]?.layers.map((l) => l.digest);

  test('with Basic auth: every layer blob fetched with the credentials, digests verified', async () => {
    const r = await analyze();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(layersOf(r.stdout)).toEqual(layerDigests);
    const blobGets = front.requests.filter((q) => isBlob(q.url));
    expect(blobGets).toHaveLength(4); // config + 3 layers
    expect(blobGets.every((q) => q.auth)).toBe(true);
  });

  test('a connection reset mid-blob is resumed with a Range request', async () => {
    const target = layerDigests[2] as string;
    front.setRules([{ match: (q) => (q.url ?? '').endsWith(target), fault: { kind: 'reset-mid-body' } }]);
    const r = await analyze();
    expect(r.code).toBe(0);
    expect(layersOf(r.stdout)).toEqual(layerDigests);
    const ranged = front.requests.filter((q) => q.url.endsWith(target) && q.range);
    expect(ranged).toHaveLength(1);
    expect(ranged[0]?.range).toMatch(/^bytes=\d+-$/);
  });

  test('a blob redirected to another host is fetched there without the credentials', async () => {
    front.setRules([
      {
        match: (q) => isBlob(q.url) && layerDigests.some((d) => (q.url ?? '').endsWith(d)),
        times: 99,
        fault: { kind: 'redirect', to: (url) => `http://${other.host}${url}` },
      },
    ]);
    const r = await analyze();
    expect(r.code).toBe(0);
    expect(layersOf(r.stdout)).toEqual(layerDigests);
    expect(other.requests.filter((q) => isBlob(q.url))).toHaveLength(3);
    expect(other.requests.every((q) => !q.auth)).toBe(true);
  });

  test('a 401 on a layer blob (expired session): the main thread logs in again and finishes', async () => {
    const target = layerDigests[1] as string;
    front.setRules([
      {
        match: (q) => (q.url ?? '').endsWith(target),
        fault: { kind: 'status', status: 401, headers: { 'www-authenticate': 'Basic realm="layerlint-test"' } },
      },
    ]);
    const r = await analyze();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(layersOf(r.stdout)).toEqual(layerDigests);
    expect(front.requests.filter((q) => q.url.endsWith(target))).toHaveLength(2);
  });

  test('a corrupt blob: exit 2 and one line naming the layer', async () => {
    const target = layerDigests[0] as string;
    front.setRules([{ match: (q) => (q.url ?? '').endsWith(target), fault: { kind: 'corrupt' } }]);
    const r = await analyze();
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^layerlint: layer 0 \(sha256:[0-9a-f]{12}\)(: gzip data is corrupt| digest mismatch)/);
  });
});
