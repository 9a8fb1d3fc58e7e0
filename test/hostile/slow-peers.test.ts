// Items 6, 9 (token answer) and 11 (digests in URL paths): a registry or daemon that trickles,
// oversizes or names paths as digests ends the run in one line naming the bound, within a bound
// of its own; a body abandoned by a redirect does not hold the process after its result.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BoundedResult, expectOneLineRefusal, runBounded } from './bounded.js';
import { type Fault, type SlowPeer, slowPeer } from './generators/slow-peer.js';

let dir: string;
let peer: SlowPeer | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'll-slow-'));
});
afterEach(async () => {
  await peer?.close();
  peer = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const BOUND = { timeoutMs: 40_000, maxRssMiB: 400 };

async function run(role: 'registry' | 'daemon', fault: Fault, extra: string[] = []): Promise<BoundedResult> {
  peer = await slowPeer(role, fault, join(dir, 'd.sock'));
  const args = ['analyze', peer.ref, '--timeout', '1', ...extra];
  if (role === 'daemon') args.push('--host', peer.address);
  return runBounded(args, BOUND);
}

describe('a registry', () => {
  test.each([
    ['trickles the manifest response, headers included', { kind: 'trickle-all', match: /\/manifests\// }],
    ['sends the manifest headers, then trickles its body', { kind: 'trickle-body', match: /\/manifests\// }],
  ] as const)('that %s: one line naming --timeout', async (_, fault) => {
    const r = await run('registry', fault);
    expectOneLineRefusal(r, /--timeout 1 s/);
    expect(r.stderr).not.toMatch(/aborted/);
  });

  test('that trickles a layer blob: cut at the minimum rate, one line naming it', async () => {
    const r = await run('registry', { kind: 'trickle-body', match: /\/blobs\/sha256:[0-9a-f]{64}$/ });
    expectOneLineRefusal(r, /bytes\/s floor \(--timeout 1 s\)/);
  });

  test('whose blob redirect trickles its body: the result, and the process ends with it', async () => {
    const r = await run('registry', { kind: 'redirect-trickle', match: /^\/v2\/.*\/blobs\// }, ['-f', 'json']);
    expect(r.killedFor).toBeUndefined();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).images[0].layers).toHaveLength(1);
    expect(r.ms).toBeLessThan(15_000); // the trickled bodies would last for hours
  });

  test('whose token server answers with 2 MB: one line', async () => {
    const r = await run('registry', { kind: 'huge-token' });
    expectOneLineRefusal(
      r,
      /^layerlint: token server 127\.0\.0\.1:\d+ answer is 2097164 bytes, more than the 1048576 allowed$/m,
    );
  });

  test('whose manifest names a layer digest that is a path: refused before it goes into a URL', async () => {
    const r = await run('registry', { kind: 'digest-path' });
    expectOneLineRefusal(r, /digest/);
    expect(peer?.requests.filter((q) => /_catalog|\.\./.test(q))).toEqual([]);
  });
});

describe('a daemon', () => {
  test('that trickles its /version answer: one line naming --timeout', async () => {
    const r = await run('daemon', { kind: 'trickle-all', match: /\/version$/ });
    expectOneLineRefusal(r, /--timeout 1 s/);
  });

  test('that trickles its export: cut at the minimum rate, one line naming it', async () => {
    const r = await run('daemon', { kind: 'trickle-body', match: /\/get$/ });
    expectOneLineRefusal(r, /bytes\/s floor \(--timeout 1 s\)/);
  });
});
