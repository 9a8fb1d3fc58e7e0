// Item 2: nothing a source vouched for without hashing may answer for the genuine layer later.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBounded } from './bounded.js';
import { poisonedDaemon } from './generators/poisoned-daemon.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'll-poison-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a lying daemon export does not hide the genuine archive’s secret through the shared cache', async () => {
  const daemon = await poisonedDaemon(dir);
  const cacheHome = join(dir, 'cache');
  try {
    const bound = { timeoutMs: 30_000, maxRssMiB: 512, cacheHome };
    const fromDaemon = ['analyze', 'docker-daemon:victim:latest', '--host', daemon.host, '-f', 'json'];
    // the lie: the daemon's export has no key (and nobody hashed it: dockerd vouches for its layers)
    const lied = await runBounded(fromDaemon, bound);
    expect(lied.killedFor).toBeUndefined();
    expect(lied.stderr).toBe('');
    expect(lied.code).toBe(0);
    // asked again, the daemon's answer comes from what it vouched for, and the report says whose
    const liedAgain = await runBounded(fromDaemon, bound);
    expect(liedAgain.code).toBe(0);
    expect(JSON.parse(liedAgain.stdout).images[0].notices).toContain(
      "2 of 2 layers came from the layer cache, not from this run's bytes (2 of them from this daemon's own earlier exports, which it vouched for)",
    );
    // the genuine archive, with the same cache: its layer is walked, the key is found, the gate fails
    const real = await runBounded(['analyze', daemon.archive, '-f', 'json'], bound);
    expect(real.killedFor).toBeUndefined();
    expect(real.code).toBe(1);
    const report = JSON.parse(real.stdout);
    expect(report.images[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('secret-file');
    expect(report.images[0].notices.join('\n')).not.toMatch(/layer cache/);
    // from then on the verified walks answer, for the archive and for the daemon alike
    for (const args of [['analyze', daemon.archive, '-f', 'json'], fromDaemon]) {
      const again = await runBounded(args, bound);
      expect(again.code).toBe(1);
      expect(JSON.parse(again.stdout).images[0].notices).toContain(
        "2 of 2 layers came from the layer cache, not from this run's bytes",
      );
    }
  } finally {
    await daemon.close();
  }
});
